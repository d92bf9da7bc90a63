import type { Edge, Node } from '@xyflow/svelte';
import { describe, expect, it } from 'vitest';
import { sceneOf } from './overview';
import { paintScene, type Colours, type Painter } from './overview-paint';

function element(id: string, x: number, y: number): Node {
  return { id, type: 'element', position: { x, y }, data: { name: `Name ${id}`, layer: 'L3', worstOpen: null } };
}

/** A row of `count` elements 300 apart, each wired to the next. */
function row(count: number): { nodes: Node[]; edges: Edge[] } {
  const nodes = Array.from({ length: count }, (_, i) => element(`e${i}`, i * 300, 0));
  const edges = nodes.slice(1).map((n, i) => ({ id: `f${i}`, source: `e${i}`, target: n.id }));
  return { nodes, edges };
}

/** A painter that records what is painted. */
function recorder() {
  const calls: string[] = [];
  const painter = new Proxy({} as Record<string, unknown>, {
    get(target, name: string) {
      if (name in target) return target[name];
      return (...args: unknown[]) => calls.push(`${name}(${args.map((a) => (typeof a === 'number' ? Math.round(a) : String(a))).join(',')})`);
    },
    set(target, name: string, value) {
      target[name] = value;
      return true;
    },
  });
  return { painter: painter as unknown as Painter, calls };
}

const colours: Colours = {
  surface: 'white',
  border: 'grey',
  text: 'black',
  flow: 'silver',
  crossing: 'red',
  path: 'crimson',
  selected: 'blue',
  severity: { low: 'slate', medium: 'amber', high: 'orange', critical: 'darkred' },
};

describe('painting the overview', () => {
  it('paints only the boxes in view and reports how many', () => {
    const scene = sceneOf(row(10).nodes, row(10).edges);
    const { painter, calls } = recorder();
    const painted = paintScene(painter, scene, new Set(), { x: 0, y: 0, zoom: 0.1 }, { width: 100, height: 100 }, 1, colours);
    // At a tenth, 100 pixels show 1,000 canvas units: e0 to e3.
    expect(painted).toBe(4);
    // So far out each is one block of colour, and the flows between them are one stroke.
    expect(calls.filter((c) => c.startsWith('fillRect')).length).toBe(4);
    expect(calls.filter((c) => c.startsWith('stroke(')).length).toBe(1);
  });

  it('writes names only once boxes are tall enough on screen', () => {
    const scene = sceneOf([element('a', 0, 0)], []);
    const far = recorder();
    paintScene(far.painter, scene, new Set(), { x: 0, y: 0, zoom: 0.1 }, { width: 400, height: 400 }, 1, colours);
    expect(far.calls.some((c) => c.startsWith('fillText'))).toBe(false);
    const near = recorder();
    paintScene(near.painter, scene, new Set(), { x: 0, y: 0, zoom: 0.5 }, { width: 400, height: 400 }, 1, colours);
    expect(near.calls.filter((c) => c.startsWith('fillText'))).toEqual(['fillText(Name a,4,17)']);
  });

  it('zoomed in, leaves out the components and the flows between them', () => {
    const { nodes, edges } = row(3);
    const scene = sceneOf(nodes, edges);
    const { painter, calls } = recorder();
    const view = { x: 0, y: 0, zoom: 0.5 };
    const painted = paintScene(painter, scene, new Set(), view, { width: 800, height: 400 }, 1, colours, new Set(['e0', 'e1']));
    // Only e2 is painted, and only the flow from e1 to it: e0 to e1 draws itself.
    expect(painted).toBe(1);
    expect(calls.filter((c) => c.startsWith('bezierCurveTo')).length).toBe(1);
    expect(calls.filter((c) => c.startsWith('fillText'))).toEqual(['fillText(Name e2,304,17)']);
  });

  it('outlines the selection', () => {
    const scene = sceneOf([element('a', 0, 0), element('b', 300, 0)], []);
    const { painter, calls } = recorder();
    paintScene(painter, scene, new Set(['b']), { x: 0, y: 0, zoom: 0.5 }, { width: 400, height: 400 }, 1, colours);
    // Every box has its border; the selected one an outline around it as well.
    expect(calls.filter((c) => c.startsWith('strokeRect'))).toEqual([
      'strokeRect(0,0,220,64)',
      'strokeRect(300,0,220,64)',
      'strokeRect(294,-6,232,76)',
    ]);
  });
});
