import { describe, expect, it } from 'vitest';
import { isTextField } from './keys';

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
