// Pure helpers that compute new positions for the selection: align and distribute. The result is
// sent as one Arrange edit, so one undo puts everything back.

import type { ElementId, ElementMove } from '../bindings';

export interface Box {
  id: ElementId;
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Alignment = 'left' | 'centre' | 'right' | 'top' | 'middle' | 'bottom';

/** Moves that line the boxes up on the group's outer edge or its centre line. */
export function align(boxes: readonly Box[], how: Alignment): ElementMove[] {
  if (boxes.length < 2) return [];
  const left = Math.min(...boxes.map((b) => b.x));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const place = (b: Box): { x: number; y: number } => {
    switch (how) {
      case 'left':
        return { x: left, y: b.y };
      case 'right':
        return { x: right - b.width, y: b.y };
      case 'centre':
        return { x: (left + right) / 2 - b.width / 2, y: b.y };
      case 'top':
        return { x: b.x, y: top };
      case 'bottom':
        return { x: b.x, y: bottom - b.height };
      case 'middle':
        return { x: b.x, y: (top + bottom) / 2 - b.height / 2 };
    }
  };
  return changed(boxes, place);
}

/** Moves that space the boxes evenly between the outermost two, across or down. */
export function distribute(boxes: readonly Box[], axis: 'horizontal' | 'vertical'): ElementMove[] {
  if (boxes.length < 3) return [];
  const across = axis === 'horizontal';
  const start = (b: Box) => (across ? b.x : b.y);
  const extent = (b: Box) => (across ? b.width : b.height);
  const sorted = [...boxes].sort((a, b) => start(a) - start(b) || a.id.localeCompare(b.id));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const used = sorted.reduce((sum, b) => sum + extent(b), 0);
  const gap = (start(last) + extent(last) - start(first) - used) / (sorted.length - 1);
  const positions = new Map<string, number>();
  let cursor = start(first);
  for (const b of sorted) {
    positions.set(b.id, cursor);
    cursor += extent(b) + gap;
  }
  return changed(boxes, (b) => (across ? { x: positions.get(b.id)!, y: b.y } : { x: b.x, y: positions.get(b.id)! }));
}

function changed(boxes: readonly Box[], place: (b: Box) => { x: number; y: number }): ElementMove[] {
  return boxes
    .map((b) => ({ b, to: place(b) }))
    .map(({ b, to }) => ({ b, to: { x: Math.round(to.x), y: Math.round(to.y) } }))
    .filter(({ b, to }) => to.x !== Math.round(b.x) || to.y !== Math.round(b.y))
    .map(({ b, to }) => ({ id: b.id, position: to }));
}
