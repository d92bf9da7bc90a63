// The overview: how the canvas shows a large model when more elements are in view than it can
// afford to draw as full components. Each element component costs the web page hundreds of
// kilobytes, so past a limit the elements become coloured boxes and the flows thin curves, all
// painted into one bitmap the size of the pane. Zooming in until few enough elements are in
// view brings the full components back.
//
// Pure: a scene is built from the canvas's nodes and edges and queried for what is in view,
// what lies under a point or inside a box; overview-paint.ts draws it. No Svelte, no DOM.

import type { Edge, Node } from '@xyflow/svelte';
import type { ElementId, ElementMove, Severity } from '../bindings';
import { asElementId } from '../ids';
import { layerColour } from '../kinds/registry';
import { NODE_SIZE } from './layout';

/** A model with no more elements than this is always drawn whole, as components. */
export const LARGE_MODEL = 150;
/** The most elements in view that the canvas draws as components in a large model. */
export const DETAIL_LIMIT = 45;
/** Back from the overview once no more than this many are in view, so the view does not flicker. */
const DETAIL_AGAIN = 35;
/**
 * In detail, elements within this share of the view's size beyond each edge are drawn too, so
 * a short pan shows them at once and the set of components changes only now and then.
 */
const COVER_MARGIN = 0.1;

export type Mode = 'detail' | 'overview';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

export interface SceneBox extends Rect {
  id: ElementId;
  name: string;
  colour: string;
  dimmed: boolean;
  /** On a highlighted chain or blast radius. */
  onPath: boolean;
  /** The worst severity among its open findings, if any. */
  severity: Severity | null;
}

export interface SceneFlow {
  id: string;
  /** The ids of its source and target. */
  ends: [string, string];
  /** Where it leaves its source (the middle of the right side) and enters its target (left). */
  from: { x: number; y: number };
  to: { x: number; y: number };
  crossing: boolean;
  dimmed: boolean;
  onPath: boolean;
}

export interface Scene {
  boxes: SceneBox[];
  flows: SceneFlow[];
}

export const EMPTY_SCENE: Scene = { boxes: [], flows: [] };

/** Whether a model has enough elements that the canvas may have to cull them. */
export function isLarge(elements: number): boolean {
  return elements > LARGE_MODEL;
}

/** Whether a node or edge carries a class (the canvas only ever sets them as strings). */
function hasClass(item: { class?: unknown }, name: string): boolean {
  return typeof item.class === 'string' && item.class.split(' ').includes(name);
}

/** Absolute positions of nodes whose positions are relative to the boundary they sit in. */
function absolutePositions(nodes: readonly Node[]): Map<string, { x: number; y: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const absolute = new Map<string, { x: number; y: number }>();
  const visiting = new Set<string>();
  const resolve = (node: Node): { x: number; y: number } => {
    const known = absolute.get(node.id);
    if (known) return known;
    visiting.add(node.id);
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    // A parent already on the way up can only be a cycle: the node is then taken as top level.
    const origin = parent && !visiting.has(parent.id) ? resolve(parent) : { x: 0, y: 0 };
    visiting.delete(node.id);
    const at = { x: origin.x + node.position.x, y: origin.y + node.position.y };
    absolute.set(node.id, at);
    return at;
  };
  for (const node of nodes) resolve(node);
  return absolute;
}

/**
 * The scene for the canvas's nodes and edges: element nodes become boxes of the nominal element
 * size (boundaries and band labels stay components), edges between them become flows.
 */
export function sceneOf(nodes: readonly Node[], edges: readonly Edge[]): Scene {
  const at = absolutePositions(nodes);
  const boxes: SceneBox[] = [];
  const byId = new Map<string, SceneBox>();
  for (const node of nodes) {
    if (node.type !== 'element') continue;
    const position = at.get(node.id) ?? node.position;
    const data = node.data as { name?: string; layer?: string | null; worstOpen?: Severity | null };
    const box: SceneBox = {
      id: asElementId(node.id),
      x: position.x,
      y: position.y,
      width: NODE_SIZE.width,
      height: NODE_SIZE.height,
      name: data.name ?? '',
      colour: layerColour(data.layer),
      dimmed: hasClass(node, 'dimmed'),
      onPath: hasClass(node, 'on-path'),
      severity: data.worstOpen ?? null,
    };
    boxes.push(box);
    byId.set(box.id, box);
  }
  const flows: SceneFlow[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    flows.push({
      id: edge.id,
      ends: [edge.source, edge.target],
      from: { x: source.x + source.width, y: source.y + source.height / 2 },
      to: { x: target.x, y: target.y + target.height / 2 },
      crossing: Boolean(edge.data?.crossing),
      dimmed: hasClass(edge, 'dimmed'),
      onPath: hasClass(edge, 'on-path'),
    });
  }
  return { boxes, flows };
}

/** The part of the canvas in view, in canvas coordinates. */
export function viewRect(viewport: Viewport, pane: { width: number; height: number }): Rect {
  return {
    x: -viewport.x / viewport.zoom,
    y: -viewport.y / viewport.zoom,
    width: pane.width / viewport.zoom,
    height: pane.height / viewport.zoom,
  };
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** How many boxes are at least partly in `view`. */
export function countInView(boxes: readonly Rect[], view: Rect): number {
  let count = 0;
  for (const box of boxes) if (overlaps(box, view)) count += 1;
  return count;
}

/**
 * Detail while few enough elements are in view, the overview past the limit. Between the two
 * thresholds the canvas stays as it is, so a view near the limit does not switch back and forth.
 */
export function nextMode(current: Mode, inView: number): Mode {
  if (inView > DETAIL_LIMIT) return 'overview';
  if (inView <= DETAIL_AGAIN) return 'detail';
  return current;
}

/** Whether `inner` lies wholly inside `outer`. */
export function within(inner: Rect, outer: Rect): boolean {
  return contains(outer, inner);
}

/** The part of the canvas to draw as components while `view` is shown (see COVER_MARGIN). */
export function coverFor(view: Rect): Rect {
  const dx = view.width * COVER_MARGIN;
  const dy = view.height * COVER_MARGIN;
  return { x: view.x - dx, y: view.y - dy, width: view.width + 2 * dx, height: view.height + 2 * dy };
}

/**
 * The elements to draw as components for `cover`: those at least partly in it. The rest, and
 * flows with an end among them, are painted behind the components (see `paintScene`).
 */
export function shownIn(scene: Scene, cover: Rect): Set<string> {
  return new Set(scene.boxes.filter((box) => overlaps(box, cover)).map((box) => box.id));
}

/** The smallest rectangle around the boxes, or null for none. */
export function boundsOf(boxes: readonly Rect[]): Rect | null {
  if (boxes.length === 0) return null;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The scene with the boxes `ids` moved by (`dx`, `dy`), and the ends of their flows with them:
 * what the overview shows while they are dragged.
 */
export function shifted(scene: Scene, ids: ReadonlySet<string>, dx: number, dy: number): Scene {
  const move = (p: { x: number; y: number }) => ({ x: p.x + dx, y: p.y + dy });
  return {
    boxes: scene.boxes.map((box) => (ids.has(box.id) ? { ...box, ...move(box) } : box)),
    flows: scene.flows.map((flow) => ({
      ...flow,
      from: ids.has(flow.ends[0]) ? move(flow.from) : flow.from,
      to: ids.has(flow.ends[1]) ? move(flow.to) : flow.to,
    })),
  };
}

/** Where the boxes `ids` land when dragged by (`dx`, `dy`), on the canvas's grid. */
export function landing(scene: Scene, ids: ReadonlySet<string>, dx: number, dy: number, grid: number): ElementMove[] {
  const snap = (n: number) => Math.round(n / grid) * grid;
  return scene.boxes
    .filter((box) => ids.has(box.id))
    .map((box) => ({ id: box.id, position: { x: snap(box.x + dx), y: snap(box.y + dy) } }));
}

/** The topmost box under a point (boxes later in the scene are drawn over earlier ones). */
export function boxAt(scene: Scene, point: { x: number; y: number }): SceneBox | null {
  for (let i = scene.boxes.length - 1; i >= 0; i -= 1) {
    const box = scene.boxes[i];
    if (point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height) return box;
  }
  return null;
}

/** The boxes wholly inside `area`, as a box selection takes them. */
export function boxesWithin(scene: Scene, area: Rect): SceneBox[] {
  return scene.boxes.filter((box) => contains(area, box));
}

/** The rectangle spanned by two corners, in any order. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

/** The control distance of a flow's curve, as the detailed canvas draws it. */
function bend(from: { x: number }, to: { x: number }): number {
  return to.x >= from.x ? (to.x - from.x) / 2 : 0.25 * 25 * Math.sqrt(from.x - to.x);
}

/** The two control points of a flow's curve. */
export function controls({ from, to }: SceneFlow): [{ x: number; y: number }, { x: number; y: number }] {
  const d = bend(from, to);
  return [
    { x: from.x + d, y: from.y },
    { x: to.x - d, y: to.y },
  ];
}

/** The rectangle a flow's curve stays within. */
export function flowBounds(flow: SceneFlow): Rect {
  const d = bend(flow.from, flow.to);
  return rectBetween({ x: Math.min(flow.from.x, flow.to.x - d), y: flow.from.y }, { x: Math.max(flow.to.x, flow.from.x + d), y: flow.to.y });
}
