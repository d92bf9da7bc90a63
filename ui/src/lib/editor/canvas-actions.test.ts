import { describe, expect, it } from 'vitest';
import { BOUNDARY_HEADER, BOUNDARY_PADDING, type Snapshot } from '../bindings';
import { asBoundaryId, asElementId, asFlowId } from '../ids';
import { fixture } from '../testing/fixtures';
import type { Box } from './arrange';
import { EMPTY_BOUNDARY_SIZE, planAction, type ActionContext } from './canvas-actions';

const snapshot = fixture<Snapshot>({
  model: {
    name: 'm',
    elements: [
      { id: 'agent', kind: 'agent', name: 'Agent', position: { x: 0, y: 0 } },
      { id: 'peer', kind: 'peer-agent', name: 'Peer', position: { x: 500, y: 0 } },
    ],
    flows: [{ id: 'f', from: 'agent', to: 'peer' }],
  },
  analysis: {
    layers: [
      { element: 'agent', primary: 'L3', secondary: [], reasons: [] },
      { element: 'peer', primary: 'L7', secondary: [], reasons: [] },
    ],
    findings: [],
    matrix: { rows: [] }, gaps: [],
  },
  path: null,
  title: 'm',
  dirty: false,
  canUndo: false,
  canRedo: false, revisions: 0,
});

const box = (id: string, x: number, y: number): Box => ({ id: asElementId(id), x, y, width: 100, height: 40 });

/** A canvas with `boxes` selected and the view centred on (1000, 500). */
function context(boxes: Box[] = [], selection: Partial<ActionContext['selection']> = {}): ActionContext {
  return {
    snapshot,
    selection: { elements: boxes.map((b) => b.id), flows: [], boundaries: [], ...selection },
    selectedBoxes: () => boxes,
    viewCentre: () => ({ x: 1000, y: 500 }),
  };
}

describe('canvas actions', () => {
  it('align the selection in one arrange edit, or say how many they need', () => {
    const plan = planAction('alignTop', context([box('agent', 0, 0), box('peer', 300, 80)]));
    expect(plan).toEqual({
      kind: 'edit',
      edit: { type: 'arrange', moves: [{ id: 'peer', position: { x: 300, y: 0 } }], boundaries: [], refit: true },
      fitAfter: false,
    });
    expect(planAction('alignLeft', context([box('agent', 0, 0)]))).toEqual({
      kind: 'message',
      text: 'Select two or more elements to align.',
    });
    // Already aligned: nothing to send, and no empty edit in the history.
    expect(planAction('alignTop', context([box('agent', 0, 0), box('peer', 300, 0)]))).toEqual({ kind: 'nothing' });
  });

  it('distribute only three or more', () => {
    const three = [box('a', 0, 0), box('b', 100, 0), box('c', 600, 0)];
    const plan = planAction('distributeHorizontal', context(three));
    expect(plan.kind === 'edit' && plan.edit.type === 'arrange' ? plan.edit.moves : null).toEqual([
      { id: 'b', position: { x: 300, y: 0 } },
    ]);
    expect(planAction('distributeVertical', context(three.slice(0, 2)))).toMatchObject({ kind: 'message' });
  });

  it('delete exactly what is selected, by kind, and nothing when nothing is', () => {
    const selection = { elements: [asElementId('agent')], flows: [asFlowId('f')], boundaries: [asBoundaryId('z')] };
    expect(planAction('delete', context([], selection))).toEqual({
      kind: 'edit',
      edit: { type: 'delete', elements: ['agent'], flows: ['f'], boundaries: ['z'] },
      fitAfter: false,
    });
    expect(planAction('delete', context())).toEqual({ kind: 'nothing' });
  });

  it('put a new boundary around the selection holding just it, or empty in the middle of the view', () => {
    const plan = planAction('addBoundary', context([box('agent', 0, 0), box('peer', 300, 80)]));
    expect(plan).toEqual({
      kind: 'edit',
      edit: {
        type: 'addBoundary',
        position: { x: -BOUNDARY_PADDING, y: -BOUNDARY_PADDING - BOUNDARY_HEADER },
        size: { width: 400 + 2 * BOUNDARY_PADDING, height: 120 + 2 * BOUNDARY_PADDING + BOUNDARY_HEADER },
        members: ['agent', 'peer'],
      },
      fitAfter: false,
    });
    const empty = planAction('addBoundary', context());
    expect(empty).toMatchObject({
      kind: 'edit',
      edit: {
        type: 'addBoundary',
        position: { x: 1000 - EMPTY_BOUNDARY_SIZE.width / 2, y: 500 - EMPTY_BOUNDARY_SIZE.height / 2 },
        size: EMPTY_BOUNDARY_SIZE,
        members: [],
      },
    });
  });

  it('arrange by layer puts the L7 peer above the L3 agent and fits the result', () => {
    const plan = planAction('bandLayout', context());
    if (plan.kind !== 'edit' || plan.edit.type !== 'arrange') throw new Error(`expected an arrange edit, got ${plan.kind}`);
    expect(plan.fitAfter).toBe(true);
    const y = (id: string) => plan.edit.type === 'arrange' && plan.edit.moves.find((m) => m.id === id)?.position.y;
    expect(Number(y('peer'))).toBeLessThan(Number(y('agent')));
  });

  it('leave the view and the layout worker to the canvas', () => {
    expect(planAction('zoomIn', context())).toEqual({ kind: 'view', change: 'zoomIn' });
    expect(planAction('fit', context())).toEqual({ kind: 'view', change: 'fit' });
    expect(planAction('autoLayout', context())).toEqual({ kind: 'autoLayout' });
  });
});
