// Typed ids. The backend's ids are strings branded with what they name, so an element's id cannot
// be passed where a flow's is wanted. Ids that arrive untyped (a DOM attribute, the canvas
// library's node and edge ids, a test's fixture) are branded here, in one place, on purpose.

import type { BoundaryId, ElementId, FindingId, FlowId } from './bindings';

export type { BoundaryId, ElementId, FindingId, FlowId };

/** Anything the user can select on the canvas. */
export type ItemId = ElementId | FlowId | BoundaryId;

export const asElementId = (id: string) => id as ElementId;
export const asFlowId = (id: string) => id as FlowId;
export const asBoundaryId = (id: string) => id as BoundaryId;
export const asFindingId = (id: string) => id as FindingId;
/** An id from the canvas whose kind is not known yet; `kindOf` in the snapshot index tells. */
export const asItemId = (id: string) => id as ItemId;
