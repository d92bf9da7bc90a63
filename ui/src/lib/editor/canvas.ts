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

/** Elements and flows to pick out on the canvas; everything else is dimmed. */
export interface Highlight {
  elements: string[];
  flows: string[];
  /** What is shown, in words, e.g. "Blast radius of Researcher: 4 elements". */
  label: string;
}

/** Marks nodes and edges on or off the highlight; with none, clears the marks. */
export function applyHighlight(nodes: Node[], edges: Edge[], highlight: Highlight | null): { nodes: Node[]; edges: Edge[] } {
  if (!highlight) {
    return {
      nodes: nodes.map((n) => (n.class ? { ...n, class: undefined } : n)),
      edges: edges.map((e) => (e.class || e.animated ? { ...e, class: undefined, animated: false } : e)),
    };
  }
  const elements = new Set(highlight.elements);
  const flows = new Set(highlight.flows);
  return {
    nodes: nodes.map((n) => ({ ...n, class: elements.has(n.id) ? 'on-path' : 'dimmed' })),
    edges: edges.map((e) => ({ ...e, class: flows.has(e.id) ? 'on-path' : 'dimmed', animated: flows.has(e.id) })),
  };
}

/** Splits a finding's path (element and flow ids alternating) into its elements and flows. */
export function pathParts(path: readonly string[]): { elements: string[]; flows: string[] } {
  return {
    elements: path.filter((_, i) => i % 2 === 0),
    flows: path.filter((_, i) => i % 2 === 1),
  };
}

const BAND_ROW = 170;
const BAND_COLUMN = 250;
const BAND_ORDER = ['L7', 'L5', 'L4', 'L3', 'L2', 'L1'];

export interface BandLabel {
  id: string;
  layer: string;
  position: { x: number; y: number };
}

/**
 * Where each element goes in the layer view: one row per layer, L7 at the top and L1 at the
 * bottom, with L6 as a column on the right that spans them all. Only the view moves: the model
 * keeps the user's own positions.
 */
export function bandLayout(snapshot: Snapshot): { positions: Map<string, { x: number; y: number }>; labels: BandLabel[] } {
  const primary = new Map(snapshot.analysis.layers.map((a) => [a.element, a.primary]));
  const rows = new Map<string, string[]>();
  for (const element of snapshot.model.elements) {
    const layer = primary.get(element.id) ?? 'unknown';
    rows.set(layer, [...(rows.get(layer) ?? []), element.id]);
  }
  const positions = new Map<string, { x: number; y: number }>();
  const labels: BandLabel[] = [];
  let widest = 0;
  BAND_ORDER.forEach((layer, row) => {
    labels.push({ id: `band-${layer}`, layer, position: { x: -BAND_COLUMN, y: row * BAND_ROW } });
    (rows.get(layer) ?? []).forEach((id, column) => {
      positions.set(id, { x: column * BAND_COLUMN, y: row * BAND_ROW });
      widest = Math.max(widest, column + 1);
    });
  });
  const band = widest * BAND_COLUMN + BAND_COLUMN / 2;
  labels.push({ id: 'band-L6', layer: 'L6', position: { x: band, y: -BAND_ROW * 0.6 } });
  (rows.get('L6') ?? []).forEach((id, i) => positions.set(id, { x: band, y: i * BAND_ROW }));
  (rows.get('unknown') ?? []).forEach((id, column) =>
    positions.set(id, { x: column * BAND_COLUMN, y: BAND_ORDER.length * BAND_ROW }),
  );
  return { positions, labels };
}

/** The drag data type that carries a palette kind onto the canvas. */
export const KIND_DRAG_TYPE = 'application/x-maestro-kind';

/** Where a dropped element goes: centred on the pointer (a node is about 170 × 50). */
export function dropPosition(pointer: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.round(pointer.x - 85), y: Math.round(pointer.y - 25) };
}
