import { describe, expect, it } from 'vitest';
import type { Edit } from './bindings';
import { asElementId, asFlowId } from './ids';

describe('typed ids', () => {
  it('are the plain strings the backend sends, and cannot be mixed up', () => {
    const element = asElementId('agent-1');
    const flow = asFlowId('flow-1');
    expect(element).toBe('agent-1');
    const rename: Edit = { type: 'renameElement', id: element, name: 'Planner' };
    // @ts-expect-error A flow's id is not an element's: the type check refuses it.
    const wrong: Edit = { type: 'renameElement', id: flow, name: 'Planner' };
    // @ts-expect-error Nor is a bare string: ids enter the UI through ids.ts on purpose.
    const bare: Edit = { type: 'renameFlow', id: 'flow-1', name: 'calls' };
    expect([rename, wrong, bare].map((e) => e.type)).toEqual(['renameElement', 'renameElement', 'renameFlow']);
  });
});
