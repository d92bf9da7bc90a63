import { describe, expect, it } from 'vitest';
import type { Boundary, Model } from '../bindings';
import { boxAround, crossingFlows, holders, parentsFirst, relativeTo, trustOf } from './boundaries';
import { fixture } from '../testing/fixtures';

const element = (id: string) => ({ id, kind: 'agent', name: id, position: { x: 0, y: 0 } });
const flow = (id: string, from: string, to: string) => ({ id, from, to });

function model(): Model {
  return fixture<Model>({
    name: 'm',
    elements: ['a', 'b', 'c', 'd'].map(element),
    flows: [flow('ab', 'a', 'b'), flow('bc', 'b', 'c'), flow('cd', 'c', 'd')],
    boundaries: [
      { id: 'inner', name: 'Inner', parent: 'outer', contains: ['b'], position: { x: 100, y: 100 }, size: { width: 200, height: 100 } },
      { id: 'outer', name: 'Outer', contains: ['a', 'c'], properties: { trust: 'untrusted' }, position: { x: 0, y: 0 }, size: { width: 800, height: 600 } },
    ],
  });
}

describe('boundaries', () => {
  it('orders parents before children', () => {
    expect(parentsFirst(model().boundaries!).map((b) => b.id)).toEqual(['outer', 'inner']);
  });

  it('knows which boundary draws each element', () => {
    expect(Object.fromEntries(holders(model()))).toEqual({ b: 'inner', a: 'outer', c: 'outer' });
  });

  it('marks flows whose ends are not inside the same boundaries, nesting included', () => {
    // a (outer) → b (inner, inside outer) crosses; c (outer) → d (none) crosses; b → c crosses back out.
    expect([...crossingFlows(model())].sort()).toEqual(['ab', 'bc', 'cd']);
    const flat = model();
    flat.boundaries = fixture<Boundary[]>([{ id: 'one', name: 'One', contains: ['a', 'b'] }]);
    expect([...crossingFlows(flat)].sort()).toEqual(['bc']);
  });

  it('turns absolute positions into ones relative to a parent', () => {
    expect(relativeTo(model(), 'inner', { x: 150, y: 130 })).toEqual({ x: 50, y: 30 });
    expect(relativeTo(model(), null, { x: 150, y: 130 })).toEqual({ x: 150, y: 130 });
  });

  it('draws a box around rectangles with room for the title', () => {
    expect(boxAround([])).toBeNull();
    expect(boxAround([{ x: 0, y: 0, width: 100, height: 50 }, { x: 200, y: 100, width: 100, height: 50 }])).toEqual({
      position: { x: -32, y: -68 },
      size: { width: 364, height: 250 },
    });
  });

  it('reads trust, partial when unset', () => {
    expect(trustOf(model().boundaries![1])).toBe('untrusted');
    expect(trustOf(model().boundaries![0])).toBe('partial');
  });
});
