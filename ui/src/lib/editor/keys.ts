// Where keys go: a focused text field owns the keys that edit text.

/** What `isTextField` needs of an element (a DOM element has it). */
export interface Focusable {
  closest(selector: string): unknown;
}

const TEXT_INPUTS =
  'input:not([type]), input[type="text"], input[type="search"], input[type="email"], input[type="url"], ' +
  'input[type="number"], input[type="password"], input[type="tel"], textarea, select, ' +
  '[contenteditable=""], [contenteditable="true"]';

/** Whether the element, or what it sits in, takes typed text: a text input, a textarea, a
 *  select, or anything contenteditable (not buttons, checkboxes or the canvas). */
export function isTextField(element: Focusable | null | undefined): boolean {
  return Boolean(element?.closest(TEXT_INPUTS));
}

/** What a key press is made of (a KeyboardEvent has it). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** A key with its modifiers, as an accelerator in the command table names it. */
export interface Chord {
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  /** Lower case, as `KeyboardEvent.key` gives it once lowered: `z`, `delete`, `f1`, `+`. */
  key: string;
}

const NAMED_KEYS: Record<string, string> = { plus: '+', minus: '-', equal: '=', space: ' ', esc: 'escape' };

/** Reads an accelerator in the menu's notation (`CmdOrCtrl+Shift+Z`, `Delete`, `CmdOrCtrl+Plus`). */
export function parseAccelerator(accelerator: string): Chord {
  // The last part is the key; `CmdOrCtrl++` would name the plus key itself.
  const parts = accelerator.endsWith('++') ? [...accelerator.slice(0, -2).split('+'), '+'] : accelerator.split('+');
  const key = parts.pop()!.toLowerCase();
  const modifiers = new Set(parts.map((p) => p.toLowerCase()));
  return {
    ctrl: ['cmdorctrl', 'ctrl', 'control', 'cmd', 'command', 'super'].some((m) => modifiers.has(m)),
    shift: modifiers.has('shift'),
    alt: modifiers.has('alt') || modifiers.has('option'),
    key: NAMED_KEYS[key] ?? key,
  };
}

/** Whether `press` is `chord`. Shift is part of what a symbol key types (`+` is Shift+`=` on many
 *  layouts), so it is compared only for letters and named keys. */
export function isChord(chord: Chord, press: KeyPress): boolean {
  const key = press.key.toLowerCase();
  if (key !== chord.key) return false;
  if ((press.ctrlKey || press.metaKey) !== chord.ctrl || press.altKey !== chord.alt) return false;
  const symbol = key.length === 1 && !/[a-z0-9]/.test(key);
  return symbol || press.shiftKey === chord.shift;
}

/** What the command table says of a command that key handling needs. */
export interface KeyedCommand<C extends string> {
  command: C;
  accelerator: string | null;
  alternates: readonly string[];
  whileTyping: boolean;
}

/**
 * The command a key press gives, if any. While the user types in a text field (`typing`), only
 * the commands the table marks as working while typing (Save, Open…) take their keys; the rest
 * (Delete, Ctrl+A/C/V/Z, Duplicate…) are the field's.
 */
export function commandForKey<C extends string>(
  press: KeyPress,
  table: readonly KeyedCommand<C>[],
  typing: boolean,
): C | null {
  for (const info of table) {
    if (typing && !info.whileTyping) continue;
    const keys = info.accelerator ? [info.accelerator, ...info.alternates] : info.alternates;
    if (keys.some((k) => isChord(parseAccelerator(k), press))) return info.command;
  }
  return null;
}

/**
 * In a text field, the undo and redo keys (the app's Undo and Redo keys) undo and redo the
 * field's own typing. Some webviews (WebKitGTK) bind no key to that, so the page asks for it; the
 * key's default is then prevented, so that no webview undoes twice.
 */
export function fieldHistoryFor<C extends string>(press: KeyPress, table: readonly KeyedCommand<C>[]): 'undo' | 'redo' | null {
  const command: string | null = commandForKey(press, table, false);
  return command === 'undo' || command === 'redo' ? command : null;
}

/** An accelerator as the user reads it on this platform: `Ctrl+Shift+Z`, `Ctrl++`. */
export function describeAccelerator(accelerator: string, mac = false): string {
  const chord = parseAccelerator(accelerator);
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key[0].toUpperCase() + chord.key.slice(1);
  const parts = [chord.ctrl ? (mac ? '⌘' : 'Ctrl') : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, key];
  return parts.filter((p) => p !== null).join('+');
}
