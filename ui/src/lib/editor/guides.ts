// Alignment guides for a drag, as drawing programs have them: when an edge or the centre line of
// the dragged selection comes close to the same kind of line of another box, the selection snaps
// onto it and a guide shows the match. Pure geometry, in canvas coordinates.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The axis a guide measures along: `x` for a vertical line, `y` for a horizontal one. */
export type Axis = 'x' | 'y';

/**
 * A guide line: at `at` on its axis (x = `at` for a vertical guide), reaching from `from` to `to`
 * across it, so that it runs through every box it lines up.
 */
export interface Guide {
  axis: Axis;
  at: number;
  from: number;
  to: number;
}

export interface Alignment {
  /** How far the dragged boxes move to line up, per axis; null where nothing is close enough. */
  offset: { x: number | null; y: number | null };
  /** The guides to show: at most one per axis. */
  guides: Guide[];
}

/** How close on the screen, in pixels, a line must come to another to snap onto it. */
export const SNAP_PIXELS = 6;

/** Lines this close count as one: positions are whole units, measured sizes need not be. */
const ON_LINE = 0.5;

/**
 * How close, in canvas units, a line must come to another to snap onto it at this zoom: a few
 * pixels on the screen, but at least half a grid step. The grid lets a drag stop only on its
 * steps, and one of them is always within half a step of any line.
 */
export function snapDistance(zoom: number, grid: number): number {
  return Math.max(SNAP_PIXELS / zoom, grid / 2);
}

/**
 * Where the dragged boxes line up with the others: per axis, the shift (within `threshold`) that
 * puts one of the selection's lines (left edge, centre, right edge; top, middle, bottom) onto the
 * nearest such line of another box, and the guide that shows it.
 */
export function alignmentOf(dragged: readonly Rect[], others: readonly Rect[], threshold: number): Alignment {
  const selection = boundsOf(dragged);
  if (!selection) return { offset: { x: null, y: null }, guides: [] };
  const matches = { x: nearestMatch(selection, others, 'x', threshold), y: nearestMatch(selection, others, 'y', threshold) };
  const landed = { ...selection, x: selection.x + (matches.x?.shift ?? 0), y: selection.y + (matches.y?.shift ?? 0) };
  const guides = (['x', 'y'] as const).flatMap((axis) => {
    const match = matches[axis];
    return match ? [guideThrough(landed, others, axis, match.line)] : [];
  });
  return { offset: { x: matches.x?.shift ?? null, y: matches.y?.shift ?? null }, guides };
}

/** The box around all of `rects`, or null when there are none. */
function boundsOf(rects: readonly Rect[]): Rect | null {
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}

const startOf = (rect: Rect, axis: Axis) => (axis === 'x' ? rect.x : rect.y);
const sizeOf = (rect: Rect, axis: Axis) => (axis === 'x' ? rect.width : rect.height);
const across = (axis: Axis): Axis => (axis === 'x' ? 'y' : 'x');

/** A box's lines on an axis: its near edge, its centre line and its far edge. */
function linesOf(rect: Rect, axis: Axis): number[] {
  const start = startOf(rect, axis);
  const size = sizeOf(rect, axis);
  return [start, start + size / 2, start + size];
}

/** The smallest shift within `threshold` that puts a line of `selection` onto one of another box's. */
function nearestMatch(
  selection: Rect,
  others: readonly Rect[],
  axis: Axis,
  threshold: number,
): { shift: number; line: number } | null {
  let best: { shift: number; line: number } | null = null;
  for (const other of others) {
    for (const line of linesOf(other, axis)) {
      for (const own of linesOf(selection, axis)) {
        const shift = line - own;
        if (Math.abs(shift) <= threshold && (!best || Math.abs(shift) < Math.abs(best.shift))) best = { shift, line };
      }
    }
  }
  return best;
}

/** The guide at `line`, long enough to run through the selection and every box on that line. */
function guideThrough(selection: Rect, others: readonly Rect[], axis: Axis, line: number): Guide {
  const onLine = others.filter((other) => linesOf(other, axis).some((l) => Math.abs(l - line) < ON_LINE));
  const spanned = [selection, ...onLine];
  const other = across(axis);
  return {
    axis,
    at: line,
    from: Math.min(...spanned.map((r) => startOf(r, other))),
    to: Math.max(...spanned.map((r) => startOf(r, other) + sizeOf(r, other))),
  };
}
