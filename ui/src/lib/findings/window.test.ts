import { describe, expect, it } from 'vitest';
import { listWindow, RENDER_ALL_UP_TO, rowHeights, type Measurement, type Piece, type View } from './window';

const view = (scrollTop: number, more: Partial<View> = {}): View => ({ scrollTop, viewport: 500, overscan: 100, gap: 0, ...more });
const rows = (pieces: Piece[]) => pieces.flatMap((p) => ('row' in p ? [p.row] : []));
const spaces = (pieces: Piece[]) => pieces.flatMap((p) => ('space' in p ? [p.space] : []));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Where each rendered row ends up when the pieces are laid out with `gap` between them. */
function laidOut(pieces: Piece[], heights: number[], gap: number): { tops: Map<number, number>; height: number } {
  const tops = new Map<number, number>();
  let y = 0;
  for (const piece of pieces) {
    if ('row' in piece) tops.set(piece.row, y);
    y += ('row' in piece ? heights[piece.row] : piece.space) + gap;
  }
  return { tops, height: y - gap };
}

/** Where each row starts when every row is rendered. */
function trueTops(heights: number[], gap: number): number[] {
  return heights.map((_, i) => heights.slice(0, i).reduce((sum, h) => sum + h + gap, 0));
}

describe('listWindow', () => {
  it('renders every row of a short list, with no spacers', () => {
    const heights = new Array(RENDER_ALL_UP_TO).fill(50);
    const pieces = listWindow(heights, view(3000));
    expect(rows(pieces)).toEqual(range(0, RENDER_ALL_UP_TO));
    expect(spaces(pieces)).toEqual([]);
  });

  it('renders the rows in the view and the overscan at the top, with one spacer below', () => {
    const heights = new Array(1000).fill(50);
    const pieces = listWindow(heights, view(0));
    // 500 px of view and 100 px of overscan: rows 0 to 11.
    expect(rows(pieces)).toEqual(range(0, 12));
    expect(pieces.at(-1)).toEqual({ space: 988 * 50, first: 12 });
  });

  it('renders a band in the middle between a spacer above and one below', () => {
    const heights = new Array(1000).fill(50);
    const pieces = listWindow(heights, view(10_000));
    // From 9,900 to 10,600 px: rows 198 (ending at 9,950) to 211 (starting at 10,550).
    expect(rows(pieces)).toEqual(range(198, 212));
    expect(pieces[0]).toEqual({ space: 198 * 50, first: 0 });
    expect(pieces.at(-1)).toEqual({ space: (1000 - 212) * 50, first: 212 });
  });

  it('renders the last rows and no spacer below at the end of the list', () => {
    const heights = new Array(1000).fill(50);
    const end = 1000 * 50 - 500;
    const pieces = listWindow(heights, view(end));
    expect(rows(pieces)).toEqual(range(988, 1000));
    expect('row' in pieces.at(-1)!).toBe(true);
    // Scrolled past the end (the list just got shorter): the same rows.
    expect(listWindow(heights, view(end + 20_000))).toEqual(pieces);
  });

  it('puts every rendered row where it would be with all rows there, gaps included', () => {
    const heights = range(0, 400).map((i) => 40 + (i % 7) * 9);
    const gap = 4.2;
    const tops = trueTops(heights, gap);
    const whole = tops[399] + heights[399];
    for (const scrollTop of [0, 1234, 9000, whole - 500]) {
      const pieces = listWindow(heights, view(scrollTop, { gap, keep: [3, 350] }));
      const placed = laidOut(pieces, heights, gap);
      expect(placed.height).toBeCloseTo(whole, 6);
      for (const [row, top] of placed.tops) expect(top).toBeCloseTo(tops[row], 6);
      // Everything in view is there.
      for (const [row, top] of tops.entries()) {
        if (top < scrollTop + 500 && top + heights[row] > scrollTop) expect(placed.tops.has(row)).toBe(true);
      }
    }
  });

  it('keeps a row far from the view rendered, between two spacers', () => {
    const heights = new Array(1000).fill(50);
    const pieces = listWindow(heights, view(0, { keep: [700, -1, 5000] }));
    expect(rows(pieces)).toEqual([...range(0, 12), 700]);
    expect(pieces.slice(-3)).toEqual([{ space: (700 - 12) * 50, first: 12 }, { row: 700 }, { space: 299 * 50, first: 701 }]);
  });

  it('makes room for an opened row taller than the rest, and shows it alone when it fills the view', () => {
    const heights = new Array(1000).fill(50);
    heights[500] = 600;
    // Row 500 spans 25,000 to 25,600 px; row 501 starts at 25,600.
    expect(rows(listWindow(heights, view(25_050, { overscan: 0 })))).toEqual([500]);
    const below = listWindow(heights, view(25_400, { overscan: 0 }));
    expect(rows(below)).toEqual(range(500, 507));
    expect(below[0]).toEqual({ space: 500 * 50, first: 0 });
    expect(below.at(-1)).toEqual({ space: (1000 - 507) * 50, first: 507 });
  });
});

describe('rowHeights', () => {
  const defaults = { group: 30, finding: 60, expanded: 300 };
  type Shape = keyof typeof defaults;
  const row = (key: string, shape: Shape) => ({ key, shape });

  it('uses the defaults before anything is measured', () => {
    expect(rowHeights([row('a', 'group'), row('b', 'finding'), row('c', 'expanded')], new Map(), defaults)).toEqual([30, 60, 300]);
  });

  it('uses what was measured, and the mean of a shape’s measured rows for the rest', () => {
    const measured = new Map<string, Measurement<Shape>>([
      ['a', { shape: 'finding', height: 50 }],
      ['b', { shape: 'finding', height: 80 }],
      ['g', { shape: 'group', height: 28 }],
    ]);
    const heights = rowHeights([row('a', 'finding'), row('x', 'finding'), row('h', 'group'), row('y', 'expanded')], measured, defaults);
    expect(heights).toEqual([50, 65, 28, 300]);
  });

  it('does not use a measurement taken in another shape', () => {
    const measured = new Map<string, Measurement<Shape>>([
      ['a', { shape: 'expanded', height: 420 }],
      ['b', { shape: 'finding', height: 64 }],
    ]);
    // `a` has been closed since it was measured open.
    expect(rowHeights([row('a', 'finding'), row('b', 'expanded')], measured, defaults)).toEqual([64, 420]);
  });
});
