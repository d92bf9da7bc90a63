import { describe, expect, it } from 'vitest';
import { BASE_MIN_ZOOM, zoomOutLimit } from './zoom';

const view = { width: 1000, height: 800 };

describe('zoomOutLimit', () => {
  it('keeps the base limit for a model that fits at it', () => {
    expect(zoomOutLimit({ x: 0, y: 0, width: 4000, height: 3000 }, view, 0.2)).toBe(BASE_MIN_ZOOM);
    expect(zoomOutLimit(null, view, 0.2)).toBe(BASE_MIN_ZOOM);
  });

  it('goes far enough out for Fit to show the whole of a huge model', () => {
    const bounds = { x: 0, y: 0, width: 300_000, height: 40_000 };
    const limit = zoomOutLimit(bounds, view, 0.2);
    // At the limit, the drawing and its padding take at most half the view's width.
    expect(bounds.width * 1.4 * limit).toBeLessThanOrEqual(view.width / 2 + 1e-9);
    expect(limit).toBeGreaterThan(0);
  });

  it('has nothing to go on before the view is measured', () => {
    expect(zoomOutLimit({ x: 0, y: 0, width: 1e6, height: 1e6 }, { width: 0, height: 0 }, 0.2)).toBe(BASE_MIN_ZOOM);
  });
});
