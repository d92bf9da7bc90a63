// What the Keyboard Shortcuts dialog lists: every command with a key, from the command table,
// then what the canvas does with the mouse and keys of its own.

import type { CommandInfo } from '../bindings';
import { describeAccelerator } from './keys';

export interface ShortcutRow {
  /** What the user does: `Ctrl+S`, `Delete or Backspace`, `Double-click a name`. */
  keys: string;
  /** What it does. */
  action: string;
}

/** Gestures of the canvas and panels that are not commands of the table. */
const GESTURES: ShortcutRow[] = [
  { keys: '/', action: 'Find an element kind to add (Enter adds the highlighted one)' },
  { keys: 'Double-click a name', action: 'Rename an element, flow or boundary on the canvas' },
  { keys: 'Shift+click or Ctrl+click', action: 'Add to the selection' },
  { keys: 'Shift+drag on the canvas', action: 'Select the elements in a box' },
  { keys: 'Drag from a handle to an element', action: 'Draw a flow' },
  { keys: 'Right-click', action: 'The commands for what is under the pointer' },
  { keys: 'Escape', action: 'Close a dialog or menu; leave a field without changing it' },
];

/** One row per command that has keys, in the table's order, then the gestures. */
export function shortcutRows(commands: readonly CommandInfo[], mac = false): ShortcutRow[] {
  const keyed = commands
    .filter((c) => c.accelerator !== null || c.alternates.length > 0)
    .map((c) => ({
      keys: [c.accelerator, ...c.alternates]
        .filter((a): a is string => a !== null)
        .map((a) => describeAccelerator(a, mac))
        .join(' or '),
      action: c.label.replace(/…$/, ''),
    }));
  return [...keyed, ...GESTURES];
}
