// Auto-layout: a layered drawing that follows the flows, with each trust boundary laid out as a
// box around what it holds. Small models are laid out by the Eclipse Layout Kernel (elkjs), whose
// crossing minimisation draws them best; large ones by `fastLayout`, which stays linear where ELK
// takes many seconds. The result is one Arrange edit: new element positions and boundary boxes,
// membership unchanged. Either runs in a worker (see layout-runner.ts), so the window never freezes.

import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk.bundled.js';
import { ELEMENT_SIZE, type BoundaryGeometry, type ElementMove, type Model } from '../bindings';
import { holders } from './boundaries';
import { asBoundaryId, asElementId } from '../ids';

export type Sizes = ReadonlyMap<string, { width: number; height: number }>;

/** The size of an element not yet measured on screen: the model's nominal element size. */
export const NODE_SIZE: { width: number; height: number } = ELEMENT_SIZE;
const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  'elk.spacing.nodeNode': '60',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.edgeRouting': 'POLYLINE',
};
/** Room inside a boundary: its title sits in the top padding. */
const BOUNDARY_PADDING = '[top=68,left=32,bottom=32,right=32]';

/** The model as an ELK graph: boundaries are compound nodes holding their elements and boundaries. */
export function toElkGraph(model: Model, sizes: Sizes): ElkNode {
  const held = holders(model);
  const nodes = new Map<string, ElkNode>();
  for (const boundary of model.boundaries ?? []) {
    nodes.set(boundary.id, { id: boundary.id, children: [], layoutOptions: { 'elk.padding': BOUNDARY_PADDING } });
  }
  const root: ElkNode = { id: '__root', layoutOptions: OPTIONS, children: [], edges: [] };
  const parentOf = (boundary: string | null | undefined) => (boundary && nodes.get(boundary)) || root;
  for (const boundary of model.boundaries ?? []) {
    parentOf(boundary.parent).children!.push(nodes.get(boundary.id)!);
  }
  for (const element of model.elements) {
    const size = sizes.get(element.id) ?? NODE_SIZE;
    parentOf(held.get(element.id)).children!.push({ id: element.id, width: size.width, height: size.height });
  }
  root.edges = model.flows.map((f): ElkExtendedEdge => ({ id: f.id, sources: [f.from], targets: [f.to] }));
  return root;
}

/** Absolute element positions and boundary boxes from a laid-out ELK graph. */
export function fromElkGraph(model: Model, laidOut: ElkNode): { moves: ElementMove[]; boundaries: BoundaryGeometry[] } {
  const boundaryIds = new Set((model.boundaries ?? []).map((b) => b.id));
  const moves: ElementMove[] = [];
  const boundaries: BoundaryGeometry[] = [];
  const visit = (node: ElkNode, offsetX: number, offsetY: number) => {
    for (const child of node.children ?? []) {
      const x = Math.round(offsetX + (child.x ?? 0));
      const y = Math.round(offsetY + (child.y ?? 0));
      if (boundaryIds.has(asBoundaryId(child.id))) {
        boundaries.push({
          id: asBoundaryId(child.id),
          position: { x, y },
          size: { width: Math.max(40, Math.round(child.width ?? 0)), height: Math.max(40, Math.round(child.height ?? 0)) },
        });
        visit(child, offsetX + (child.x ?? 0), offsetY + (child.y ?? 0));
      } else {
        moves.push({ id: asElementId(child.id), position: { x, y } });
      }
    }
  };
  visit(laidOut, 0, 0);
  return { moves, boundaries };
}

/** Up to this size a model is laid out by ELK (a few seconds at most here); beyond, by `fastLayout`. */
export const ELK_LIMIT = { elements: 150, flows: 450 };

/** Whether the model is small enough for ELK's slower, finer layout. */
export function usesElk(model: Model): boolean {
  return model.elements.length <= ELK_LIMIT.elements && model.flows.length <= ELK_LIMIT.flows;
}
