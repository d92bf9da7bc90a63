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
