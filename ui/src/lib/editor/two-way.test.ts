import { describe, expect, it } from 'vitest';
import type { Flow } from '../bindings';
import { isTwoWay, toggleTwoWay } from './two-way';
import { fixture } from '../testing/fixtures';

const flow = (id: string, role?: string): Flow => fixture<Flow>({
  id,
  from: 'a',
  to: 'b',
  name: '',
  description: '',
  notes: '',
  properties: role ? { role } : {},
});

describe('two-way flows', () => {
  it('reads the role property', () => {
    expect(isTwoWay(flow('f', 'two-way'))).toBe(true);
    expect(isTwoWay(flow('f', 'request'))).toBe(false);
    expect(isTwoWay(flow('f'))).toBe(false);
  });

  it('makes the chosen flows two-way unless all already are', () => {
    expect(toggleTwoWay([flow('f'), flow('g', 'two-way')])).toEqual({
      type: 'setPropertyOfEach',
      targets: ['f', 'g'],
      property: 'role',
      value: 'two-way',
    });
    expect(toggleTwoWay([flow('g', 'two-way')])).toEqual({
      type: 'setPropertyOfEach',
      targets: ['g'],
      property: 'role',
      value: null,
    });
  });

  it('has nothing to do without a flow', () => {
    expect(toggleTwoWay([])).toBeNull();
  });
});
