// The node-kind registry: how each catalog kind looks on the canvas and in the palette.
// The catalog says what a kind *is* (label, layer, STRIDE class); this says how it is drawn.

export interface KindLook {
  /** SVG path data in a 24×24 box, drawn as a stroke. */
  icon: string;
}

const ICONS: Record<string, string> = {
  // A head with an antenna: something that decides and acts.
  agent: 'M7 8h10a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z M12 4v4 M9.5 13.5h.01 M14.5 13.5h.01 M9.5 16.5h5',
  // A wrench: something an agent uses.
  tool: 'M14.7 6.3a4 4 0 0 0-5.4 5.2L4 16.8 7.2 20l5.3-5.3a4 4 0 0 0 5.2-5.4l-2.5 2.5-2.5-.5-.5-2.5z',
  // A cylinder: data at rest.
  database: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6 M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  // Two heads linked: an agent run by someone else.
  'peer-agent': 'M3 9h7v7H3z M14 9h7v7h-7z M10 12.5h4 M6.5 9V6 M17.5 9V6',
};

/** A box with a question mark: a kind this catalog does not know, kept and shown as it is. */
const UNKNOWN_ICON = 'M4 4h16v16H4z M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6v.6 M12 17h.01';

export function lookOf(kind: string): KindLook {
  return { icon: ICONS[kind] ?? UNKNOWN_ICON };
}

export function hasOwnIcon(kind: string): boolean {
  return kind in ICONS;
}

/** One colour per MAESTRO layer, from Foundation Models (L1) up to the Agent Ecosystem (L7). */
const LAYER_COLOURS: Record<string, string> = {
  L1: '#8a6be0',
  L2: '#4f8fe6',
  L3: '#2fa5a0',
  L4: '#5bb05f',
  L5: '#d4a92a',
  L6: '#e07b30',
  L7: '#d9484d',
};

export const UNASSIGNED_COLOUR = '#8a94a3';

export function layerColour(layer: string | null | undefined): string {
  return (layer && LAYER_COLOURS[layer]) || UNASSIGNED_COLOUR;
}
