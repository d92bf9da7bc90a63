import { describe, expect, it } from 'vitest';
import { freeOffset, freeSpot, PLACEMENT_GAP, type Rect } from './placement';

const box = (x: number, y: number, width = 200, height = 60): Rect => ({ x, y, width, height });
const clear = (a: Rect, b: Rect) =>
  a.x >= b.x + b.width + PLACEMENT_GAP || b.x >= a.x + a.width + PLACEMENT_GAP ||
  a.y >= b.y + b.height + PLACEMENT_GAP || b.y >= a.y + a.height + PLACEMENT_GAP;

describe('freeSpot', () => {
  it('centres a new box on the point when the space is free', () => {
    expect(freeSpot({ x: 500, y: 300 }, { width: 200, height: 60 }, [box(0, 0)])).toEqual({ x: 400, y: 270 });
  });

  it('never lands on another box, and stays near the point', () => {
    const taken = [box(400, 270), box(0, 0)];
    const at = freeSpot({ x: 500, y: 300 }, { width: 200, height: 60 }, taken);
    for (const t of taken) expect(clear(box(at.x, at.y), t)).toBe(true);
    expect(Math.hypot(at.x - 400, at.y - 270)).toBeLessThan(200);
  });

  it('adds several in a row without stacking them', () => {
    const taken: Rect[] = [];
    for (let i = 0; i < 6; i++) {
      const at = freeSpot({ x: 0, y: 0 }, { width: 200, height: 60 }, taken);
      for (const t of taken) expect(clear(box(at.x, at.y), t)).toBe(true);
      taken.push(box(at.x, at.y));
    }
  });
});

describe('freeOffset', () => {
  it('moves a pasted group clear of everything, the copies of itself included', () => {
    const group = [box(0, 0), box(300, 0)];
    const offset = freeOffset(group, group, { x: 32, y: 32 });
    for (const g of group) for (const t of group) expect(clear(box(g.x + offset.x, g.y + offset.y), t)).toBe(true);
  });
});
