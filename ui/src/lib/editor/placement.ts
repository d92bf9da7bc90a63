// Where new things go: into free space near where the user is looking or working, never on top
// of what is already there.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The space kept clear around a placed box. */
export const PLACEMENT_GAP = 24;
/** How far apart the spots tried are. */
const STEP = 40;
/** How many rings of spots are tried around the preferred one before giving up and going below. */
const RINGS = 40;

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

const shifted = (r: Rect, by: Point): Rect => ({ ...r, x: r.x + by.x, y: r.y + by.y });

/**
 * The offset nearest `preferred` that moves every box of `group` clear of every box of `taken`
 * (with a gap): spots on rings around the preferred offset, nearest first. When the neighbourhood
 * is full, the group goes below everything.
 */
export function freeOffset(group: readonly Rect[], taken: readonly Rect[], preferred: Point): Point {
  const fits = (by: Point) => group.every((g) => taken.every((t) => !overlaps(shifted(g, by), t, PLACEMENT_GAP)));
  for (let ring = 0; ring <= RINGS; ring++) {
    const spots: Point[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        spots.push({ x: preferred.x + i * STEP, y: preferred.y + j * STEP });
      }
    }
    const distance = (p: Point) => Math.hypot(p.x - preferred.x, p.y - preferred.y);
    spots.sort((a, b) => distance(a) - distance(b) || a.y - b.y || a.x - b.x);
    const found = spots.find(fits);
    if (found) return found;
  }
  const bottom = Math.max(...taken.map((t) => t.y + t.height));
  const top = Math.min(...group.map((g) => g.y));
  return { x: preferred.x, y: bottom + PLACEMENT_GAP - top };
}

/** The top-left corner for a new box of `size` in free space nearest to being centred on `centre`. */
export function freeSpot(centre: Point, size: { width: number; height: number }, taken: readonly Rect[]): Point {
  const box = { x: 0, y: 0, ...size };
  const at = freeOffset([box], taken, { x: Math.round(centre.x - size.width / 2), y: Math.round(centre.y - size.height / 2) });
  return { x: Math.round(at.x), y: Math.round(at.y) };
}

/** What a model already occupies on the canvas: its elements (at `elementSize`) and boundaries. */
export function occupied(
  model: {
    elements: readonly { position: ModelPoint }[];
    boundaries?: readonly { position?: ModelPoint; size?: { width: number | null; height: number | null } }[];
  },
  elementSize: { width: number; height: number },
): Rect[] {
  return [
    ...model.elements.map((e) => ({ ...pointOf(e.position), ...elementSize })),
    // (A boundary from an old file may have no box yet: it takes no room.)
    ...(model.boundaries ?? [])
      .filter((b) => b.position && b.size)
      .map((b) => ({ ...pointOf(b.position!), width: b.size!.width ?? 0, height: b.size!.height ?? 0 })),
  ];
}

/** A position as the model sends it (a number it could not write is null). */
export interface ModelPoint {
  x: number | null;
  y: number | null;
}

export const pointOf = (p: ModelPoint): Point => ({ x: p.x ?? 0, y: p.y ?? 0 });
