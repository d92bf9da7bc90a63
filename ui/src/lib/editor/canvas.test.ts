import { describe, expect, it } from 'vitest';
import type { Boundary, Catalog, Element, Finding, FindingStatus, LayerAssignment, Severity, Snapshot } from '../bindings';
import { fixture } from '../testing/fixtures';
import { applyHighlight, type Highlight, bandLayout, dropPosition, movesAfterDrag, pathParts, toEdges, toNodes, withSelection } from './canvas';

const catalog: Catalog = {
  sources: [],
  layers: [],
  properties: [],
  kinds: [
    {
      id: 'agent', label: 'Agent', description: 'd', stride_class: 'process', holds_logs: false,
      default_layer: 'L3', layer_reason: 'r', properties: [], defaults: {},
    },
  ],
  threats: [],
  mitigations: [],
  rules: [], layer_rules: [],
};

function finding(id: string, severity: Severity, status: FindingStatus): Finding {
  return fixture<Finding>({
    id, threat: id.split(':')[0], threat_name: 'T', aliases: [], layer: 'L3', stride: 'E', targets: [id.split(':')[1]],
    path: [], layers_involved: [], also: [], legs: [], severity_factors: [], likelihood: 'high', impact: 'high', severity, explanation: '', rules: [], mitigations: [], status,
    justification: null,
  });
}

function snapshot(): Snapshot {
  return fixture<Snapshot>({
    model: {
      name: 'm',
      elements: [
        { id: 'agent-1', kind: 'agent', name: 'Planner', position: { x: 10, y: 20 }, properties: {} },
        { id: 'x-1', kind: 'warp-drive', name: '<b>odd</b>', position: { x: 300, y: 20 }, properties: {} },
      ],
      flows: [{ id: 'flow-1', from: 'agent-1', to: 'x-1', name: 'calls', properties: {} }],
    },
    analysis: {
      layers: [
        {
          element: 'agent-1', primary: 'L3', secondary: ['L7'],
          reasons: [
            { layer: 'L3', source: 'kind', reason: 'agents act' },
            { layer: 'L7', source: 'graph', reason: 'talks to peers' },
          ],
        },
        { element: 'x-1', primary: null, secondary: [], reasons: [] },
      ],
      findings: [finding('tool-misuse:agent-1', 'high', 'open'), finding('t2:agent-1', 'critical', 'mitigated'), finding('t3:agent-1', 'medium', 'open')],
      matrix: { rows: [] }, gaps: [],
    },
    path: null,
    title: 'm — MAESTRO Studio',
    dirty: false,
    canUndo: false,
    canRedo: false, revisions: 0,
  });
}

describe('toNodes', () => {
  it('gives every element a node with its layer, reason and test id', () => {
    const nodes = toNodes(snapshot(), catalog);
    expect(nodes.map((n) => [n.id, n.data.layer, n.data.kindLabel])).toEqual([
      ['agent-1', 'L3', 'Agent'],
      ['x-1', null, 'Unknown kind “warp-drive”'],
    ]);
    expect(nodes[0].data.layerReason).toBe('L3: agents act\nL7: talks to peers');
    expect(nodes[0].data.secondary).toEqual(['L7']);
    expect([nodes[0].data.worstOpen, nodes[0].data.openFindings]).toEqual(['high', 2]);
    expect(nodes[1].data.worstOpen).toBeNull();
    expect(nodes[0].domAttributes).toEqual({ 'data-testid': 'element-agent-1' });
    expect(nodes[1].data.name).toBe('<b>odd</b>');
  });

  it('takes the selection the canvas keeps, leaving nodes already right as they are', () => {
    const first = toNodes(snapshot(), catalog);
    const next = withSelection(first, new Set(['x-1']));
    expect(next.map((n) => Boolean(n.selected))).toEqual([false, true]);
    expect(next[0]).toBe(first[0]);
  });
});

describe('toEdges', () => {
  it('draws each flow as a directed, labelled edge', () => {
    const [edge] = toEdges(snapshot());
    expect(edge).toMatchObject({ id: 'flow-1', source: 'agent-1', target: 'x-1', label: 'calls' });
    expect(edge.markerEnd).toMatchObject({ type: 'arrowclosed' });
    expect(edge.markerStart).toBeUndefined();
    expect(edge.domAttributes).toMatchObject({ 'data-two-way': 'false' });
  });

  it('draws a two-way flow with an arrow at each end', () => {
    const s = snapshot();
    s.model.flows[0].properties = { role: 'two-way' };
    const [edge] = toEdges(s);
    expect(edge.markerStart).toMatchObject({ type: 'arrowclosed' });
    expect(edge.markerEnd).toMatchObject({ type: 'arrowclosed' });
    expect(edge.domAttributes).toMatchObject({ 'data-two-way': 'true' });
  });
});

describe('movesAfterDrag', () => {
  it('reports only nodes that moved, rounded to whole units', () => {
    const nodes = toNodes(snapshot(), catalog);
    nodes[0].position = { x: 50.4, y: 80.6 };
    expect(movesAfterDrag(nodes, snapshot(), (n) => n.position)).toEqual({
      moves: [{ id: 'agent-1', position: { x: 50, y: 81 } }],
      boundaries: [],
    });
  });

  it('reports boundaries apart from elements, at their absolute positions', () => {
    const s = withBoundaries();
    const nodes = toNodes(s, catalog);
    const outer = nodes.find((n) => n.id === 'corp')!;
    outer.position = { x: 40, y: 0 };
    const moved = movesAfterDrag([outer], s, (n) => n.position);
    expect(moved).toEqual({ moves: [], boundaries: [{ id: 'corp', position: { x: 40, y: 0 } }] });
  });
});

/** The snapshot with the agent inside a sandbox nested in a corporate boundary. */
function withBoundaries(): Snapshot {
  const s = snapshot();
  s.model.boundaries = fixture<Boundary[]>([
    { id: 'sandbox', name: 'Sandbox', contains: ['agent-1'], parent: 'corp', position: { x: 0, y: 0 }, size: { width: 300, height: 200 } },
    { id: 'corp', name: 'Corp', contains: [], properties: { trust: 'trusted' }, position: { x: -50, y: -50 }, size: { width: 900, height: 500 } },
  ]);
  return s;
}

describe('boundaries on the canvas', () => {
  it('come before what they hold, and children sit relative to their parent', () => {
    const nodes = toNodes(withBoundaries(), catalog);
    expect(nodes.map((n) => n.id)).toEqual(['corp', 'sandbox', 'agent-1', 'x-1']);
    const sandbox = nodes[1];
    expect(sandbox).toMatchObject({ type: 'boundary', parentId: 'corp', position: { x: 50, y: 50 }, width: 300, height: 200 });
    expect(nodes[0].data).toMatchObject({ name: 'Corp', trust: 'trusted' });
    expect(sandbox.data).toMatchObject({ trust: 'partial', members: 1 });
    expect(nodes[2]).toMatchObject({ parentId: 'sandbox', position: { x: 10, y: 20 } });
    expect(nodes[3].parentId).toBeUndefined();
  });

  it('mark the flows that cross a boundary', () => {
    const [edge] = toEdges(withBoundaries());
    expect(edge.class).toBe('crossing');
    expect(edge.label).toBe('⚠ calls');
    expect(edge.domAttributes).toMatchObject({ 'data-crossing': 'true' });
    expect(toEdges(snapshot())[0].class).toBeUndefined();
  });
});

describe('highlighting', () => {
  it('picks out the path and dims the rest, and clears again', () => {
    const nodes = toNodes(snapshot(), catalog);
    const edges = toEdges(snapshot());
    const lit = applyHighlight(nodes, edges, fixture<Highlight>({ elements: ['agent-1'], flows: [], label: 'x' }));
    expect(lit.nodes.map((n) => n.class)).toEqual(['on-path', 'dimmed']);
    expect(lit.edges.map((e) => [e.class, e.animated])).toEqual([['dimmed', false]]);
    const cleared = applyHighlight(lit.nodes, lit.edges, null);
    expect(cleared.nodes.map((n) => n.class)).toEqual([undefined, undefined]);
  });

  it('keeps the boundary-crossing mark on edges under a highlight and after it', () => {
    const s = withBoundaries();
    const lit = applyHighlight(toNodes(s, catalog), toEdges(s), fixture<Highlight>({ elements: [], flows: ['flow-1'], label: 'x' }));
    expect(lit.edges[0].class).toBe('crossing on-path');
    expect(lit.nodes.find((n) => n.id === 'corp')?.class).toBeUndefined();
    expect(applyHighlight(lit.nodes, lit.edges, null).edges[0].class).toBe('crossing');
  });

  it('splits a path into elements and flows', () => {
    expect(pathParts(['a', 'f1', 'b', 'f2', 'c'])).toEqual({ elements: ['a', 'b', 'c'], flows: ['f1', 'f2'] });
  });
});

describe('bandLayout', () => {
  it('puts L7 above L3 above L1, L6 in a column to the right, unknown kinds last', () => {
    const s = snapshot();
    s.model.elements.push(
      ...fixture<Element[]>([{ id: 'peer', kind: 'peer-agent', name: 'P', position: { x: 0, y: 0 }, properties: {} },
      { id: 'idp', kind: 'identity-provider', name: 'I', position: { x: 0, y: 0 }, properties: {} }]),
    );
    s.analysis.layers.push(
      ...fixture<LayerAssignment[]>([{ element: 'peer', primary: 'L7', secondary: [], reasons: [] },
      { element: 'idp', primary: 'L6', secondary: [], reasons: [] }]),
    );
    const { positions, labels } = bandLayout(s);
    const y = (id: string) => positions.get(id)!.y;
    expect(y('peer')).toBeLessThan(y('agent-1'));
    expect(y('agent-1')).toBeLessThan(y('x-1'));
    expect(positions.get('idp')!.x).toBeGreaterThan(positions.get('agent-1')!.x);
    expect(labels.map((l) => l.layer)).toEqual(['L7', 'L5', 'L4', 'L3', 'L2', 'L1', 'L6']);
    // The model's own positions are untouched.
    expect(s.model.elements[0].position).toEqual({ x: 10, y: 20 });
  });
});

describe('dropPosition', () => {
  it('centres a dropped element on the pointer, in whole units', () => {
    expect(dropPosition({ x: 300.4, y: 200.6 })).toEqual({ x: 215, y: 176 });
  });
});
