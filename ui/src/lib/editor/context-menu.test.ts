import { describe, expect, it } from 'vitest';
import { contextCommands } from './context-menu';

describe('contextCommands', () => {
  it('offers what applies to what was right-clicked', () => {
    expect(contextCommands('flow', 0)).toEqual(['twoWayFlow', null, 'delete']);
    expect(contextCommands('canvas', 0)).toContain('paste');
    expect(contextCommands('canvas', 0)).not.toContain('delete');
    expect(contextCommands('element', 1)).toEqual(['cut', 'copy', 'paste', 'duplicate', 'delete', null, 'addBoundary']);
  });

  it('offers arranging once enough elements are selected', () => {
    expect(contextCommands('element', 2)).toContain('alignLeft');
    expect(contextCommands('element', 2)).not.toContain('distributeVertical');
    expect(contextCommands('element', 3)).toContain('distributeVertical');
  });
});
