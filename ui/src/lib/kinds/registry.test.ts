import { describe, expect, it } from 'vitest';
import { hasOwnIcon, layerColour, lookOf, UNASSIGNED_COLOUR } from './registry';

describe('kind registry', () => {
  it('gives each palette kind its own icon', () => {
    const icons = ['agent', 'tool', 'database', 'peer-agent'].map((k) => lookOf(k).icon);
    expect(new Set(icons).size).toBe(4);
    expect(icons.every((i) => i.length > 10)).toBe(true);
  });

  it('draws an unknown kind with a fallback icon rather than failing', () => {
    expect(hasOwnIcon('warp-drive')).toBe(false);
    expect(lookOf('warp-drive').icon).not.toBe(lookOf('agent').icon);
  });

  it('colours each layer distinctly and unassigned elements neutrally', () => {
    const colours = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'].map(layerColour);
    expect(new Set(colours).size).toBe(7);
    expect(layerColour(null)).toBe(UNASSIGNED_COLOUR);
    expect(layerColour('L9')).toBe(UNASSIGNED_COLOUR);
  });
});
