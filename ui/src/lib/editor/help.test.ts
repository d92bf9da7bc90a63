import { describe, expect, it } from 'vitest';
import type { CommandInfo } from '../bindings';
import { shortcutRows } from './help';

const row = (command: CommandInfo['command'], label: string, accelerator: string | null, alternates: string[] = []): CommandInfo => ({
  command, label, accelerator, alternates, runs: 'page', textKey: false, whileTyping: false,
});

describe('shortcutRows', () => {
  it('lists each command with its keys, alternates joined, and leaves out commands without keys', () => {
    const rows = shortcutRows([
      row('open', 'Open…', 'CmdOrCtrl+O'),
      row('delete', 'Delete', 'Delete', ['Backspace']),
      row('alignLeft', 'Align Left Edges', null),
    ]);
    expect(rows.slice(0, 2)).toEqual([
      { keys: 'Ctrl+O', action: 'Open' },
      { keys: 'Delete or Backspace', action: 'Delete' },
    ]);
    expect(rows.some((r) => r.action.startsWith('Align'))).toBe(false);
    expect(rows.some((r) => r.keys === 'Double-click a name')).toBe(true);
  });
});
