// The colours the painted parts of the canvas use, read from the page's theme (light or dark)
// where `element` sits, so that paint and components look alike.

import type { Colours } from '../lib/editor/overview-paint';

export function themeColours(element: Element): Colours {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return {
    surface: read('--surface-raised'),
    border: read('--border'),
    text: read('--text'),
    flow: read('--xy-edge-stroke-default') || read('--text-muted'),
    crossing: read('--crossing'),
    path: read('--path'),
    selected: read('--accent-ui'),
    severity: {
      low: read('--severity-low'),
      medium: read('--severity-medium'),
      high: read('--severity-high'),
      critical: read('--severity-critical'),
    },
  };
}
