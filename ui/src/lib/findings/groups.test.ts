import { describe, expect, it } from 'vitest';
import type { Finding, Layer, Severity } from '../bindings';
import { filterFindings, NO_FILTER } from './filter';
import { findingKey, groupFindings, listRows, toggled, type GroupNaming, type Row } from './groups';
import { fixture } from '../testing/fixtures';

function finding(id: string, layer: string, severity: Severity, threatName = id.split(':')[0]): Finding {
  const [threat, ...targets] = id.split(':');
  return fixture<Finding>({
    id, threat, threat_name: threatName, aliases: [], layer, stride: 'T', targets, path: [], layers_involved: [], also: [], legs: [],
    severity_factors: [], likelihood: 'high', impact: 'high', severity, explanation: '', rules: [], mitigations: [], status: 'open',
    justification: null,
  });
}

const layer = (id: string, name: string, cross_layer = false): Layer => ({ id, name, focus: '', cross_layer });
const naming: GroupNaming = {
  layers: [layer('L1', 'Foundation Models'), layer('L2', 'Data Operations'), layer('L3', 'Agent Frameworks'), layer('cross-layer', 'Cross-layer', true)],
  targetName: (id) => ({ bot: 'Bot', db: 'Store', web: 'Web' })[id] ?? id,
};

// In the list's own order: worst first, then the analysis's.
const findings = filterFindings(
  [
    finding('poison:db', 'L2', 'medium', 'Poisoning'),
    finding('chain:web:bot', 'cross-layer', 'critical', 'Chain'),
    finding('misuse:bot', 'L3', 'high', 'Misuse'),
    finding('leak:db', 'L2', 'high', 'Leak'),
    finding('goal:bot', 'L3', 'low', 'Goal manipulation'),
    finding('drift:web', 'L9', 'medium', 'Drift'),
    finding('leak:bot', 'L3', 'high', 'Leak'),
  ],
  NO_FILTER,
);

const ids = (rows: Row[]) => rows.map((r) => (r.kind === 'group' ? `[${r.group.key}]` : r.finding.id));

describe('groupFindings', () => {
  it('groups by layer in catalog order, unknown layers last, with the catalog names', () => {
    const groups = groupFindings(findings, 'layer', naming);
    expect(groups.map((g) => [g.key, g.name, g.findings.length, g.worst])).toEqual([
      ['L2', 'L2 Data Operations', 2, 'high'],
      ['L3', 'L3 Agent Frameworks', 3, 'high'],
      ['cross-layer', 'Cross-layer', 1, 'critical'],
      ['L9', 'L9', 1, 'medium'],
    ]);
  });

  it('keeps the findings in the order given inside each group', () => {
    const l3 = groupFindings(findings, 'layer', naming).find((g) => g.key === 'L3');
    expect(l3?.findings.map((f) => f.id)).toEqual(['misuse:bot', 'leak:bot', 'goal:bot']);
  });

  it('orders threats by their worst finding, then by name', () => {
    const groups = groupFindings(findings, 'threat', naming);
    expect(groups.map((g) => [g.key, g.name, g.findings.length, g.worst])).toEqual([
      ['chain', 'Chain', 1, 'critical'],
      ['leak', 'Leak', 2, 'high'],
      ['misuse', 'Misuse', 1, 'high'],
      ['drift', 'Drift', 1, 'medium'],
      ['poison', 'Poisoning', 1, 'medium'],
      ['goal', 'Goal manipulation', 1, 'low'],
    ]);
  });

  it('groups by the first target, named as the list names targets, worst first', () => {
    const groups = groupFindings(findings, 'element', naming);
    expect(groups.map((g) => [g.key, g.name, g.findings.length, g.worst])).toEqual([
      ['web', 'Web', 2, 'critical'],
      ['bot', 'Bot', 3, 'high'],
      ['db', 'Store', 2, 'high'],
    ]);
  });
});

describe('listRows', () => {
  it('puts each group’s header before its findings', () => {
    expect(ids(listRows(findings, 'layer', naming, new Set(), null))).toEqual([
      '[L2]', 'leak:db', 'poison:db',
      '[L3]', 'misuse:bot', 'leak:bot', 'goal:bot',
      '[cross-layer]', 'chain:web:bot',
      '[L9]', 'drift:web',
    ]);
  });

  it('lists the findings alone, in their order, without grouping', () => {
    expect(ids(listRows(findings, 'none', naming, new Set(), null))).toEqual(findings.map((f) => f.id));
  });

  it('leaves out a collapsed group’s findings but keeps its header and count', () => {
    const rows = listRows(findings, 'layer', naming, new Set(['L3']), null);
    expect(ids(rows)).toEqual(['[L2]', 'leak:db', 'poison:db', '[L3]', '[cross-layer]', 'chain:web:bot', '[L9]', 'drift:web']);
    const header = rows[3];
    expect(header.kind === 'group' && [header.collapsed, header.group.findings.length]).toEqual([true, 3]);
    expect(rows.filter((r) => r.kind === 'group' && r.collapsed)).toHaveLength(1);
  });

  it('marks the opened finding as the one taller row, under the same key', () => {
    const closed = listRows(findings, 'threat', naming, new Set(), null);
    const open = listRows(findings, 'threat', naming, new Set(), 'leak:bot');
    expect(open.map((r) => r.key)).toEqual(closed.map((r) => r.key));
    expect(open.filter((r) => r.shape === 'expanded').map((r) => r.key)).toEqual([findingKey('leak:bot')]);
    expect(closed.some((r) => r.shape === 'expanded')).toBe(false);
    expect(new Set(open.map((r) => r.key)).size).toBe(open.length);
  });
});

describe('toggled', () => {
  it('adds a key that is not there and takes out one that is, leaving the original alone', () => {
    const start = new Set(['L2']);
    expect([...toggled(start, 'L3')]).toEqual(['L2', 'L3']);
    expect([...toggled(start, 'L2')]).toEqual([]);
    expect([...start]).toEqual(['L2']);
  });
});
