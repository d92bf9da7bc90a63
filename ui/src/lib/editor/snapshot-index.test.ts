import { describe, expect, it } from 'vitest';
import type { Finding, Snapshot } from '../bindings';
import { flowLabel, idsOfKind, indexSnapshot, kindOf, targetName } from './snapshot-index';
import { asElementId, asFlowId } from '../ids';

const finding = (id: string, targets: string[]) => ({ id, targets }) as unknown as Finding;

const snapshot = {
  model: {
    name: 'm',
    description: '',
    elements: [
      { id: 'a', kind: 'agent', name: 'Planner', position: { x: 0, y: 0 } },
      { id: 'b', kind: 'tool', name: 'Search', position: { x: 0, y: 0 } },
    ],
    flows: [
      { id: 'f', from: 'a', to: 'b', name: '' },
      { id: 'g', from: 'b', to: 'a', name: 'results' },
    ],
    boundaries: [{ id: 'z', name: 'Cloud', contains: ['a'] }],
    decisions: [],
  },
  analysis: { layers: [{ element: 'a', primary: 'L3' }], findings: [finding('t:a', ['a']), finding('u:f', ['f', 'a'])] },
} as unknown as Snapshot;

describe('the snapshot index', () => {
  const index = indexSnapshot(snapshot);

  it('finds items by id and says what an id names', () => {
    expect(index.elements.get(asElementId('b'))?.name).toBe('Search');
    expect(kindOf(index, 'a')).toBe('element');
    expect(kindOf(index, 'g')).toBe('flow');
    expect(kindOf(index, 'z')).toBe('boundary');
    expect(kindOf(index, 'gone')).toBeNull();
    expect(idsOfKind(index, ['g', 'a', 'z', 'f', 'gone'], 'flow')).toEqual(['g', 'f']);
  });

  it('lists findings by each of their targets, in order', () => {
    expect(index.findingsByTarget.get('a')?.map((f) => f.id)).toEqual(['t:a', 'u:f']);
    expect(index.findingsByTarget.get('f')?.map((f) => f.id)).toEqual(['u:f']);
    expect(index.findingsByTarget.get('b')).toBeUndefined();
    expect(index.layers.get(asElementId('a'))?.primary).toBe('L3');
  });

  it('names flows by their ends when they have no name', () => {
    expect(flowLabel(index, index.flows.get(asFlowId('f'))!)).toBe('Planner → Search');
    expect(targetName(index, 'g')).toBe('results');
    expect(targetName(index, 'gone')).toBe('gone');
  });

  it('is empty without a snapshot', () => {
    expect(indexSnapshot(null).elements.size).toBe(0);
  });
});
