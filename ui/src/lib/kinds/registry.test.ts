import { describe, expect, it } from 'vitest';
import { hasOwnIcon, layerColour, lookOf, UNASSIGNED_COLOUR } from './registry';

describe('kind registry', () => {
  it('gives every catalog kind its own icon', () => {
    // The public kind ids of the model format; the catalog crate's tests pin the same list.
    const kinds = [
      'agent', 'orchestrator', 'llm', 'embedding-model', 'training-pipeline', 'model-registry', 'vector-store',
      'memory', 'document-store', 'database', 'prompt-store', 'tool', 'code-interpreter', 'mcp-server',
      'external-api', 'web-content', 'peer-agent', 'agent-registry', 'human', 'hitl-console', 'runtime',
      'secrets-manager', 'identity-provider', 'policy-engine', 'message-bus', 'logging', 'monitoring',
    ];
    expect(kinds.every(hasOwnIcon)).toBe(true);
    const icons = kinds.map((k) => lookOf(k).icon);
    expect(new Set(icons).size).toBe(kinds.length);
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
