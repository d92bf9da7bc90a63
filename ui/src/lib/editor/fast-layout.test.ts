import { describe, expect, it } from 'vitest';
import type { Model } from '../bindings';
import { fastLayout, layering, ordering } from './fast-layout';
import { fixture } from '../testing/fixtures';

const SIZE = { width: 220, height: 64 };
const element = (id: string) => ({ id, kind: 'agent', name: id, position: { x: 0, y: 0 } });
const flow = (from: string, to: string) => ({ id: `${from}-${to}`, from, to });
/** A laid-out point with its coordinates as numbers (the bindings allow null). */
const point = (p: { x: number | null; y: number | null }) => ({ x: p.x ?? NaN, y: p.y ?? NaN });

describe('layering', () => {
  it('puts each node one layer after the longest path to it', () => {
    // a → b → c, a → c: c comes after b, not beside it.
    expect(layering(3, [[0, 1], [1, 2], [0, 2]])).toEqual([0, 1, 2]);
  });

  it('breaks cycles instead of looping', () => {
    const layers = layering(3, [[0, 1], [1, 2], [2, 0]]);
    expect(new Set(layers).size).toBe(3);
  });

  it('handles a chain far deeper than the stack would allow if recursive', () => {
    const n = 50_000;
    const edges = Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as [number, number]);
    expect(layering(n, edges)[n - 1]).toBe(n - 1);
  });
});

describe('ordering', () => {
  it('orders a layer by where its neighbours are, uncrossing two flows', () => {
    // Layer 0: a, b. Layer 1: c, d, with a → d and b → c: c and d swap.
    const order = ordering(4, [[0, 3], [1, 2]], [0, 0, 1, 1]);
    expect(order).toEqual([[0, 1], [3, 2]]);
  });
});

describe('fastLayout', () => {
  it('runs flows left to right and never puts two elements on each other', () => {
    const model = fixture<Model>({
      name: 'm',
      elements: ['web', 'agent', 'tool', 'store'].map(element),
      flows: [flow('web', 'agent'), flow('agent', 'tool'), flow('agent', 'store')],
    });
    const { moves } = fastLayout(model, new Map(), SIZE);
    const at = new Map(moves.map((m) => [m.id as string, point(m.position)]));
    expect(at.get('web')!.x).toBeLessThan(at.get('agent')!.x);
    expect(at.get('agent')!.x).toBeLessThan(at.get('tool')!.x);
    expect(at.get('tool')!.x).toBe(at.get('store')!.x);
    expect(Math.abs(at.get('tool')!.y - at.get('store')!.y)).toBeGreaterThanOrEqual(SIZE.height);
  });

  it('draws each boundary around what it holds, nested ones inside', () => {
    const model = fixture<Model>({
      name: 'm',
      elements: ['web', 'agent', 'tool', 'store'].map(element),
      flows: [flow('web', 'agent'), flow('agent', 'tool'), flow('tool', 'store')],
      boundaries: [
        { id: 'corp', name: 'Corp', contains: ['agent'] },
        { id: 'lab', name: 'Lab', parent: 'corp', contains: ['tool'] },
      ],
    });
    const { moves, boundaries } = fastLayout(model, new Map([['agent', { width: 200, height: 70 }]]), SIZE);
    const box = (id: string) => boundaries.find((b) => b.id === id)!;
    const inside = (id: string, size: { width: number; height: number }, b: ReturnType<typeof box>) => {
      const p = point(moves.find((m) => m.id === id)!.position);
      const at = point(b.position);
      const extent = { x: b.size.width ?? NaN, y: b.size.height ?? NaN };
      return p.x >= at.x && p.y >= at.y && p.x + size.width <= at.x + extent.x && p.y + size.height <= at.y + extent.y;
    };
    expect(inside('agent', { width: 200, height: 70 }, box('corp'))).toBe(true);
    expect(inside('tool', SIZE, box('lab'))).toBe(true);
    expect(inside('tool', SIZE, box('corp'))).toBe(true);
    expect(inside('web', SIZE, box('corp'))).toBe(false);
    expect(inside('store', SIZE, box('corp'))).toBe(false);
  });

  it('wraps a long chain into bands of a screen-like shape and reports its progress', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `e${i}`);
    const model = fixture<Model>({
      name: 'm',
      elements: ids.map(element),
      flows: ids.slice(1).map((id, i) => flow(ids[i], id)),
    });
    const seen: number[] = [];
    const { moves } = fastLayout(model, new Map(), SIZE, (done) => seen.push(done));
    const xs = moves.map((m) => point(m.position).x);
    const ys = moves.map((m) => point(m.position).y);
    const width = Math.max(...xs) - Math.min(...xs) + SIZE.width;
    const height = Math.max(...ys) - Math.min(...ys) + SIZE.height;
    expect(width / height).toBeLessThan(4);
    expect(seen.at(-1)).toBe(1);
  });

  it('gives the same layout for the same model', () => {
    const model = fixture<Model>({ name: 'm', elements: ['a', 'b', 'c'].map(element), flows: [flow('a', 'b'), flow('b', 'c'), flow('c', 'a')] });
    expect(fastLayout(model, new Map(), SIZE)).toEqual(fastLayout(model, new Map(), SIZE));
  });
});
