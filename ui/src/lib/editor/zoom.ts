// How far out the canvas may zoom: far enough that Fit always shows the whole model, however
// large; never less far than a fixed floor, so a small model can still be seen small.

import type { Rect } from './overview';

/** The zoom-out limit for a model that fits comfortably at it. */
export const BASE_MIN_ZOOM = 0.05;

/**
 * The zoom-out limit for a drawing of `bounds` in a view of `view`: half the zoom at which the
 * drawing, with `padding` (a share of its size) on each side, just fits — room to zoom out a
 * little past Fit — and never above the base limit.
 */
export function zoomOutLimit(bounds: Rect | null, view: { width: number; height: number }, padding: number): number {
  if (!bounds || bounds.width <= 0 || bounds.height <= 0 || view.width <= 0 || view.height <= 0) return BASE_MIN_ZOOM;
  const grown = 1 + 2 * padding;
  const fits = Math.min(view.width / (bounds.width * grown), view.height / (bounds.height * grown));
  return Math.min(BASE_MIN_ZOOM, fits / 2);
}
