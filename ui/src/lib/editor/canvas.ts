// Pure helpers between a document snapshot and the canvas: no Svelte, no IPC, easy to test.

import type { Edge, Node } from '@xyflow/svelte';
import type { Catalog, ElementMove, Finding, Severity, Snapshot } from '../bindings';

const SEVERITY_ORDER: Severity[] = ['low', 'medium', 'high', 'critical'];

/** Per target id: how many open findings it has and the worst of their severities. */
export function openFindingsByTarget(findings: readonly Finding[]): Map<string, { count: number; worst: Severity }> {
  const byTarget = new Map<string, { count: number; worst: Severity }>();
  for (const finding of findings) {
    if (finding.status !== 'open') continue;
    for (const target of finding.targets) {
      const seen = byTarget.get(target);
      const worst =
        seen && SEVERITY_ORDER.indexOf(seen.worst) >= SEVERITY_ORDER.indexOf(finding.severity) ? seen.worst : finding.severity;
      byTarget.set(target, { count: (seen?.count ?? 0) + 1, worst });
    }
  }
  return byTarget;
}

export interface ElementNodeData extends Record<string, unknown> {
  name: string;
  kind: string;
  kindLabel: string;
  /** The element's primary MAESTRO layer, or null when its kind is unknown. */
  layer: string | null;
  /** Further layers it touches. */
  secondary: string[];
  /** Why it sits in each of its layers, one line each. */
  layerReason: string;
  /** The worst severity among its open findings, or null when it has none. */
  worstOpen: Severity | null;
  openFindings: number;
}

export type ElementNode = Node<ElementNodeData, 'element'>;

/**
 * Nodes for a snapshot. Selection is canvas state, not document state, so it is carried over from
 * the nodes currently shown.
 */
export function toNodes(snapshot: Snapshot, catalog: Catalog | null, current: readonly Node[] = []): ElementNode[] {
  const selected = new Set(current.filter((n) => n.selected).map((n) => n.id));
  const layers = new Map(snapshot.analysis.layers.map((a) => [a.element, a]));
  const open = openFindingsByTarget(snapshot.analysis.findings);
  return snapshot.model.elements.map((element) => {
    const assignment = layers.get(element.id);
    const kind = catalog?.kinds.find((k) => k.id === element.kind);
    return {
      id: element.id,
      type: 'element',
      position: { x: element.position.x ?? 0, y: element.position.y ?? 0 },
      selected: selected.has(element.id),
      data: {
        name: element.name,
        kind: element.kind,
        kindLabel: kind?.label ?? `Unknown kind “${element.kind}”`,
        layer: assignment?.primary ?? null,
        secondary: assignment?.secondary ?? [],
        layerReason: assignment?.reasons.map((r) => `${r.layer}: ${r.reason}`).join('\n') ?? '',
        worstOpen: open.get(element.id)?.worst ?? null,
        openFindings: open.get(element.id)?.count ?? 0,
      },
      domAttributes: { 'data-testid': `element-${element.id}` },
    };
  });
}

export function toEdges(snapshot: Snapshot, current: readonly Edge[] = []): Edge[] {
  const selected = new Set(current.filter((e) => e.selected).map((e) => e.id));
  return snapshot.model.flows.map((flow) => ({
    id: flow.id,
    source: flow.from,
    target: flow.to,
    label: flow.name || undefined,
    selected: selected.has(flow.id),
    markerEnd: { type: 'arrowclosed' as const, width: 18, height: 18 },
    domAttributes: { 'data-testid': `flow-${flow.id}` },
  }));
}

/** The moves that a finished drag made, leaving out nodes that ended where they started. */
export function movesAfterDrag(dragged: readonly Node[], snapshot: Snapshot): ElementMove[] {
  const before = new Map(snapshot.model.elements.map((e) => [e.id, e.position]));
  return dragged
    .filter((node) => {
      const old = before.get(node.id);
      return old !== undefined && ((old.x ?? 0) !== node.position.x || (old.y ?? 0) !== node.position.y);
    })
    .map((node) => ({ id: node.id, position: { x: Math.round(node.position.x), y: Math.round(node.position.y) } }));
}

/**
 * Where a click in the palette places a new element: near the centre of the view, stepped so that
 * several quick additions do not stack exactly on top of each other.
 */
export function placementNear(centre: { x: number; y: number }, elementCount: number): { x: number; y: number } {
  const step = elementCount % 6;
  return { x: Math.round(centre.x - 80 + step * 36), y: Math.round(centre.y - 30 + step * 36) };
}
