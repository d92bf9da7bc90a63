import { describe, expect, it } from 'vitest';
import { alignmentOf, snapDistance, type Rect } from './guides';

const box = (x: number, y: number, width = 100, height = 40): Rect => ({ x, y, width, height });

describe('alignmentOf', () => {
  it('snaps a left edge onto a left edge a few units away, with a vertical guide through both boxes', () => {
    const other = box(200, 0);
    const dragged = box(203, 150);
    expect(alignmentOf([dragged], [other], 6)).toEqual({
      offset: { x: -3, y: null },
      guides: [{ axis: 'x', at: 200, from: 0, to: 190 }],
    });
  });

  it('snaps centre lines, also between boxes of different sizes', () => {
    // The other's centre is at x = 250; the dragged box (60 wide) has its centre at 254.
    const { offset, guides } = alignmentOf([box(224, 300, 60)], [box(200, 0)], 6);
    expect(offset.x).toBe(-4);
    expect(guides).toEqual([{ axis: 'x', at: 250, from: 0, to: 340 }]);
  });

  it('snaps on both axes at once, each with its own guide', () => {
    // Two units right of the other's right edge and three above its bottom, off to one side.
    const { offset, guides } = alignmentOf([box(202, 117, 80, 20)], [box(0, 0, 200, 140)], 6);
    expect(offset).toEqual({ x: -2, y: 3 });
    expect(guides).toEqual([
      { axis: 'x', at: 200, from: 0, to: 140 },
      { axis: 'y', at: 140, from: 0, to: 280 },
    ]);
  });

  it('takes the nearest match when several are within reach', () => {
    const farther = box(105, 0);
    const nearer = box(98, 200);
    const { offset, guides } = alignmentOf([box(100, 400)], [farther, nearer], 6);
    expect(offset.x).toBe(-2);
    expect(guides.map((g) => g.at)).toEqual([98]);
  });

  it('leaves the drag alone when nothing is within reach', () => {
    expect(alignmentOf([box(300, 300)], [box(0, 0), box(0, 500)], 6)).toEqual({
      offset: { x: null, y: null },
      guides: [],
    });
    // Seven units away is just out of reach of six.
    expect(alignmentOf([box(207, 300)], [box(200, 0)], 6).offset.x).toBeNull();
  });

  it('lines up several dragged boxes as one selection, by the box around them', () => {
    // The selection spans x 50..352: its right edge is two units short of the other's at 354.
    const dragged = [box(50, 300), box(252, 380)];
    const { offset, guides } = alignmentOf(dragged, [box(254, 0)], 6);
    expect(offset.x).toBe(2);
    expect(guides).toEqual([{ axis: 'x', at: 354, from: 0, to: 420 }]);
  });

  it('runs the guide through every other box on the same line', () => {
    const { guides } = alignmentOf([box(101, 200)], [box(100, 0), box(100, 600), box(400, 300)], 6);
    expect(guides).toEqual([{ axis: 'x', at: 100, from: 0, to: 640 }]);
  });

  it('shows nothing for an empty selection', () => {
    expect(alignmentOf([], [box(0, 0)], 6)).toEqual({ offset: { x: null, y: null }, guides: [] });
  });
});

describe('snapDistance', () => {
  it('is a few pixels on the screen, in canvas units', () => {
    expect(snapDistance(0.5, 8)).toBe(12);
    expect(snapDistance(1, 8)).toBe(6);
  });

  it('reaches at least half a grid step when zoomed in', () => {
    expect(snapDistance(3, 8)).toBe(4);
  });
});
