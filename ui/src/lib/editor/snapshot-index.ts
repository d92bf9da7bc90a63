// A snapshot indexed for lookups: what the UI asks of a document by id, answered without
// scanning its lists. Built once per snapshot; pure.

import type {
  Boundary,
  BoundaryId,
  Element,
  ElementId,
  Finding,
  Flow,
  FlowId,
  LayerAssignment,
  Snapshot,
} from '../bindings';
import { asBoundaryId, asElementId, asFlowId } from '../ids';

export interface SnapshotIndex {
  elements: ReadonlyMap<ElementId, Element>;
  flows: ReadonlyMap<FlowId, Flow>;
  boundaries: ReadonlyMap<BoundaryId, Boundary>;
  /** The layer assignment of each element. */
  layers: ReadonlyMap<ElementId, LayerAssignment>;
  /** The findings about each element or flow, in the analysis's order. */
  findingsByTarget: ReadonlyMap<string, readonly Finding[]>;
}

/** What an id names in the document. */
export type ItemKind = 'element' | 'flow' | 'boundary';

const byId = <Id extends string, T extends { id: Id }>(items: readonly T[]) =>
  new Map<Id, T>(items.map((item) => [item.id, item]));


export const EMPTY_INDEX: SnapshotIndex = {
  elements: new Map(),
  flows: new Map(),
  boundaries: new Map(),
  layers: new Map(),
  findingsByTarget: new Map(),
};

export function indexSnapshot(snapshot: Snapshot | null): SnapshotIndex {
  if (!snapshot) return EMPTY_INDEX;
  const findingsByTarget = new Map<string, Finding[]>();
  for (const finding of snapshot.analysis.findings) {
    for (const target of finding.targets) {
      const list = findingsByTarget.get(target);
      if (list) list.push(finding);
      else findingsByTarget.set(target, [finding]);
    }
  }
  return {
    elements: byId(snapshot.model.elements),
    flows: byId(snapshot.model.flows),
    boundaries: byId(snapshot.model.boundaries ?? []),
    layers: new Map(snapshot.analysis.layers.map((a) => [a.element, a])),
    findingsByTarget,
  };
}

/** Whether `id` is an element, a flow or a boundary of the document; null when it is none. */
export function kindOf(index: SnapshotIndex, id: string): ItemKind | null {
  if (index.elements.has(asElementId(id))) return 'element';
  if (index.flows.has(asFlowId(id))) return 'flow';
  if (index.boundaries.has(asBoundaryId(id))) return 'boundary';
  return null;
}

interface IdOfKind {
  element: ElementId;
  flow: FlowId;
  boundary: BoundaryId;
}

/** The ids among `ids` that name items of `kind`, in the order given, typed as that kind's. */
export function idsOfKind<K extends ItemKind>(index: SnapshotIndex, ids: readonly string[], kind: K): IdOfKind[K][] {
  return ids.filter((id): id is IdOfKind[K] => kindOf(index, id) === kind);
}

/** How a flow is called: its name, or its ends ("Planner → Search tool") when it has none. */
export function flowLabel(index: SnapshotIndex, flow: Flow): string {
  const end = (id: ElementId) => index.elements.get(id)?.name ?? id;
  return flow.name || `${end(flow.from)} → ${end(flow.to)}`;
}

/** The name of an element or flow, for lists; the id itself when the document has neither. */
export function targetName(index: SnapshotIndex, id: string): string {
  const element = index.elements.get(asElementId(id));
  if (element) return element.name;
  const flow = index.flows.get(asFlowId(id));
  return flow ? flowLabel(index, flow) : id;
}
