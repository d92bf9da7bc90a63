import { describe, expect, it } from 'vitest';
import type { Model, Snapshot } from '../bindings';
import { selectionParts } from './selection';
import { indexSnapshot } from './snapshot-index';

const model = {
  name: 'm',
  description: '',
  elements: [
    { id: 'a', kind: 'agent', name: 'Planner', position: { x: 0, y: 0 } },
    { id: 't', kind: 'tool', name: 'Shell', position: { x: 0, y: 0 } },
  ],
  flows: [{ id: 'f', from: 'a', to: 't', name: '' }],
  boundaries: [{ id: 'z', name: 'Sandbox', position: { x: 0, y: 0 }, size: { width: 1, height: 1 } }],
} as unknown as Model;
const index = indexSnapshot({ model, analysis: { layers: [], findings: [] } } as unknown as Snapshot);

describe('selectionParts', () => {
  it('counts and names what is selected, a flow without a name by its ends', () => {
    const parts = selectionParts(model, ['f', 'z', 't', 'a', 'gone'], index);
    expect(parts.summary).toBe('2 elements, 1 flow, 1 trust boundary selected');
    expect(parts.names).toEqual(['Planner', 'Shell', 'Planner → Shell', 'Sandbox']);
    expect(parts.elements.map((e) => e.id)).toEqual(['a', 't']);
    expect(selectionParts(model, [], index).summary).toBe('Nothing selected');
  });
});
