import type { Edge, Node } from '@xyflow/svelte';
import { describe, expect, it } from 'vitest';
import { backdropFor, haloFor } from './backdrop';
import { sceneOf } from './overview';

function element(id: string, x: number, name = `Name ${id}`, extra: Partial<Node> = {}): Node {
  return { id, type: 'element', position: { x, y: 0 }, data: { name, layer: 'L3' }, ...extra };
}

describe('the backdrop of a zoomed-in large model', () => {
  const nodes = [element('a', 0), element('b', 300), element('c', 600, 'A name far too long to fit on one card'), element('far', 5000)];
  const edges: Edge[] = [
    { id: 'between', source: 'a', target: 'b' },
    { id: 'out', source: 'b', target: 'c' },
    { id: 'crossing', source: 'a', target: 'c', data: { crossing: true } },
    { id: 'lit', source: 'c', target: 'a', class: 'on-path' },
  ];
  const backdrop = backdropFor(sceneOf(nodes, edges), new Set(['a', 'b']), { x: -100, y: -100, width: 1200, height: 300 });

  it('leaves out flows with no end near the view', () => {
    const scene = sceneOf(nodes, [{ id: 'away', source: 'far', target: 'c' }]);
    expect(backdropFor(scene, new Set(['a', 'b']), { x: 0, y: 0, width: 10, height: 10 }).flowCount).toBe(0);
    expect(backdropFor(scene, new Set(['a', 'b']), { x: 595, y: 0, width: 10, height: 10 }).flowCount).toBe(1);
  });

  it('draws the flows with an end that is not a component, grouped by how they look', () => {
    // a to b is a component's own flow and draws itself.
    expect(backdrop.flowCount).toBe(3);
    expect(backdrop.flows.plain).toBe('M520 32C560 32 560 32 600 32');
    expect(backdrop.flows.crossing.startsWith('M220 32C')).toBe(true);
    expect(backdrop.flows.onPath.startsWith('M820 32C')).toBe(true);
    expect(backdrop.flows.dimmed).toBe('');
  });

  it('draws cards for the elements in the halo that are not components, names cut to fit', () => {
    expect(backdrop.names.map((n) => n.id)).toEqual(['c']);
    expect(backdrop.cards).toBe('M600 0h220v64h-220Z');
    expect(backdrop.bands).toEqual([{ colour: expect.any(String), d: 'M600 0h220v4h-220Z' }]);
    const name = backdrop.names[0].text;
    expect(name.endsWith('…')).toBe(true);
    expect(name.length).toBeLessThan(30);
  });

  it('reaches half the cover beyond each side', () => {
    expect(haloFor({ x: 0, y: 0, width: 100, height: 50 })).toEqual({ x: -50, y: -25, width: 200, height: 100 });
  });
});
