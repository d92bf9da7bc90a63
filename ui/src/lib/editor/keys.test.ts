import { describe, expect, it } from 'vitest';
import { commandForKey, describeAccelerator, fieldHistoryFor, isTextField, parseAccelerator } from './keys';

/** A stand-in element that matches the selectors listed for it. */
const element = (...matches: string[]) => ({
  closest: (selector: string) => (selector.split(', ').some((s) => matches.includes(s)) ? {} : null),
});

describe('isTextField', () => {
  it('counts text inputs, textareas, selects and editable content as text fields', () => {
    for (const selector of ['input:not([type])', 'input[type="search"]', 'textarea', 'select', '[contenteditable="true"]']) {
      expect(isTextField(element(selector)), selector).toBe(true);
    }
  });

  it('leaves buttons, checkboxes and the canvas to the app', () => {
    expect(isTextField(element('input[type="checkbox"]'))).toBe(false);
    expect(isTextField(element('button'))).toBe(false);
    expect(isTextField(element())).toBe(false);
    expect(isTextField(null)).toBe(false);
  });
});

const press = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

const TABLE = [
  { command: 'save', accelerator: 'CmdOrCtrl+S', alternates: [], whileTyping: true },
  { command: 'redo', accelerator: 'CmdOrCtrl+Shift+Z', alternates: ['CmdOrCtrl+Y'], whileTyping: false },
  { command: 'undo', accelerator: 'CmdOrCtrl+Z', alternates: [], whileTyping: false },
  { command: 'delete', accelerator: 'Delete', alternates: ['Backspace'], whileTyping: false },
  { command: 'zoomIn', accelerator: 'CmdOrCtrl+=', alternates: ['CmdOrCtrl+Plus'], whileTyping: false },
  { command: 'shortcuts', accelerator: 'F1', alternates: [], whileTyping: false },
  { command: 'about', accelerator: null, alternates: [], whileTyping: false },
] as const;

describe('commandForKey', () => {
  it('finds a command by its accelerator or an alternate, modifiers and all', () => {
    expect(commandForKey(press('z', { ctrlKey: true }), TABLE, false)).toBe('undo');
    expect(commandForKey(press('Z', { ctrlKey: true, shiftKey: true }), TABLE, false)).toBe('redo');
    expect(commandForKey(press('y', { ctrlKey: true }), TABLE, false)).toBe('redo');
    expect(commandForKey(press('s', { metaKey: true }), TABLE, false)).toBe('save');
    expect(commandForKey(press('Backspace'), TABLE, false)).toBe('delete');
    expect(commandForKey(press('F1'), TABLE, false)).toBe('shortcuts');
  });

  it('lets Shift be part of a symbol but not of a letter', () => {
    expect(commandForKey(press('+', { ctrlKey: true, shiftKey: true }), TABLE, false)).toBe('zoomIn');
    expect(commandForKey(press('=', { ctrlKey: true }), TABLE, false)).toBe('zoomIn');
    expect(commandForKey(press('s', { ctrlKey: true, shiftKey: true }), TABLE, false)).toBeNull();
    expect(commandForKey(press('z'), TABLE, false)).toBeNull();
    expect(commandForKey(press('z', { ctrlKey: true, altKey: true }), TABLE, false)).toBeNull();
  });

  it('leaves a text field every key but those of commands that work while typing', () => {
    for (const key of [press('z', { ctrlKey: true }), press('Delete'), press('Backspace'), press('y', { ctrlKey: true })]) {
      expect(commandForKey(key, TABLE, true), key.key).toBeNull();
    }
    expect(commandForKey(press('s', { ctrlKey: true }), TABLE, true)).toBe('save');
  });
});

describe('parseAccelerator and describeAccelerator', () => {
  it('read the menu notation', () => {
    expect(parseAccelerator('CmdOrCtrl+Shift+Z')).toEqual({ ctrl: true, shift: true, alt: false, key: 'z' });
    expect(parseAccelerator('CmdOrCtrl++')).toEqual({ ctrl: true, shift: false, alt: false, key: '+' });
    expect(parseAccelerator('Delete')).toEqual({ ctrl: false, shift: false, alt: false, key: 'delete' });
  });

  it('write it as the user reads it', () => {
    expect(describeAccelerator('CmdOrCtrl+Shift+Z')).toBe('Ctrl+Shift+Z');
    expect(describeAccelerator('CmdOrCtrl+Shift+Z', true)).toBe('⌘+Shift+Z');
    expect(describeAccelerator('CmdOrCtrl+Plus')).toBe('Ctrl++');
    expect(describeAccelerator('Delete')).toBe('Delete');
    expect(describeAccelerator('F1')).toBe('F1');
  });
});

describe('fieldHistoryFor', () => {
  it('gives a text field its own undo and redo on the app\'s undo and redo keys', () => {
    expect(fieldHistoryFor(press('z', { ctrlKey: true }), TABLE)).toBe('undo');
    expect(fieldHistoryFor(press('Z', { ctrlKey: true, shiftKey: true }), TABLE)).toBe('redo');
    expect(fieldHistoryFor(press('y', { ctrlKey: true }), TABLE)).toBe('redo');
    expect(fieldHistoryFor(press('s', { ctrlKey: true }), TABLE)).toBeNull();
    expect(fieldHistoryFor(press('z'), TABLE)).toBeNull();
  });
});
