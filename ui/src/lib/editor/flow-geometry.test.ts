import { describe, expect, it } from 'vitest';
import { facingSides, flowCurve, flowEnds, labelRoom, lanes, PAIR_SPACING } from './flow-geometry';

const box = (x: number, y: number) => ({ x, y, width: 220, height: 64 });

describe('facingSides', () => {
  it('connects side by side boxes left and right, stacked boxes top and bottom, either way round', () => {
    expect(facingSides(box(0, 0), box(400, 30))).toEqual(['right', 'left']);
    expect(facingSides(box(400, 30), box(0, 0))).toEqual(['left', 'right']);
    expect(facingSides(box(0, 0), box(40, 300))).toEqual(['bottom', 'top']);
    expect(facingSides(box(40, 300), box(0, 0))).toEqual(['top', 'bottom']);
  });
});

describe('flowEnds', () => {
  it('leaves from the middle of the facing side', () => {
    expect(flowEnds(box(0, 0), box(400, 0))).toEqual({
      source: { x: 220, y: 32, side: 'right' },
      target: { x: 400, y: 32, side: 'left' },
    });
  });

  it('draws two opposite flows apart', () => {
    const there = flowEnds(box(0, 0), box(400, 0), -1);
    const back = flowEnds(box(400, 0), box(0, 0), 1);
    expect(there.source.y).toBe(32 - PAIR_SPACING);
    expect(back.source.y).toBe(32 + PAIR_SPACING);
  });
});

describe('lanes', () => {
  it('puts a pair of opposite flows in two lanes and a lone flow in the middle', () => {
    const result = lanes([
      { id: 'f1', from: 'a', to: 'b' },
      { id: 'f2', from: 'b', to: 'a' },
      { id: 'f3', from: 'a', to: 'c' },
    ]);
    expect([...result]).toEqual([['f1', -1], ['f2', 1], ['f3', 0]]);
  });
});

describe('flowCurve', () => {
  it('runs from end to end, its label in the middle of a lone flow', () => {
    const { path, label } = flowCurve(flowEnds(box(0, 0), box(400, 0)), false);
    expect(path.startsWith('M 220,32 C ')).toBe(true);
    expect(path.endsWith(' 400,32')).toBe(true);
    expect(label).toEqual({ x: 310, y: 32 });
  });

  it('puts the labels of an opposite pair each nearer its own source, apart', () => {
    const a = box(0, 0);
    const b = box(-300, 90);
    const there = flowCurve(flowEnds(a, b, -1), true).label;
    const back = flowCurve(flowEnds(b, a, 1), true).label;
    expect(Math.hypot(there.x - back.x, there.y - back.y)).toBeGreaterThan(40);
  });
});

describe('labelRoom', () => {
  it('keeps a label between side-by-side elements, and leaves stacked ones alone', () => {
    expect(labelRoom(flowEnds(box(0, 0), box(300, 0)))).toBe(68);
    expect(labelRoom(flowEnds(box(0, 0), box(230, 0)))).toBe(28);
    expect(labelRoom(flowEnds(box(0, 0), box(0, 300)))).toBeNull();
  });
});
