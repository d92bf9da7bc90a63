import { describe, expect, it } from 'vitest';
import type { Catalog } from '../bindings';
import { aliasLabel, describeCondition, filterMitigations, filterThreats, kindsByLayer, rankKinds } from './browse';

const catalog: Catalog = {
  sources: [
    { id: 'asi-tm', name: 'ASI', short: 'ASI T&M v1.1' },
    { id: 'mas-guide', name: 'MAS', short: 'MAS guide v1.0' },
  ],
  layers: [
    { id: 'L1', name: 'Foundation Models', focus: 'models', contains: [], key_questions: [], primary_threats: [], band: false, cross_layer: false },
    { id: 'L3', name: 'Agent Frameworks', focus: 'agents', contains: [], key_questions: [], primary_threats: [], band: false, cross_layer: false },
  ],
  properties: [
    { id: 'sandbox', label: 'Sandbox', applies_to: ['element'], type: 'enum', values: ['none', 'gvisor'], default: 'none', help: '' },
  ],
  kinds: [
    { id: 'agent', label: 'Agent', description: 'plans', stride_class: 'process', holds_logs: false, default_layer: 'L3', layer_reason: '', properties: [], defaults: {} },
    { id: 'llm', label: 'Foundation model', description: 'thinks', stride_class: 'process', holds_logs: false, default_layer: 'L1', layer_reason: '', properties: [], defaults: {} },
  ],
  threats: [
    {
      id: 'insecure-protocol-abuse', name: 'Insecure inter-agent protocol abuse', description: 'MCP and A2A weaknesses',
      layers: ['L3'], stride: ['S'], targets: ['flow'], likelihood: 'medium', impact: 'high',
      aliases: [{ source: 'asi-tm', id: 'T16' }], owasp_agentic: ['ASI07'], owasp_llm: [], atlas: [], mitigations: ['m'], related: [], effects: {}, covers: [], supersedes: [],
    },
    {
      id: 'model-inconsistency', name: 'Model inconsistency', description: 'variable answers',
      layers: ['L1'], stride: ['T'], targets: ['llm'], likelihood: 'high', impact: 'medium',
      aliases: [{ source: 'mas-guide', id: 'T16' }], owasp_agentic: [], owasp_llm: ['LLM09'], atlas: [], mitigations: ['m'], related: [], effects: {}, covers: [], supersedes: [],
    },
  ],
  mitigations: [
    { id: 'm', name: 'Strong sandbox', description: 'isolate code', layer: 'L4', effect: 'prevents', acts_on: 'target', in_place_when: { one_of: ['sandbox', ['gvisor']] }, addresses: [] },
  ],
  rules: [], layer_rules: [],
};

describe('catalog browsing', () => {
  it('finds both meanings of a clashing id, each with its source', () => {
    const found = filterThreats(catalog, 't16');
    expect(found.map((t) => t.id)).toEqual(['insecure-protocol-abuse', 'model-inconsistency']);
    expect(found.map((t) => aliasLabel(catalog, t.aliases[0]))).toEqual(['ASI T&M v1.1 T16', 'MAS guide v1.0 T16']);
  });

  it('searches every word across names, references and layers', () => {
    expect(filterThreats(catalog, 'asi07').map((t) => t.id)).toEqual(['insecure-protocol-abuse']);
    expect(filterThreats(catalog, 'model llm09').map((t) => t.id)).toEqual(['model-inconsistency']);
    expect(filterThreats(catalog, '', 'L1').map((t) => t.id)).toEqual(['model-inconsistency']);
    expect(filterThreats(catalog, 'nothing-like-this')).toEqual([]);
    expect(filterMitigations(catalog, 'sandbox').map((m) => m.id)).toEqual(['m']);
  });

  it('groups kinds under their layers in layer order and filters them', () => {
    expect(kindsByLayer(catalog).map((g) => [g.layer.id, g.kinds.map((k) => k.id)])).toEqual([
      ['L1', ['llm']],
      ['L3', ['agent']],
    ]);
    expect(kindsByLayer(catalog, 'plans').map((g) => g.layer.id)).toEqual(['L3']);
  });

  it('says conditions in words', () => {
    expect(describeCondition(catalog, { one_of: ['sandbox', ['gvisor', 'microvm']] })).toBe('Sandbox is gvisor or microvm');
    expect(describeCondition(catalog, { reached_unchecked: true })).toBe('is reached by untrusted content without validation');
    expect(describeCondition(catalog, { feeds_trait: ['agent', 'outside'] })).toBe('sends to an agent or an outside');
    expect(describeCondition(catalog, { fed_by_where: { private_data: true } })).toBe(
      'receives from something that holds data labelled confidential or restricted',
    );
    expect(describeCondition(catalog, { all: [{ is: ['sandbox', 'none'] }, { fed_by: ['agent', 'human'] }] })).toBe(
      'Sandbox is none, and receives flows from: Agent, human',
    );
    expect(describeCondition(catalog, { inbound_all: { is: ['signed', true] } })).toBe('every incoming flow has signed is true');
    expect(describeCondition(catalog, { kind: ['agent', 'llm'] })).toBe('is one of: Agent, Foundation model');
  });
});

describe('rankKinds', () => {
  const kind = (id: string, label: string, description = '') => ({
    id, label, description, stride_class: 'process' as const, holds_logs: false, default_layer: 'L2', layer_reason: '', properties: [], defaults: {},
  });
  const kinds = {
    ...catalog,
    kinds: [
      kind('embedding', 'Embedding model', 'turns text into vectors for a vector store'),
      kind('memory', 'Agent memory'),
      kind('vector-store', 'Vector store'),
      kind('agent', 'Agent'),
    ],
  };
  it('puts the label itself first, then prefixes, then word prefixes, then mentions', () => {
    expect(rankKinds(kinds, 'vector').map((k) => k.id)).toEqual(['vector-store', 'embedding']);
    expect(rankKinds(kinds, 'agent').map((k) => k.id)).toEqual(['agent', 'memory']);
    expect(rankKinds(kinds, 'mem').map((k) => k.id)).toEqual(['memory']);
    expect(rankKinds(kinds, '  ')).toEqual([]);
    expect(rankKinds(kinds, 'nothing like it')).toEqual([]);
  });
});
