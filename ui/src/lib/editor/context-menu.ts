// The app's own context menu: which commands it offers for what is under the pointer.

import type { AppCommand } from '../bindings';

/** What a right-click landed on. */
export type ContextTarget = 'element' | 'flow' | 'boundary' | 'canvas';

/** A menu entry: a command, or null for a separator. */
export type ContextEntry = AppCommand | null;

/**
 * The commands for `target`, in menu order. Arranging is offered for several selected elements
 * only (it needs two to align, three to distribute).
 */
export function contextCommands(target: ContextTarget, selectedElements: number): ContextEntry[] {
  switch (target) {
    case 'element': {
      const arrange: ContextEntry[] =
        selectedElements >= 2 ? [null, 'alignLeft', 'alignTop', ...(selectedElements >= 3 ? (['distributeHorizontal', 'distributeVertical'] as const) : [])] : [];
      return ['cut', 'copy', 'paste', 'duplicate', 'delete', null, 'addBoundary', ...arrange];
    }
    case 'flow':
      return ['twoWayFlow', null, 'delete'];
    case 'boundary':
      return ['delete', null, 'paste'];
    case 'canvas':
      return ['paste', 'selectAll', null, 'addBoundary', 'autoLayout', 'bandLayout', null, 'fit', 'zoomIn', 'zoomOut'];
  }
}
