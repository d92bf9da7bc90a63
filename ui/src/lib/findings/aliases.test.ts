import { describe, expect, it } from 'vitest';
import type { Catalog } from '../bindings';
import { aliasesWithSources, aliasWithSource } from './aliases';

const catalog: Pick<Catalog, 'sources'> = {
  sources: [
    { id: 'asi-tm', name: 'OWASP Agentic AI — Threats and Mitigations v1.1', short: 'ASI T&M v1.1' },
    { id: 'mas-guide', name: 'OWASP GenAI — MAS Threat Modelling Guide v1.0', short: 'MAS guide v1.0' },
    { id: 'owasp-agentic', name: 'OWASP Top 10 for Agentic Applications (2026)', short: 'OWASP Agentic Top 10' },
  ],
};

describe('aliasWithSource', () => {
  it('puts the source’s short name after the id', () => {
    expect(aliasWithSource(catalog, { source: 'asi-tm', id: 'T16' })).toBe('T16 (ASI T&M v1.1)');
    expect(aliasWithSource(catalog, { source: 'mas-guide', id: 'T16' })).toBe('T16 (MAS guide v1.0)');
    expect(aliasWithSource(catalog, { source: 'owasp-agentic', id: 'ASI06' })).toBe('ASI06 (OWASP Agentic Top 10)');
  });

  it('names a source it cannot resolve by its id', () => {
    expect(aliasWithSource(catalog, { source: 'mitre-atlas', id: 'AML.T0051' })).toBe('AML.T0051 (mitre-atlas)');
    expect(aliasWithSource(null, { source: 'asi-tm', id: 'T1' })).toBe('T1 (asi-tm)');
  });
});

describe('aliasesWithSources', () => {
  it('keeps the finding’s order', () => {
    const aliases = [
      { source: 'asi-tm', id: 'T1' },
      { source: 'mas-guide', id: 'T1' },
      { source: 'owasp-agentic', id: 'ASI06' },
    ];
    expect(aliasesWithSources(catalog, aliases)).toBe('T1 (ASI T&M v1.1), T1 (MAS guide v1.0), ASI06 (OWASP Agentic Top 10)');
    expect(aliasesWithSources(catalog, [])).toBe('');
  });
});
