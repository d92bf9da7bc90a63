import { describe, expect, it } from 'vitest';
import type { Model } from '../bindings';
import ELK from 'elkjs/lib/elk.bundled.js';
import { fastLayout } from './fast-layout';
import { fromElkGraph, NODE_SIZE, toElkGraph, usesElk, type Sizes } from './layout';
import { fixture } from '../testing/fixtures';

/** What the app's ELK worker does, on this thread. */
async function layoutModel(m: Model, s: Sizes) {
  return fromElkGraph(m, await new ELK().layout(toElkGraph(m, s)));
}

function model(): Model {
  const element = (id: string) => ({ id, kind: 'agent', name: id, position: { x: 0, y: 0 } });
  return fixture<Model>({
    name: 'm',
    elements: ['web', 'agent', 'tool', 'store'].map(element),
    flows: [
      { id: 'f1', from: 'web', to: 'agent' },
      { id: 'f2', from: 'agent', to: 'tool' },
      { id: 'f3', from: 'tool', to: 'store' },
    ],
    boundaries: [
      { id: 'corp', name: 'Corp', contains: ['agent'] },
      { id: 'lab', name: 'Lab', parent: 'corp', contains: ['tool'] },
    ],
  });
}

const sizes = new Map([['agent', { width: 200, height: 70 }]]);

describe('auto-layout', () => {
  it('nests boundaries and their members in the ELK graph', () => {
    const graph = toElkGraph(model(), sizes);
    expect(graph.children!.map((c) => c.id)).toEqual(['corp', 'web', 'store']);
    const corp = graph.children![0];
    expect(corp.children!.map((c) => c.id)).toEqual(['lab', 'agent']);
    expect(corp.children![1]).toMatchObject({ width: 200, height: 70 });
    expect(graph.edges).toHaveLength(3);
  });

  it('places every element once, left to right along the flows, inside its boundary box', async () => {
    const { moves, boundaries } = await layoutModel(model(), sizes);
    expect(moves.map((m) => m.id).sort()).toEqual(['agent', 'store', 'tool', 'web']);
    const at = new Map(moves.map((m) => [m.id as string, m.position]));
    expect(at.get('web')!.x).toBeLessThan(at.get('agent')!.x!);
    expect(at.get('agent')!.x).toBeLessThan(at.get('tool')!.x!);
    expect(at.get('tool')!.x).toBeLessThan(at.get('store')!.x!);
    const box = new Map(boundaries.map((b) => [b.id as string, b]));
    const inside = (id: string, boundary: string) => {
      const p = at.get(id)!;
      const b = box.get(boundary)!;
      return p.x! >= b.position.x! && p.y! >= b.position.y! && p.x! <= b.position.x! + b.size.width! && p.y! <= b.position.y! + b.size.height!;
    };
    expect(inside('agent', 'corp')).toBe(true);
    expect(inside('tool', 'lab')).toBe(true);
    expect(inside('tool', 'corp')).toBe(true);
    expect(inside('web', 'corp')).toBe(false);
  });

  it('leaves large models to the linear layout', () => {
    const ids = Array.from({ length: 700 }, (_, i) => `e${i}`);
    const large = fixture<Model>({
      name: 'large',
      elements: ids.map((id) => ({ id, kind: 'agent', name: id, position: { x: 0, y: 0 } })),
      flows: ids.slice(1).map((id, i) => ({ id: `f${i}`, from: ids[i], to: id })),
    });
    expect(usesElk(model())).toBe(true);
    expect(usesElk(large)).toBe(false);
    const { moves } = fastLayout(large, new Map(), NODE_SIZE);
    expect(moves).toHaveLength(700);
  });
});
