// Pure helpers for trust boundaries on the canvas: nesting order, which boundary holds what,
// absolute and relative positions, and the flows that cross a boundary.

import { BOUNDARY_HEADER, BOUNDARY_PADDING, type Boundary, type ElementId, type Model } from '../bindings';

type Point = { x: number; y: number };

/** A boundary's box on the canvas, with the model's defaults where the snapshot leaves a value out. */
export function boxOf(boundary: Boundary): { x: number; y: number; width: number; height: number } {
  return {
    x: boundary.position?.x ?? 0,
    y: boundary.position?.y ?? 0,
    width: boundary.size?.width ?? 320,
    height: boundary.size?.height ?? 200,
  };
}

/** Boundaries with every parent before its children, as the canvas needs them. */
export function parentsFirst(boundaries: readonly Boundary[]): Boundary[] {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const depth = (b: Boundary): number => {
    let d = 0;
    let next = b.parent ? byId.get(b.parent) : undefined;
    while (next && d <= boundaries.length) {
      d += 1;
      next = next.parent ? byId.get(next.parent) : undefined;
    }
    return d;
  };
  return boundaries
    .map((b, i) => ({ b, i, d: depth(b) }))
    .sort((a, z) => a.d - z.d || a.i - z.i)
    .map(({ b }) => b);
}

/** The boundary each element is drawn in: the first that holds it directly. */
export function holders(model: Model): Map<string, string> {
  const held = new Map<string, string>();
  for (const boundary of model.boundaries ?? []) {
    for (const member of boundary.contains ?? []) if (!held.has(member)) held.set(member, boundary.id);
  }
  return held;
}

/** Every boundary an element is inside (directly or through nesting), as a sorted key. */
function enclosure(model: Model, element: ElementId): string {
  const byId = new Map((model.boundaries ?? []).map((b) => [b.id, b]));
  const around = new Set<string>();
  for (const boundary of model.boundaries ?? []) {
    if (!(boundary.contains ?? []).includes(element)) continue;
    let next: Boundary | undefined = boundary;
    while (next && !around.has(next.id)) {
      around.add(next.id);
      next = next.parent ? byId.get(next.parent) : undefined;
    }
  }
  return [...around].sort().join('|');
}

/** The flows whose two ends are not inside the same boundaries: they cross a trust boundary. */
export function crossingFlows(model: Model): Set<string> {
  const crossing = new Set<string>();
  if ((model.boundaries ?? []).length === 0) return crossing;
  const cache = new Map<ElementId, string>();
  const key = (id: ElementId) => {
    let k = cache.get(id);
    if (k === undefined) cache.set(id, (k = enclosure(model, id)));
    return k;
  };
  for (const flow of model.flows) if (key(flow.from) !== key(flow.to)) crossing.add(flow.id);
  return crossing;
}

/** A position relative to the boundary `parent` (or unchanged at the top level). */
export function relativeTo(model: Model, parent: string | null | undefined, absolute: Point): Point {
  const boundary = parent ? (model.boundaries ?? []).find((b) => b.id === parent) : undefined;
  if (!boundary) return { x: absolute.x, y: absolute.y };
  const box = boxOf(boundary);
  return { x: absolute.x - box.x, y: absolute.y - box.y };
}

/** A box around the given rectangles, with room for a boundary's title; null for none. */
export function boxAround(rects: readonly { x: number; y: number; width: number; height: number }[]): {
  position: Point;
  size: { width: number; height: number };
} | null {
  if (rects.length === 0) return null;
  // The model's own numbers, so the box is the one the model would draw around these members.
  const pad = BOUNDARY_PADDING;
  const header = BOUNDARY_HEADER;
  const left = Math.min(...rects.map((r) => r.x)) - pad;
  const top = Math.min(...rects.map((r) => r.y)) - pad - header;
  const right = Math.max(...rects.map((r) => r.x + r.width)) + pad;
  const bottom = Math.max(...rects.map((r) => r.y + r.height)) + pad;
  return { position: { x: Math.round(left), y: Math.round(top) }, size: { width: Math.round(right - left), height: Math.round(bottom - top) } };
}

/** The trust a boundary declares, or `partial` (the catalog's default) when it says nothing. */
export function trustOf(boundary: Boundary): string {
  const trust = boundary.properties?.trust;
  return typeof trust === 'string' ? trust : 'partial';
}
