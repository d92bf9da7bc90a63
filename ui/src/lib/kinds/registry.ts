// The node-kind registry: how each catalog kind looks on the canvas and in the palette.
// The catalog says what a kind *is* (label, layer, STRIDE class) and holds its icon and each
// layer's colour, which exported diagrams draw too; `looks.ts` is generated from it.

import { KIND_ICONS, LAYER_COLOURS } from './looks';

export interface KindLook {
  /** SVG path data in a 24×24 box, drawn as a stroke. */
  icon: string;
}

/** A box with a question mark: a kind this catalog does not know, kept and shown as it is. */
const UNKNOWN_ICON = 'M4 4h16v16H4z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6 M12 17h.01';

export function lookOf(kind: string): KindLook {
  return { icon: KIND_ICONS[kind] ?? UNKNOWN_ICON };
}

export function hasOwnIcon(kind: string): boolean {
  return kind in KIND_ICONS;
}

/** The colour of an element the catalog cannot place in a layer. */
export const UNASSIGNED_COLOUR = '#8a94a3';

/** One colour per MAESTRO layer, from Foundation Models (L1) up to the Agent Ecosystem (L7). */
export function layerColour(layer: string | null | undefined): string {
  return (layer && LAYER_COLOURS[layer]) || UNASSIGNED_COLOUR;
}
