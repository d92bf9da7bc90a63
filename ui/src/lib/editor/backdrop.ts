// What lies behind the components when a large model is zoomed in (see overview.ts): the flows
// that leave the components, and plain cards for the elements around them. While the view moves
// the set of components stays as it is (mounting components costs frames); the cards show what
// comes into view until the components follow, once the view comes to rest.
//
// Everything is SVG path data and a few texts in canvas coordinates: no element of the page per
// flow or card, nothing redrawn while the view moves.

import { controls, overlaps, type Rect, type Scene } from './overview';

export interface Backdrop {
  /** Flows with an end near the view that is not a component, grouped by how each is drawn. */
  flows: { plain: string; crossing: string; dimmed: string; onPath: string };
  flowCount: number;
  /** The cards' outlines, as one path. */
  cards: string;
  /** The coloured top edge of each card, one path per layer colour. */
  bands: { colour: string; d: string }[];
  names: { id: string; x: number; y: number; text: string }[];
}

/** Height of a card's coloured top edge, as on the components. */
const BAND = 4;
/** Roughly how wide a character of a name is, in canvas units, to cut long names short. */
const CHARACTER = 8.5;

/** How far around the components cards are drawn: this share of the cover's size on each side. */
const HALO = 0.5;

/** The region around `cover` whose elements get cards. */
export function haloFor(cover: Rect): Rect {
  const dx = cover.width * HALO;
  const dy = cover.height * HALO;
  return { x: cover.x - dx, y: cover.y - dy, width: cover.width + 2 * dx, height: cover.height + 2 * dy };
}

function rounded(n: number): number {
  return Math.round(n * 10) / 10;
}

export function backdropFor(scene: Scene, components: ReadonlySet<string>, halo: Rect): Backdrop {
  const flows = { plain: [] as string[], crossing: [] as string[], dimmed: [] as string[], onPath: [] as string[] };
  let flowCount = 0;
  const nearby = new Set(scene.boxes.filter((box) => overlaps(box, halo)).map((box) => box.id));
  for (const flow of scene.flows) {
    if (components.has(flow.ends[0]) && components.has(flow.ends[1])) continue;
    // Only flows with an end close by: a long flow between two far-off elements is not drawn.
    if (!nearby.has(flow.ends[0]) && !nearby.has(flow.ends[1])) continue;
    const [c1, c2] = controls(flow);
    const group = flow.onPath ? flows.onPath : flow.dimmed ? flows.dimmed : flow.crossing ? flows.crossing : flows.plain;
    const points = [flow.from.x, flow.from.y, c1.x, c1.y, c2.x, c2.y, flow.to.x, flow.to.y].map(rounded);
    group.push(`M${points[0]} ${points[1]}C${points.slice(2).join(' ')}`);
    flowCount += 1;
  }
  const cards: string[] = [];
  const bands = new Map<string, string[]>();
  const names: Backdrop['names'] = [];
  for (const box of scene.boxes) {
    if (components.has(box.id) || !overlaps(box, halo)) continue;
    cards.push(`M${box.x} ${box.y}h${box.width}v${box.height}h${-box.width}Z`);
    const band = bands.get(box.colour) ?? [];
    band.push(`M${box.x} ${box.y}h${box.width}v${BAND}h${-box.width}Z`);
    bands.set(box.colour, band);
    const fits = Math.floor((box.width - 24) / CHARACTER);
    const text = box.name.length > fits ? `${box.name.slice(0, Math.max(fits - 1, 0))}…` : box.name;
    names.push({ id: box.id, x: box.x + 12, y: box.y + box.height / 2 + 5, text });
  }
  return {
    flows: {
      plain: flows.plain.join(''),
      crossing: flows.crossing.join(''),
      dimmed: flows.dimmed.join(''),
      onPath: flows.onPath.join(''),
    },
    flowCount,
    cards: cards.join(''),
    bands: [...bands].map(([colour, d]) => ({ colour, d: d.join('') })),
    names,
  };
}
