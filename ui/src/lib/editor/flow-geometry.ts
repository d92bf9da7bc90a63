// Where a flow is drawn: from the side of its source that faces its target to the side of the
// target that faces the source, so a flow never doubles back around an element. Two flows in
// opposite directions between the same elements are drawn apart, each with its own label.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface FlowEnds {
  source: { x: number; y: number; side: Side };
  target: { x: number; y: number; side: Side };
}

/** How far apart the two curves of a pair of opposite flows are drawn. */
export const PAIR_SPACING = 14;

const centre = (b: Box) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/** The sides of `from` and `to` that face each other. Boxes side by side face left and right;
 *  boxes one above the other (more apart in height than their widths allow) top and bottom. */
export function facingSides(from: Box, to: Box): [Side, Side] {
  const a = centre(from);
  const b = centre(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  // Compared in units of the boxes' sizes, so wide elements still connect side to side.
  const horizontal = Math.abs(dx) / ((from.width + to.width) / 2) >= Math.abs(dy) / ((from.height + to.height) / 2);
  if (horizontal) return dx >= 0 ? ['right', 'left'] : ['left', 'right'];
  return dy >= 0 ? ['bottom', 'top'] : ['top', 'bottom'];
}

/** The middle of `side` of `box`, moved `shift` along the side. */
function anchor(box: Box, side: Side, shift: number): { x: number; y: number } {
  const c = centre(box);
  switch (side) {
    case 'left':
      return { x: box.x, y: c.y + shift };
    case 'right':
      return { x: box.x + box.width, y: c.y + shift };
    case 'top':
      return { x: c.x + shift, y: box.y };
    case 'bottom':
      return { x: c.x + shift, y: box.y + box.height };
  }
}

/**
 * The ends of a flow from `from` to `to`. `lane` separates a pair of opposite flows: -1 and +1
 * put them on either side of the line between the elements, 0 (a lone flow) on it.
 */
export function flowEnds(from: Box, to: Box, lane: -1 | 0 | 1 = 0): FlowEnds {
  const [out, into] = facingSides(from, to);
  const shift = lane * PAIR_SPACING;
  const s = anchor(from, out, shift);
  const t = anchor(to, into, shift);
  return { source: { ...s, side: out }, target: { ...t, side: into } };
}

/**
 * The lane of each flow: a flow with a twin running the other way between the same two
 * elements gets -1 or +1 (the one from the element with the smaller id -1), every other flow 0.
 */
export function lanes(flows: readonly { id: string; from: string; to: string }[]): Map<string, -1 | 0 | 1> {
  const directions = new Set(flows.map((f) => `${f.from}\u0000${f.to}`));
  const result = new Map<string, -1 | 0 | 1>();
  for (const f of flows) {
    const paired = f.from !== f.to && directions.has(`${f.to}\u0000${f.from}`);
    result.set(f.id, paired ? (f.from < f.to ? -1 : 1) : 0);
  }
  return result;
}

const NORMALS: Record<Side, { x: number; y: number }> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
};

/** Where along its curve a flow's label sits: the middle for a lone flow; a flow of an opposite
 *  pair has it nearer its own source, so the pair's labels never sit on each other. */
export const LABEL_AT = { lone: 0.5, paired: 0.3 };

/**
 * The flow's curve as an SVG path (a cubic Bézier leaving and entering at right angles to the
 * sides), and where its label goes.
 */
export function flowCurve(
  ends: FlowEnds,
  paired: boolean,
): { path: string; label: { x: number; y: number }; labelRoom: number | null } {
  const { source: s, target: t } = ends;
  const reach = Math.max(30, Math.hypot(t.x - s.x, t.y - s.y) * 0.35);
  const c1 = { x: s.x + NORMALS[s.side].x * reach, y: s.y + NORMALS[s.side].y * reach };
  const c2 = { x: t.x + NORMALS[t.side].x * reach, y: t.y + NORMALS[t.side].y * reach };
  const at = paired ? LABEL_AT.paired : LABEL_AT.lone;
  const u = 1 - at;
  const point = (a: number, b: number, c: number, d: number) => u * u * u * a + 3 * u * u * at * b + 3 * u * at * at * c + at * at * at * d;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    path: `M ${round(s.x)},${round(s.y)} C ${round(c1.x)},${round(c1.y)} ${round(c2.x)},${round(c2.y)} ${round(t.x)},${round(t.y)}`,
    label: { x: round(point(s.x, c1.x, c2.x, t.x)), y: round(point(s.y, c1.y, c2.y, t.y)) },
    labelRoom: labelRoom(ends),
  };
}

/** The least room a label is given, however close the elements. */
const MIN_LABEL_ROOM = 28;

/**
 * How wide a flow's label may be so that it stays between the two elements (and off their
 * badges): between side-by-side elements, the gap less a margin; elements one above the other
 * leave it the width it needs (null).
 */
export function labelRoom(ends: FlowEnds): number | null {
  const horizontal = ends.source.side === 'left' || ends.source.side === 'right';
  if (!horizontal) return null;
  return Math.max(MIN_LABEL_ROOM, Math.round(Math.abs(ends.target.x - ends.source.x) - 12));
}
