// Pure windowing for long lists of rows of different heights: which rows to render for the part
// of the list in view, and the space that stands in for the others, so that the list scrolls as
// if every row were there.

/** Lists of up to this many rows are rendered whole, so small models behave as if there were no window. */
export const RENDER_ALL_UP_TO = 150;

/** What a row measured, and in which shape (a measurement in another shape is out of date). */
export interface Measurement<S extends string> {
  shape: S;
  height: number;
}

/**
 * The height of each row: as measured if it was measured in its present shape, else the mean
 * of the rows of its shape measured so far, else the shape's default.
 */
export function rowHeights<S extends string>(
  rows: readonly { key: string; shape: S }[],
  measured: ReadonlyMap<string, Measurement<S>>,
  defaults: Readonly<Record<S, number>>,
): number[] {
  const estimate = meanHeights(measured, defaults);
  return rows.map((row) => {
    const measurement = measured.get(row.key);
    return measurement?.shape === row.shape ? measurement.height : estimate[row.shape];
  });
}

function meanHeights<S extends string>(
  measured: ReadonlyMap<string, Measurement<S>>,
  defaults: Readonly<Record<S, number>>,
): Record<S, number> {
  const totals = new Map<S, { sum: number; count: number }>();
  for (const { shape, height } of measured.values()) {
    const total = totals.get(shape) ?? { sum: 0, count: 0 };
    totals.set(shape, { sum: total.sum + height, count: total.count + 1 });
  }
  const means: Record<S, number> = { ...defaults };
  for (const [shape, { sum, count }] of totals) means[shape] = sum / count;
  return means;
}

/** Where the list is scrolled to and how it lays rows out. */
export interface View {
  scrollTop: number;
  /** The height of the scrolling box. */
  viewport: number;
  /** How far beyond the view, above and below, rows are rendered too. */
  overscan: number;
  /** The space the layout leaves between neighbouring items (rows and spacers alike). */
  gap: number;
  /** Rows rendered wherever they are, e.g. the opened one. */
  keep?: readonly number[];
}

/** What the list renders, in order: a row (by index), or one spacer for the rows from `first` on that are not rendered. */
export type Piece = { row: number } | { space: number; first: number };

/**
 * The rows in and near the view, any kept rows, and spacers for the runs of rows between them;
 * every row of a short list. A spacer is as tall as its rows with the gaps between them, so
 * that with the layout's gaps on either side it takes exactly their place.
 */
export function listWindow(heights: readonly number[], view: View): Piece[] {
  const count = heights.length;
  if (count <= RENDER_ALL_UP_TO) return heights.map((_, row) => ({ row }));
  const tops = rowTops(heights, view.gap);
  const total = tops[count] - view.gap;
  // A list that just got shorter may still be scrolled past its new end for a moment.
  const scrollTop = Math.min(Math.max(view.scrollTop, 0), Math.max(total - view.viewport, 0));
  const from = scrollTop - view.overscan;
  const to = scrollTop + view.viewport + view.overscan;
  const rendered = new Set(view.keep?.filter((row) => row >= 0 && row < count));
  for (let row = 0; row < count && tops[row] < to; row++) {
    if (tops[row] + heights[row] > from) rendered.add(row);
  }
  const pieces: Piece[] = [];
  let next = 0;
  for (const row of [...rendered].sort((a, b) => a - b)) {
    if (row > next) pieces.push({ space: tops[row] - tops[next] - view.gap, first: next });
    pieces.push({ row });
    next = row + 1;
  }
  if (next < count) pieces.push({ space: tops[count] - tops[next] - view.gap, first: next });
  return pieces;
}

/** Where each row starts, and at the end where one more row would: heights and gaps summed. */
function rowTops(heights: readonly number[], gap: number): number[] {
  const tops = [0];
  for (const height of heights) tops.push(tops[tops.length - 1] + height + gap);
  return tops;
}
