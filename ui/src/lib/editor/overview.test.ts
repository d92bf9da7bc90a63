import type { Edge, Node } from '@xyflow/svelte';
import { describe, expect, it } from 'vitest';
import { NODE_SIZE } from './layout';
import {
  boundsOf,
  boxAt,
  boxesWithin,
  countInView,
  coverFor,
  DETAIL_LIMIT,
  isLarge,
  landing,
  LARGE_MODEL,
  nextMode,
  rectBetween,
  sceneOf,
  shifted,
  shownIn,
  viewRect,
  within,
} from './overview';

function element(id: string, x: number, y: number, extra: Partial<Node> = {}): Node {
  return { id, type: 'element', position: { x, y }, data: { name: `Name ${id}`, layer: 'L3', worstOpen: null }, ...extra };
}

function flow(id: string, source: string, target: string, extra: Partial<Edge> = {}): Edge {
  return { id, source, target, ...extra };
}

/** A row of `count` elements 300 apart, each wired to the next. */
function row(count: number): { nodes: Node[]; edges: Edge[] } {
  const nodes = Array.from({ length: count }, (_, i) => element(`e${i}`, i * 300, 0));
  const edges = nodes.slice(1).map((n, i) => flow(`f${i}`, `e${i}`, n.id));
  return { nodes, edges };
}

describe('the scene', () => {
  it('places elements inside boundaries at their absolute position', () => {
    const nodes: Node[] = [
      { id: 'outer', type: 'boundary', position: { x: 100, y: 50 }, data: {} },
      { id: 'inner', type: 'boundary', position: { x: 10, y: 20 }, parentId: 'outer', data: {} },
      element('a', 5, 6, { parentId: 'inner' }),
      element('b', 400, 0),
    ];
    const scene = sceneOf(nodes, [flow('f', 'a', 'b')]);
    expect(scene.boxes.map((b) => [b.id, b.x, b.y])).toEqual([
      ['a', 115, 76],
      ['b', 400, 0],
    ]);
    // Flows leave the middle of the source's right side and enter the middle of the target's left.
    expect(scene.flows[0].from).toEqual({ x: 115 + NODE_SIZE.width, y: 76 + NODE_SIZE.height / 2 });
    expect(scene.flows[0].to).toEqual({ x: 400, y: NODE_SIZE.height / 2 });
  });

  it('survives a boundary that names itself as its parent', () => {
    const nodes: Node[] = [
      { id: 'loop', type: 'boundary', position: { x: 10, y: 10 }, parentId: 'loop', data: {} },
      element('a', 1, 1, { parentId: 'loop' }),
    ];
    expect(sceneOf(nodes, []).boxes[0]).toMatchObject({ x: 11, y: 11 });
  });

  it('drops flows whose ends are not elements and carries the highlight and crossing marks', () => {
    const nodes = [element('a', 0, 0, { class: 'on-path' }), element('b', 300, 0, { class: 'dimmed' })];
    const edges = [
      flow('kept', 'a', 'b', { class: 'crossing on-path', data: { crossing: true } }),
      flow('dangling', 'a', 'gone'),
    ];
    const scene = sceneOf(nodes, edges);
    expect(scene.flows.map((f) => f.id)).toEqual(['kept']);
    expect(scene.flows[0]).toMatchObject({ crossing: true, onPath: true, dimmed: false, ends: ['a', 'b'] });
    expect(scene.boxes.map((b) => [b.onPath, b.dimmed])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});

describe('what is in view', () => {
  it('turns the viewport into canvas coordinates', () => {
    expect(viewRect({ x: -200, y: 100, zoom: 0.5 }, { width: 800, height: 600 })).toEqual({
      x: 400,
      y: -200,
      width: 1600,
      height: 1200,
    });
  });

  it('counts boxes that are even partly in view', () => {
    const scene = sceneOf(row(10).nodes, []);
    expect(countInView(scene.boxes, { x: 0, y: 0, width: 1000, height: 100 })).toBe(4);
    expect(countInView(scene.boxes, { x: 0, y: 500, width: 1000, height: 100 })).toBe(0);
  });

  it('switches to the overview past the limit and back only well below it', () => {
    expect(nextMode('detail', DETAIL_LIMIT)).toBe('detail');
    expect(nextMode('detail', DETAIL_LIMIT + 1)).toBe('overview');
    expect(nextMode('overview', DETAIL_LIMIT)).toBe('overview');
    expect(nextMode('overview', 30)).toBe('detail');
    expect(isLarge(LARGE_MODEL)).toBe(false);
    expect(isLarge(LARGE_MODEL + 1)).toBe(true);
  });

  it('covers a margin around the view and keeps it while the view stays inside', () => {
    const view = { x: 0, y: 0, width: 1000, height: 500 };
    const cover = coverFor(view);
    expect(cover).toEqual({ x: -100, y: -50, width: 1200, height: 600 });
    expect(within({ ...view, x: 80 }, cover)).toBe(true);
    expect(within({ ...view, x: 120 }, cover)).toBe(false);
  });

  it('draws as components the elements at least partly in the cover', () => {
    const scene = sceneOf(row(6).nodes, []);
    expect([...shownIn(scene, { x: 590, y: 0, width: 320, height: 100 })]).toEqual(['e2', 'e3']);
  });
});

describe('picking in the overview', () => {
  const scene = sceneOf([element('under', 0, 0), element('over', 100, 20)], []);

  it('finds the topmost box under a point', () => {
    expect(boxAt(scene, { x: 150, y: 40 })?.id).toBe('over');
    expect(boxAt(scene, { x: 50, y: 10 })?.id).toBe('under');
    expect(boxAt(scene, { x: 1000, y: 1000 })).toBeNull();
  });

  it('selects only boxes wholly inside a box selection, drawn either way', () => {
    const area = rectBetween({ x: 400, y: 200 }, { x: 90, y: 10 });
    expect(area).toEqual({ x: 90, y: 10, width: 310, height: 190 });
    expect(boxesWithin(scene, area).map((b) => b.id)).toEqual(['over']);
  });

  it('moves dragged boxes and the ends of their flows, and lands them on the grid', () => {
    const { nodes, edges } = row(3);
    const scene = sceneOf(nodes, edges);
    const moved = shifted(scene, new Set(['e1']), 13, -5);
    expect(moved.boxes.map((b) => [b.x, b.y])).toEqual([
      [0, 0],
      [313, -5],
      [600, 0],
    ]);
    expect(moved.flows[0].to).toEqual({ x: 313, y: 27 });
    expect(moved.flows[1].from).toEqual({ x: 313 + NODE_SIZE.width, y: 27 });
    expect(landing(scene, new Set(['e1']), 13, -5, 8)).toEqual([{ id: 'e1', position: { x: 312, y: -8 } }]);
  });

  it('bounds the boxes, or nothing', () => {
    expect(boundsOf(scene.boxes)).toEqual({ x: 0, y: 0, width: 100 + NODE_SIZE.width, height: 20 + NODE_SIZE.height });
    expect(boundsOf([])).toBeNull();
  });
});
