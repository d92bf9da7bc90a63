// How a finding's aliases are shown: each id with the short name of the source it comes from, so
// that the same id in two publications (ASI T&M's T16, the MAS guide's T16) is never ambiguous.

import type { Alias, Catalog } from '../bindings';

/** "T1 (ASI T&M v1.1)": the id, then its source's short name (its id while the catalog is not loaded or does not know it). */
export function aliasWithSource(catalog: Pick<Catalog, 'sources'> | null, alias: Alias): string {
  const source = catalog?.sources.find((s) => s.id === alias.source);
  return `${alias.id} (${source?.short ?? alias.source})`;
}

/** "T1 (ASI T&M v1.1), ASI06 (OWASP Agentic Top 10)", in the finding's order. */
export function aliasesWithSources(catalog: Pick<Catalog, 'sources'> | null, aliases: Alias[]): string {
  return aliases.map((a) => aliasWithSource(catalog, a)).join(', ');
}
