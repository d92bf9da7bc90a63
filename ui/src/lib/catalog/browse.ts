// Pure helpers for browsing the catalog: search, grouping, and saying conditions in words.

import type { Alias, Catalog, Condition, Kind, Layer, Mitigation, PropertyValue, Stride, Threat } from '../bindings';

const STRIDE_NAMES: Record<Stride, string> = {
  S: 'Spoofing',
  T: 'Tampering',
  R: 'Repudiation',
  I: 'Information disclosure',
  D: 'Denial of service',
  E: 'Elevation of privilege',
};

export function strideName(letter: Stride): string {
  return STRIDE_NAMES[letter];
}

/** "ASI T&M v1.1 T16": an alias with the short name of its source. */
export function aliasLabel(catalog: Catalog, alias: Alias): string {
  const source = catalog.sources.find((s) => s.id === alias.source);
  return `${source?.short ?? alias.source} ${alias.id}`;
}

function words(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** True when every word of the query appears somewhere in the texts. */
function matches(texts: (string | undefined)[], query: string): boolean {
  const haystack = texts.filter(Boolean).join(' ').toLowerCase();
  return words(query).every((w) => haystack.includes(w));
}

function threatTexts(catalog: Catalog, threat: Threat): string[] {
  return [
    threat.id,
    threat.name,
    threat.description,
    ...threat.aliases.map((a) => aliasLabel(catalog, a)),
    ...threat.owasp_agentic,
    ...threat.owasp_llm,
    ...threat.atlas,
    ...threat.layers,
  ];
}

/** Threats matching the query (id, name, text, aliases, references), optionally in one layer. */
export function filterThreats(catalog: Catalog, query: string, layer: string | null = null): Threat[] {
  return catalog.threats.filter(
    (t) => (layer === null || t.layers.includes(layer)) && matches(threatTexts(catalog, t), query),
  );
}

export function filterMitigations(catalog: Catalog, query: string): Mitigation[] {
  return catalog.mitigations.filter((m) => matches([m.id, m.name, m.description, m.layer], query));
}

export function filterLayers(catalog: Catalog, query: string): Layer[] {
  return catalog.layers.filter((l) =>
    matches([l.id, l.name, l.focus, ...(l.contains ?? []), ...(l.key_questions ?? [])], query),
  );
}

export function threatName(catalog: Catalog, id: string): string {
  return catalog.threats.find((t) => t.id === id)?.name ?? id;
}

export function mitigationName(catalog: Catalog, id: string): string {
  return catalog.mitigations.find((m) => m.id === id)?.name ?? id;
}

export interface KindGroup {
  layer: Layer;
  kinds: Kind[];
}

/** Kinds grouped under their default layer, in layer order, leaving out empty groups. */
export function kindsByLayer(catalog: Catalog, query = ''): KindGroup[] {
  return catalog.layers
    .map((layer) => ({
      layer,
      kinds: catalog.kinds.filter(
        (k) => k.default_layer === layer.id && matches([k.id, k.label, k.description], query),
      ),
    }))
    .filter((group) => group.kinds.length > 0);
}

function kindLabels(catalog: Catalog, ids: string[]): string {
  return ids.map((id) => catalog.kinds.find((k) => k.id === id)?.label ?? id).join(', ');
}

function valueText(value: PropertyValue): string {
  return typeof value === 'string' ? value : String(value);
}

function propertyLabel(catalog: Catalog, id: string): string {
  return catalog.properties.find((p) => p.id === id)?.label ?? id;
}

/** A kind trait in words. */
function traitText(trait: string): string {
  return `a${/^[aeiou]/.test(trait) ? 'n' : ''} ${trait.replace(/-/g, ' ')}`;
}

/** A condition in words, e.g. "Sandbox is gvisor or microvm". */
export function describeCondition(catalog: Catalog, condition: Condition): string {
  if ('all' in condition && condition.all) return condition.all.map((c) => describeCondition(catalog, c)).join(', and ');
  if ('any' in condition && condition.any) return condition.any.map((c) => describeCondition(catalog, c)).join(', or ');
  if ('not' in condition && condition.not) return `not (${describeCondition(catalog, condition.not)})`;
  if ('is' in condition && condition.is) {
    const [property, value] = condition.is;
    return `${propertyLabel(catalog, property)} is ${valueText(value)}`;
  }
  if ('one_of' in condition && condition.one_of) {
    const [property, values] = condition.one_of;
    return `${propertyLabel(catalog, property)} is ${values.map(valueText).join(' or ')}`;
  }
  if ('fed_by' in condition && condition.fed_by) return `receives flows from: ${kindLabels(catalog, condition.fed_by)}`;
  if ('feeds' in condition && condition.feeds) return `sends flows to: ${kindLabels(catalog, condition.feeds)}`;
  if ('from_kind' in condition && condition.from_kind) return `comes from: ${kindLabels(catalog, condition.from_kind)}`;
  if ('to_kind' in condition && condition.to_kind) return `goes to: ${kindLabels(catalog, condition.to_kind)}`;
  if ('kind' in condition && condition.kind) return `is one of: ${kindLabels(catalog, condition.kind)}`;
  if ('in_boundary' in condition && condition.in_boundary) return `inside a ${condition.in_boundary.join(' or ')} boundary`;
  if ('inbound_all' in condition && condition.inbound_all) {
    return `every incoming flow has ${describeCondition(catalog, condition.inbound_all)}`;
  }
  if ('states' in condition && condition.states) {
    const [property, values] = condition.states;
    return `the model says ${propertyLabel(catalog, property)} is ${values.map(valueText).join(' or ')}`;
  }
  if ('within_boundary' in condition && condition.within_boundary) return `runs between two elements inside one ${condition.within_boundary.join(' or ')} boundary`;
  if ('trait' in condition && condition.trait) return `is ${condition.trait.map(traitText).join(' or ')}`;
  if ('fed_by_trait' in condition && condition.fed_by_trait) return `receives from ${condition.fed_by_trait.map(traitText).join(' or ')}`;
  if ('feeds_trait' in condition && condition.feeds_trait) return `sends to ${condition.feeds_trait.map(traitText).join(' or ')}`;
  if ('fed_by_where' in condition && condition.fed_by_where) return `receives from something that ${describeCondition(catalog, condition.fed_by_where)}`;
  if ('feeds_where' in condition && condition.feeds_where) return `sends to something that ${describeCondition(catalog, condition.feeds_where)}`;
  const facts: [string, string, string][] = [
    ['untrusted_source', 'is an untrusted source', 'is not an untrusted source'],
    ['reached_by_untrusted', 'is reached by untrusted content', 'is not reached by untrusted content'],
    ['reached_first_hand', 'is reached first-hand by untrusted content', 'is reached by untrusted content only through other agents'],
    ['reached_unchecked', 'is reached by untrusted content without validation', 'is reached by untrusted content only through validation'],
    ['private_data', 'holds data labelled confidential or restricted', 'holds no data labelled private'],
    ['restricted_data', 'holds data labelled restricted', 'holds no data labelled restricted'],
    ['private_data_from_outside', 'holds private data from outside its boundary', 'holds private data only from inside its boundary'],
    ['outbound_channel', 'can send data out of the system', 'cannot send data out of the system'],
    ['converses_with_untrusted', 'answers untrusted parties', 'answers no untrusted party'],
    ['point_of_impact', 'is where its action takes effect', 'passes its action on to another element'],
  ];
  for (const [key, yes, no] of facts) {
    if (key in condition) return (condition as unknown as Record<string, boolean>)[key] ? yes : no;
  }
  return 'an unknown condition';
}

/**
 * The kinds matching what was typed in the palette, best first: the label itself, then labels
 * that start with it, then labels with a word that starts with it, then any other match (id,
 * description); catalog order within each. "vector" gives Vector store before kinds that merely
 * mention vectors.
 */
export function rankKinds(catalog: Catalog, query: string): Kind[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (kind: Kind): number => {
    const label = kind.label.toLowerCase();
    if (label === q || kind.id === q) return 0;
    if (label.startsWith(q) || kind.id.startsWith(q)) return 1;
    if (label.split(/[\s-]+/).some((w) => w.startsWith(q))) return 2;
    return matches([kind.id, kind.label, kind.description], query) ? 3 : -1;
  };
  return catalog.kinds
    .map((kind, order) => ({ kind, order, rank: rank(kind) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((r) => r.kind);
}
