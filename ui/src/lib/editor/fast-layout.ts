// A layered layout for large models, linear in the size of the model: what ELK does for small
// ones (flows run left to right, boundaries are boxes around what they hold) without its crossing
// minimisation over long-edge dummies, which takes many seconds at a thousand elements.
//
// Each boundary is laid out on its own, inside out: its members (elements and boundaries) are
// placed, then the boundary is one box in the layout of what holds it. A flow between members of
// different boxes counts as a flow between those boxes. Within one box: cycles are broken (the
// edges that close them are reversed), every member gets the layer of the longest path to it,
// members of a layer are ordered by the mean place of their neighbours (a few sweeps), and a
// very long chain of layers is wrapped into bands so the drawing keeps a screen-like shape.
// Pure: no DOM, no clock; the same model always gives the same layout.

import { BOUNDARY_HEADER, BOUNDARY_PADDING, type BoundaryGeometry, type ElementMove, type Model } from '../bindings';
import { holders } from './boundaries';
import { asBoundaryId, asElementId } from '../ids';

export type Size = { width: number; height: number };

/** Space between layers, between members of a layer, and between wrapped bands. */
const LAYER_GAP = 120;
const NODE_GAP = 48;
const BAND_GAP = 160;
/** Ordering sweeps (down and up count as one each). */
const SWEEPS = 4;
/** The shape a wrapped drawing aims for (width over height), and how wide it gets before wrapping. */
const ASPECT = 1.6;
const WRAP_WIDTH = 4000;
/** Room inside a boundary around what it holds; its name sits in the top part. */
const PAD = { top: BOUNDARY_HEADER + BOUNDARY_PADDING, side: BOUNDARY_PADDING };

export interface LaidOut {
  moves: ElementMove[];
  boundaries: BoundaryGeometry[];
}

/** What the layout tells as it goes: the share of the work done, 0 to 1. */
export type Progress = (done: number) => void;

/** One box being laid out: an element, or a boundary with its own members. */
interface Box {
  id: string;
  boundary: boolean;
  size: Size;
  members: Box[];
  /** Where the box sits in the box that holds it (set once that is laid out). */
  x: number;
  y: number;
}

/** Lays out the whole model; `sizes` gives elements their measured size (else `fallback`). */
export function fastLayout(model: Model, sizes: ReadonlyMap<string, Size>, fallback: Size, progress?: Progress): LaidOut {
  const root = containment(model, sizes, fallback);
  const flows = flowsByBox(model, chainsOf(root));
  // Work is counted in members placed.
  const total = Math.max(1, model.elements.length + (model.boundaries?.length ?? 0));
  let done = 0;
  const place = (box: Box) => {
    for (const member of box.members) if (member.boundary) place(member);
    arrange(box, flows.get(box.id) ?? []);
    done += box.members.length;
    progress?.(Math.min(1, done / total));
  };
  place(root);
  return absolute(root);
}

/** The tree of boxes: the model's boundaries nested as drawn, elements in the boundary that holds them. */
function containment(model: Model, sizes: ReadonlyMap<string, Size>, fallback: Size): Box {
  const root: Box = { id: '', boundary: true, size: { width: 0, height: 0 }, members: [], x: 0, y: 0 };
  const boxes = new Map<string, Box>();
  for (const b of model.boundaries ?? []) {
    boxes.set(b.id, { id: b.id, boundary: true, size: { width: 0, height: 0 }, members: [], x: 0, y: 0 });
  }
  const parentOf = (id: string | null | undefined) => (id ? boxes.get(id) : undefined) ?? root;
  const parents = new Map((model.boundaries ?? []).map((b) => [b.id, b.parent ?? null]));
  for (const b of model.boundaries ?? []) {
    // A parent chain that loops back is cut where it closes: the box goes to the top.
    const parent = parentOf(b.parent);
    (isInside(parent.id || null, b.id, parents) ? root : parent).members.push(boxes.get(b.id)!);
  }
  const held = holders(model);
  for (const e of model.elements) {
    const size = sizes.get(e.id) ?? fallback;
    parentOf(held.get(e.id)).members.push({ id: e.id, boundary: false, size, members: [], x: 0, y: 0 });
  }
  return root;
}

/** Whether the boundary `at` is `id` itself or sits, by the model's parent links, inside it. */
function isInside(at: string | null, id: string, parents: ReadonlyMap<string, string | null>): boolean {
  for (let steps = 0; at !== null && steps <= parents.size; steps++) {
    if (at === id) return true;
    at = parents.get(at) ?? null;
  }
  return false;
}

/** For every element, the boxes that hold it, outermost first, ending with the element itself. */
function chainsOf(root: Box): Map<string, string[]> {
  const chains = new Map<string, string[]>();
  const walk = (box: Box, chain: string[]) => {
    for (const member of box.members) {
      const path = [...chain, member.id];
      if (member.boundary) walk(member, path);
      else chains.set(member.id, path);
    }
  };
  walk(root, []);
  return chains;
}

/**
 * Each flow as an edge between two members of one box: the innermost box holding both ends
 * (the root is ''), between the members of it that hold each end. In one pass over the flows.
 */
function flowsByBox(model: Model, chains: Map<string, string[]>): Map<string, [string, string][]> {
  const byBox = new Map<string, [string, string][]>();
  for (const flow of model.flows) {
    const from = chains.get(flow.from);
    const to = chains.get(flow.to);
    if (!from || !to || flow.from === flow.to) continue;
    let shared = 0;
    while (shared < from.length && shared < to.length && from[shared] === to[shared]) shared++;
    const box = shared === 0 ? '' : from[shared - 1];
    const list = byBox.get(box);
    const edge: [string, string] = [from[shared], to[shared]];
    if (list) list.push(edge);
    else byBox.set(box, [edge]);
  }
  return byBox;
}

/** Places a box's members (their own sizes known) and sets the box's size around them. */
function arrange(box: Box, flows: readonly [string, string][]): void {
  const members = box.members;
  if (members.length === 0) {
    if (box.id) box.size = { width: 2 * PAD.side + 160, height: PAD.top + PAD.side + 60 };
    return;
  }
  const index = new Map(members.map((m, i) => [m.id, i]));
  const seen = new Set<number>();
  const edges: [number, number][] = [];
  for (const [a, b] of flows) {
    const from = index.get(a);
    const to = index.get(b);
    if (from === undefined || to === undefined || from === to) continue;
    const key = from * members.length + to;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push([from, to]);
  }
  const layers = layering(members.length, edges);
  const order = ordering(members.length, edges, layers);
  placeLayers(members, order);
  const right = maxOf(members.map((m) => m.x + m.size.width));
  const bottom = maxOf(members.map((m) => m.y + m.size.height));
  if (box.id) {
    for (const m of members) {
      m.x += PAD.side;
      m.y += PAD.top;
    }
    box.size = { width: right + 2 * PAD.side, height: bottom + PAD.top + PAD.side };
  } else {
    box.size = { width: right, height: bottom };
  }
}

/**
 * Each node's layer: the longest path to it once the edges that close cycles are reversed.
 * Iterative throughout, so deep chains cannot overflow the stack.
 */
export function layering(n: number, edges: readonly [number, number][]): number[] {
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) out[a].push(b);
  // Depth-first, in model order: an edge to a node still on the path closes a cycle.
  const state = new Uint8Array(n); // 0 unseen, 1 on the path, 2 done
  const forward: number[][] = Array.from({ length: n }, () => []);
  for (let start = 0; start < n; start++) {
    if (state[start]) continue;
    const stack: [number, number][] = [[start, 0]];
    state[start] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [node, next] = top;
      if (next < out[node].length) {
        top[1] += 1;
        const to = out[node][next];
        if (state[to] === 1) forward[to].push(node); // reversed
        else {
          forward[node].push(to);
          if (state[to] === 0) {
            state[to] = 1;
            stack.push([to, 0]);
          }
        }
      } else {
        state[node] = 2;
        stack.pop();
      }
    }
  }
  // Longest path, in topological order (Kahn).
  const incoming = new Uint32Array(n);
  for (const targets of forward) for (const t of targets) incoming[t] += 1;
  const layer = new Array<number>(n).fill(0);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) if (incoming[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const t of forward[v]) {
      layer[t] = Math.max(layer[t], layer[v] + 1);
      if (--incoming[t] === 0) queue.push(t);
    }
  }
  return layer;
}

/** The nodes of each layer, in order: by the mean place of their neighbours, a few sweeps down and up. */
export function ordering(n: number, edges: readonly [number, number][], layer: readonly number[]): number[][] {
  const count = n === 0 ? 0 : maxOf(layer) + 1;
  const layers: number[][] = Array.from({ length: count }, () => []);
  for (let v = 0; v < n; v++) layers[layer[v]].push(v);
  const before: number[][] = Array.from({ length: n }, () => []);
  const after: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) {
    const [u, w] = layer[a] <= layer[b] ? [a, b] : [b, a];
    if (layer[u] === layer[w]) continue;
    before[w].push(u);
    after[u].push(w);
  }
  // A node's place: its index in its layer, as a share of the layer, so layers of different
  // lengths compare.
  const place = new Float64Array(n);
  const setPlaces = (nodes: number[]) => nodes.forEach((v, i) => (place[v] = (i + 0.5) / nodes.length));
  layers.forEach(setPlaces);
  const sweep = (nodes: number[], neighbours: number[][]) => {
    const key = new Map<number, number>();
    for (const v of nodes) {
      const near = neighbours[v];
      key.set(v, near.length ? near.reduce((sum, u) => sum + place[u], 0) / near.length : place[v]);
    }
    nodes.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
    setPlaces(nodes);
  };
  for (let s = 0; s < SWEEPS; s++) {
    if (s % 2 === 0) for (let l = 1; l < count; l++) sweep(layers[l], before);
    else for (let l = count - 2; l >= 0; l--) sweep(layers[l], after);
  }
  return layers;
}

/** Positions members layer by layer, left to right, wrapping a long run of layers into bands. */
function placeLayers(members: Box[], layers: number[][]): void {
  const widths = layers.map((l) => maxOf(l.map((v) => members[v].size.width)));
  const heights = layers.map((l) => l.reduce((sum, v) => sum + members[v].size.height, 0) + NODE_GAP * (l.length - 1));
  const totalWidth = widths.reduce((a, b) => a + b, 0) + LAYER_GAP * Math.max(0, layers.length - 1);
  const perBand = Math.ceil(layers.length / bandCount(widths, heights, totalWidth));
  let top = 0;
  for (let band = 0; band * perBand < layers.length; band++) {
    const inBand = layers.slice(band * perBand, (band + 1) * perBand);
    const bandHeight = maxOf(inBand.map((_, i) => heights[band * perBand + i]));
    let x = 0;
    inBand.forEach((nodes, i) => {
      const l = band * perBand + i;
      let y = top + (bandHeight - heights[l]) / 2;
      for (const v of nodes) {
        const m = members[v];
        m.x = Math.round(x + (widths[l] - m.size.width) / 2);
        m.y = Math.round(y);
        y += m.size.height + NODE_GAP;
      }
      x += widths[l] + LAYER_GAP;
    });
    top += bandHeight + BAND_GAP;
  }
}

/**
 * Into how many bands a run of layers is wrapped: a drawing many screens wide is cut into the
 * number of bands that brings its shape nearest ASPECT; a short pipeline stays on one line.
 */
function bandCount(widths: readonly number[], heights: readonly number[], totalWidth: number): number {
  if (totalWidth <= WRAP_WIDTH) return 1;
  let best = { bands: 1, off: Infinity };
  const most = Math.min(widths.length, 4 * Math.ceil(Math.sqrt(widths.length)));
  for (let bands = 1; bands <= most; bands++) {
    const perBand = Math.ceil(widths.length / bands);
    let [width, height] = [0, 0];
    for (let first = 0; first < widths.length; first += perBand) {
      let [bandWidth, bandHeight] = [0, 0];
      for (let l = first; l < Math.min(first + perBand, widths.length); l++) {
        bandWidth += widths[l] + LAYER_GAP;
        bandHeight = Math.max(bandHeight, heights[l]);
      }
      width = Math.max(width, bandWidth - LAYER_GAP);
      height += bandHeight + (first > 0 ? BAND_GAP : 0);
    }
    const off = Math.abs(Math.log(width / Math.max(height, 1) / ASPECT));
    if (off < best.off) best = { bands, off };
  }
  return best.bands;
}

/** The largest of many numbers (spreading a long list into Math.max can overflow the stack). */
function maxOf(values: readonly number[]): number {
  return values.reduce((max, v) => (v > max ? v : max), -Infinity);
}

/** Absolute element positions and boundary boxes from the laid-out tree. */
function absolute(root: Box): LaidOut {
  const moves: ElementMove[] = [];
  const boundaries: BoundaryGeometry[] = [];
  const visit = (box: Box, x: number, y: number) => {
    for (const m of box.members) {
      const at = { x: Math.round(x + m.x), y: Math.round(y + m.y) };
      if (m.boundary) {
        boundaries.push({ id: asBoundaryId(m.id), position: at, size: { width: Math.round(m.size.width), height: Math.round(m.size.height) } });
        visit(m, at.x, at.y);
      } else {
        moves.push({ id: asElementId(m.id), position: at });
      }
    }
  };
  visit(root, 0, 0);
  return { moves, boundaries };
}
