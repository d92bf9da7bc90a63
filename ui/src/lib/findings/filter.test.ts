import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus, Severity, Stride } from '../bindings';
import { filterFindings, isDecided, NO_FILTER } from './filter';
import { fixture } from '../testing/fixtures';

function finding(id: string, layer: string, stride: Stride, severity: Severity, status: FindingStatus): Finding {
  const [threat, target] = id.split(':');
  return fixture<Finding>({
    id, threat, threat_name: threat, aliases: [], layer, stride, targets: [target], path: [], layers_involved: [], also: [], legs: [], severity_factors: [], likelihood: 'high',
    impact: 'high', severity, explanation: '', rules: [], mitigations: [], status, justification: null,
  });
}

const findings = [
  finding('a:x', 'L3', 'E', 'medium', 'open'),
  finding('b:y', 'L2', 'T', 'critical', 'open'),
  finding('c:x', 'L3', 'T', 'critical', 'mitigated'),
  finding('d:z', 'cross-layer', 'I', 'low', 'accepted'),
];

describe('filterFindings', () => {
  it('puts the worst first and keeps the analysis order among equals', () => {
    expect(filterFindings(findings, NO_FILTER).map((f) => f.id)).toEqual(['b:y', 'c:x', 'a:x', 'd:z']);
  });

  it('combines the layer, STRIDE, severity, status and target filters', () => {
    expect(filterFindings(findings, { ...NO_FILTER, layer: 'L3' }).map((f) => f.id)).toEqual(['c:x', 'a:x']);
    expect(filterFindings(findings, { ...NO_FILTER, stride: 'T', status: 'open' }).map((f) => f.id)).toEqual(['b:y']);
    expect(filterFindings(findings, { ...NO_FILTER, severity: 'low' }).map((f) => f.id)).toEqual(['d:z']);
    expect(filterFindings(findings, { ...NO_FILTER, targets: ['x'] }).map((f) => f.id)).toEqual(['c:x', 'a:x']);
    expect(filterFindings(findings, { ...NO_FILTER, layer: 'L7' })).toEqual([]);
  });

  it('knows which statuses are the user’s decisions', () => {
    expect(['open', 'mitigated', 'accepted', 'transferred', 'not-applicable'].map((s) => isDecided(s as FindingStatus))).toEqual([
      false, false, true, true, true,
    ]);
  });
});
