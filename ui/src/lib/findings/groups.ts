// Pure helpers for the findings list: findings grouped by layer, threat or element, and the
// groups laid out as the rows the list draws (group headers and findings).

import type { Finding, Layer, Severity } from '../bindings';
import { SEVERITIES } from './filter';

/** What the list groups findings by; `none` is one flat list. */
export type GroupBy = 'none' | 'layer' | 'threat' | 'element';

/** The choices of the list's "Group by", as offered. */
export const GROUPINGS: { by: GroupBy; label: string }[] = [
  { by: 'none', label: 'None' },
  { by: 'layer', label: 'Layer' },
  { by: 'threat', label: 'Threat' },
  { by: 'element', label: 'Element' },
];

/** Groupings that have groups. */
export type Grouping = Exclude<GroupBy, 'none'>;

/** How groups are named: the catalog's layers (names and order) and elements' and flows' names. */
export interface GroupNaming {
  layers: readonly Layer[];
  targetName: (id: string) => string;
}

export interface FindingGroup {
  /** The layer id, threat id or element (or flow) id the findings share. */
  key: string;
  name: string;
  /** In the order given, which is `filterFindings`'s: worst first. */
  findings: Finding[];
  worst: Severity;
}

/** Rows of one shape are about as tall as each other: an opened finding is much taller than a closed one. */
export type RowShape = 'group' | 'finding' | 'expanded';

/**
 * One row of the list: a group's header, or a finding. `key` names the row across renders (a
 * finding's row stays the same row when it opens); `shape` says how tall it is likely to be.
 */
export type Row =
  | { kind: 'group'; key: string; shape: RowShape; group: FindingGroup; collapsed: boolean }
  | { kind: 'finding'; key: string; shape: RowShape; finding: Finding; expanded: boolean };

/** Where a finding goes: the finding's layer, its threat, or its first target. */
function groupKey(finding: Finding, by: Grouping): string {
  if (by === 'layer') return finding.layer;
  if (by === 'threat') return finding.threat;
  return finding.targets[0] ?? '';
}

/** A layer as the filters name it: "L3 Agent Frameworks", the cross-layer entry by its name. */
export function layerLabel(layer: Layer): string {
  return layer.cross_layer ? layer.name : `${layer.id} ${layer.name}`;
}

function groupName(key: string, first: Finding, by: Grouping, naming: GroupNaming): string {
  if (by === 'layer') {
    const layer = naming.layers.find((l) => l.id === key);
    return layer ? layerLabel(layer) : key;
  }
  return by === 'threat' ? first.threat_name : naming.targetName(key);
}

/** The worse of two severities. */
function worse(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}

/**
 * The findings in groups, each keeping the findings' order. Layers come in catalog order (any the
 * catalog does not know after them); threats and elements worst first, then by name.
 */
export function groupFindings(findings: readonly Finding[], by: Grouping, naming: GroupNaming): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const key = groupKey(finding, by);
    const group = groups.get(key);
    if (group) {
      group.findings.push(finding);
      group.worst = worse(group.worst, finding.severity);
    } else {
      groups.set(key, { key, name: groupName(key, finding, by, naming), findings: [finding], worst: finding.severity });
    }
  }
  return [...groups.values()].sort(by === 'layer' ? byCatalogOrder(naming.layers) : bySeverityThenName);
}

function byCatalogOrder(layers: readonly Layer[]): (a: FindingGroup, b: FindingGroup) => number {
  const rank = (group: FindingGroup) => {
    const at = layers.findIndex((l) => l.id === group.key);
    return at < 0 ? layers.length : at;
  };
  return (a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key);
}

function bySeverityThenName(a: FindingGroup, b: FindingGroup): number {
  return (
    SEVERITIES.indexOf(a.worst) - SEVERITIES.indexOf(b.worst) ||
    a.name.localeCompare(b.name) ||
    a.key.localeCompare(b.key)
  );
}

/** The key of a finding's row. */
export function findingKey(id: string): string {
  return `finding:${id}`;
}

function findingRow(finding: Finding, expanded: string | null): Row {
  const open = finding.id === expanded;
  return { kind: 'finding', key: findingKey(finding.id), shape: open ? 'expanded' : 'finding', finding, expanded: open };
}

/**
 * The rows of the list: without grouping the findings as given; otherwise each group's header,
 * followed by its findings unless the group's key is in `collapsed`. `expanded` is the id of the
 * opened finding, if any.
 */
export function listRows(
  findings: readonly Finding[],
  by: GroupBy,
  naming: GroupNaming,
  collapsed: ReadonlySet<string>,
  expanded: string | null,
): Row[] {
  if (by === 'none') return findings.map((f) => findingRow(f, expanded));
  return groupFindings(findings, by, naming).flatMap((group): Row[] => {
    const closed = collapsed.has(group.key);
    const header: Row = { kind: 'group', key: `group:${group.key}`, shape: 'group', group, collapsed: closed };
    return closed ? [header] : [header, ...group.findings.map((f) => findingRow(f, expanded))];
  });
}

/** The set with `key` taken out if it was in, put in if it was not. */
export function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
}
