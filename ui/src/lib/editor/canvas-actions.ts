// What a canvas action (a menu item, toolbar button or shortcut only the canvas can carry out)
// amounts to: an edit to send, a change of view, a word to the user, or nothing. Worked out here
// from the document, the selection and the boxes the canvas measured, with no Svelte and no DOM,
// so each action's meaning is unit-tested; Canvas.svelte only carries the plan out.

import type { Edit, ElementMove, Snapshot } from '../bindings';
import type { BoundaryId, ElementId, FlowId } from '../ids';
import { align, distribute, type Alignment, type Box } from './arrange';
import { boxAround } from './boundaries';
import { bandLayout } from './canvas';
import type { CanvasAction } from './editor.svelte';

/** What the canvas knows when an action arrives. */
export interface ActionContext {
  snapshot: Snapshot;
  selection: { elements: ElementId[]; flows: FlowId[]; boundaries: BoundaryId[] };
  /** The selected elements as the canvas has them (measured where drawn). */
  selectedBoxes: () => Box[];
  /** The centre of the visible part of the canvas, in model coordinates. */
  viewCentre: () => { x: number; y: number };
}

export type ViewChange = 'zoomIn' | 'zoomOut' | 'fit';

export type ActionPlan =
  /** Send `edit`; with `fitAfter`, show the whole model once it is drawn. */
  | { kind: 'edit'; edit: Edit; fitAfter: boolean }
  | { kind: 'view'; change: ViewChange }
  /** Auto layout: the positions come from a worker, so the canvas starts it. */
  | { kind: 'autoLayout' }
  | { kind: 'message'; text: string }
  | { kind: 'nothing' };

type AlignAction = 'alignLeft' | 'alignCentre' | 'alignRight' | 'alignTop' | 'alignMiddle' | 'alignBottom';

const ALIGNMENTS: Record<AlignAction, Alignment> = {
  alignLeft: 'left',
  alignCentre: 'centre',
  alignRight: 'right',
  alignTop: 'top',
  alignMiddle: 'middle',
  alignBottom: 'bottom',
};

/** The size of a boundary added with nothing selected, centred in the view. */
export const EMPTY_BOUNDARY_SIZE = { width: 360, height: 240 };

const edit = (edit: Edit, fitAfter = false): ActionPlan => ({ kind: 'edit', edit, fitAfter });
const NOTHING: ActionPlan = { kind: 'nothing' };

/** Moves the selection's elements in one arrange edit; nothing when none of them moves. */
const arrange = (moves: ElementMove[], fitAfter = false): ActionPlan =>
  moves.length > 0 ? edit({ type: 'arrange', moves, boundaries: [], refit: true }, fitAfter) : NOTHING;

export function planAction(action: CanvasAction, context: ActionContext): ActionPlan {
  switch (action) {
    case 'alignLeft':
    case 'alignCentre':
    case 'alignRight':
    case 'alignTop':
    case 'alignMiddle':
    case 'alignBottom': {
      const chosen = context.selectedBoxes();
      if (chosen.length < 2) return { kind: 'message', text: 'Select two or more elements to align.' };
      return arrange(align(chosen, ALIGNMENTS[action]));
    }
    case 'zoomIn':
    case 'zoomOut':
    case 'fit':
      return { kind: 'view', change: action };
    case 'distributeHorizontal':
    case 'distributeVertical': {
      const chosen = context.selectedBoxes();
      if (chosen.length < 3) return { kind: 'message', text: 'Select three or more elements to distribute.' };
      return arrange(distribute(chosen, action === 'distributeHorizontal' ? 'horizontal' : 'vertical'));
    }
    case 'delete': {
      // Delete takes what the user chose: what a deleted boundary held stays, in the boundary
      // around it; the flows of a deleted element go with it.
      const { elements, flows, boundaries } = context.selection;
      return elements.length + flows.length + boundaries.length > 0
        ? edit({ type: 'delete', elements, flows, boundaries })
        : NOTHING;
    }
    case 'addBoundary': {
      // Around the selection, holding exactly it; with nothing selected, an empty one in view.
      const chosen = context.selectedBoxes();
      const around = boxAround(chosen);
      if (around) {
        return edit({ type: 'addBoundary', ...around, members: chosen.map((b) => b.id) });
      }
      const centre = context.viewCentre();
      const size = EMPTY_BOUNDARY_SIZE;
      const position = { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) };
      return edit({ type: 'addBoundary', position, size, members: [] });
    }
    case 'autoLayout':
      return { kind: 'autoLayout' };
    case 'bandLayout': {
      // The layer view's rows, kept as the user's own positions.
      const { positions } = bandLayout(context.snapshot);
      const moves = context.snapshot.model.elements.flatMap((e) => {
        const position = positions.get(e.id);
        return position ? [{ id: e.id, position }] : [];
      });
      return arrange(moves, true);
    }
  }
}
