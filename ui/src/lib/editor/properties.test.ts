import { describe, expect, it } from 'vitest';
import type { Catalog } from '../bindings';
import { commonPropertyRows, propertyRows } from './properties';

const catalog: Catalog = {
  sources: [],
  layers: [],
  properties: [
    { id: 'side_effect', label: 'Side effect', applies_to: ['element'], type: 'enum', values: ['read', 'execute'], default: 'read', help: '' },
    { id: 'sandbox', label: 'Sandbox', applies_to: ['element'], type: 'enum', values: ['none', 'gvisor'], default: 'none', help: '' },
    { id: 'signed', label: 'Signed', applies_to: ['flow'], type: 'bool', values: [], default: false, help: '' },
  ],
  kinds: [
    {
      id: 'code-interpreter', label: 'Code interpreter', description: '', stride_class: 'process', holds_logs: false,
      default_layer: 'L3', layer_reason: '', properties: ['side_effect', 'sandbox'], defaults: { side_effect: 'execute' },
    },
  ],
  threats: [],
  mitigations: [],
  rules: [], layer_rules: [],
};

describe('propertyRows', () => {
  it('lists the kind’s properties with kind defaults, property defaults and set values', () => {
    const rows = propertyRows(catalog, 'code-interpreter', { sandbox: 'gvisor' });
    expect(rows.map((r) => [r.property.id, r.value, r.isDefault])).toEqual([
      ['side_effect', 'execute', true],
      ['sandbox', 'gvisor', false],
    ]);
  });

  it('lists flow properties for a flow', () => {
    expect(propertyRows(catalog, null, {}).map((r) => [r.property.id, r.value])).toEqual([['signed', false]]);
  });

  it('lists nothing for an unknown kind', () => {
    expect(propertyRows(catalog, 'warp-drive', {})).toEqual([]);
  });
});

describe('commonPropertyRows', () => {
  it('keeps the properties every selected element has, with their shared value or none where they differ', () => {
    const rows = commonPropertyRows(catalog, [
      { kind: 'code-interpreter', properties: { sandbox: 'gvisor' } },
      { kind: 'code-interpreter', properties: { sandbox: 'none', side_effect: 'execute' } },
    ]);
    expect(rows.map((r) => [r.property.id, r.value, r.isDefault])).toEqual([
      ['side_effect', 'execute', false],
      ['sandbox', null, false],
    ]);
    expect(commonPropertyRows(catalog, [{ kind: 'code-interpreter' }, { kind: 'unknown' }])).toEqual([]);
    expect(commonPropertyRows(catalog, [])).toEqual([]);
  });
});
