// Pure helpers between a document snapshot and the canvas: no Svelte, no IPC, easy to test.

import type { Edge, Node } from '@xyflow/svelte';
import { lanes } from './flow-geometry';
import { isTwoWay } from './two-way';
import type { BoundaryMove, Catalog, ElementMove, Finding, Severity, Snapshot } from '../bindings';
import { boxOf, crossingFlows, holders, parentsFirst, relativeTo, trustOf } from './boundaries';
import { asBoundaryId, asElementId, asFlowId, type ElementId, type FlowId } from '../ids';

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

export interface BoundaryNodeData extends Record<string, unknown> {
  name: string;
  /** `trusted`, `partial` or `untrusted`. */
  trust: string;
  /** How many elements it holds, directly or in boundaries inside it. */
  members: number;
}

export type BoundaryNode = Node<BoundaryNodeData, 'boundary'>;

/** Boundary nodes, parents before children, each positioned relative to the boundary it sits in. */
export function toBoundaryNodes(snapshot: Snapshot): BoundaryNode[] {
  const model = snapshot.model;
  return parentsFirst(model.boundaries ?? []).map((boundary) => {
    const box = boxOf(boundary);
    return {
      id: boundary.id,
      type: 'boundary' as const,
      position: relativeTo(model, boundary.parent, box),
      parentId: boundary.parent ?? undefined,
      width: box.width,
      height: box.height,
      style: `width: ${box.width}px; height: ${box.height}px;`,
      connectable: false,
      data: { name: boundary.name, trust: trustOf(boundary), members: (boundary.contains ?? []).length },
      domAttributes: { 'data-testid': `boundary-${boundary.id}` },
    };
  });
}

/**
 * Nodes for a snapshot: boundaries first (a parent must come before what it holds), then
 * elements. Selection is canvas state, not document state: `withSelection` lays it over them.
 */
export function toNodes(snapshot: Snapshot, catalog: Catalog | null): Node[] {
  return [...toBoundaryNodes(snapshot), ...toElementNodes(snapshot, catalog)];
}

/** Nodes or edges marked selected exactly when in `chosen`; those already right are kept as they are. */
export function withSelection<T extends { id: string; selected?: boolean }>(items: readonly T[], chosen: ReadonlySet<string>): T[] {
  return items.map((item) => (Boolean(item.selected) === chosen.has(item.id) ? item : { ...item, selected: chosen.has(item.id) }));
}

/** Element nodes; an element in a boundary is positioned relative to it. */
export function toElementNodes(snapshot: Snapshot, catalog: Catalog | null): ElementNode[] {
  const layers = new Map(snapshot.analysis.layers.map((a) => [a.element, a]));
  const open = openFindingsByTarget(snapshot.analysis.findings);
  const held = holders(snapshot.model);
  const kinds = new Map(catalog?.kinds.map((k) => [k.id, k]));
  return snapshot.model.elements.map((element) => {
    const assignment = layers.get(element.id);
    const kind = kinds.get(element.kind);
    const parent = held.get(element.id);
    return {
      id: element.id,
      type: 'element',
      position: relativeTo(snapshot.model, parent, { x: element.position.x ?? 0, y: element.position.y ?? 0 }),
      parentId: parent,
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

/** Edges for a snapshot; a flow that crosses a trust boundary is marked as such. */
export function toEdges(snapshot: Snapshot): Edge[] {
  const crossing = crossingFlows(snapshot.model);
  const lane = lanes(snapshot.model.flows);
  return snapshot.model.flows.map((flow) => {
    const crosses = crossing.has(flow.id);
    const name = flow.name || undefined;
    const twoWay = isTwoWay(flow);
    const arrow = { type: 'arrowclosed' as const, width: 18, height: 18 };
    return {
      id: flow.id,
      source: flow.from,
      target: flow.to,
      label: crosses ? `⚠ ${name ?? 'crosses a boundary'}` : name,
      zIndex: 10,
      markerEnd: arrow,
      // A two-way flow has an arrow at each end.
      ...(twoWay ? { markerStart: arrow } : {}),
      class: crosses ? 'crossing' : undefined,
      data: { crossing: crosses, lane: lane.get(flow.id) ?? 0 },
      domAttributes: {
        'data-testid': `flow-${flow.id}`,
        'data-crossing': crosses ? 'true' : 'false',
        'data-two-way': twoWay ? 'true' : 'false',
      },
    };
  });
}

/**
 * The moves that a finished drag made, leaving out nodes that ended where they started.
 * `absolute` gives a node's position on the canvas (not relative to its boundary).
 */
export function movesAfterDrag(
  dragged: readonly Node[],
  snapshot: Snapshot,
  absolute: (node: Node) => { x: number; y: number },
): { moves: ElementMove[]; boundaries: BoundaryMove[] } {
  const elements = new Map(snapshot.model.elements.map((e) => [e.id, e.position]));
  const boxes = new Map((snapshot.model.boundaries ?? []).map((b) => [b.id, boxOf(b)]));
  const moved = (old: { x: number | null; y: number | null } | undefined, node: Node) => {
    if (old === undefined) return null;
    const at = absolute(node);
    const position = { x: Math.round(at.x), y: Math.round(at.y) };
    return position.x !== Math.round(old.x ?? 0) || position.y !== Math.round(old.y ?? 0) ? position : null;
  };
  const moves: ElementMove[] = [];
  const boundaries: BoundaryMove[] = [];
  for (const node of dragged) {
    const element = asElementId(node.id);
    const boundary = asBoundaryId(node.id);
    const position = moved(elements.get(element) ?? boxes.get(boundary), node);
    if (!position) continue;
    if (elements.has(element)) moves.push({ id: element, position });
    else boundaries.push({ id: boundary, position });
  }
  return { moves, boundaries };
}

/** Elements and flows to pick out on the canvas; everything else is dimmed. */
export interface Highlight {
  elements: ElementId[];
  flows: FlowId[];
  /** What is shown, in words, e.g. "Blast radius of Researcher: 4 elements". */
  label: string;
}

/** Marks nodes and edges on or off the highlight; with none, clears the marks. */
export function applyHighlight(nodes: Node[], edges: Edge[], highlight: Highlight | null): { nodes: Node[]; edges: Edge[] } {
  // An edge keeps its own mark (crossing a boundary) under any highlight.
  const edgeClass = (e: Edge, mark?: string) => [e.data?.crossing ? 'crossing' : '', mark ?? ''].join(' ').trim() || undefined;
  if (!highlight) {
    return {
      nodes: nodes.map((n) => (n.class ? { ...n, class: undefined } : n)),
      edges: edges.map((e) => ({ ...e, class: edgeClass(e), animated: false })),
    };
  }
  const elements = new Set(highlight.elements);
  const flows = new Set(highlight.flows);
  return {
    // Boundaries stay as they are: they frame the picture rather than take part in a path.
    nodes: nodes.map((n) => (n.type === 'boundary' ? n : { ...n, class: elements.has(asElementId(n.id)) ? 'on-path' : 'dimmed' })),
    edges: edges.map((e) => ({
      ...e,
      class: edgeClass(e, flows.has(asFlowId(e.id)) ? 'on-path' : 'dimmed'),
      animated: flows.has(asFlowId(e.id)),
    })),
  };
}

/** Splits a finding's path (element and flow ids alternating) into its elements and flows. */
export function pathParts(path: readonly string[]): { elements: ElementId[]; flows: FlowId[] } {
  return {
    elements: path.filter((_, i) => i % 2 === 0).map(asElementId),
    flows: path.filter((_, i) => i % 2 === 1).map(asFlowId),
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
