// What a selection holds, in words: the pure part of the Inspector for several items.

import type { Element, Model } from '../bindings';
import { flowLabel, type SnapshotIndex } from './snapshot-index';

export interface SelectionParts {
  elements: Element[];
  /** "3 elements, 1 flow selected". */
  summary: string;
  /** The names of what is selected, elements first, in model order. */
  names: string[];
}

/** `1 flow`, `3 flows`. */
export const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Splits the selected ids into elements, flows and boundaries of `model` (unknown ids are left out);
 *  `index` is the same document's, for the names of flow ends. */
export function selectionParts(model: Model, selection: readonly string[], index: SnapshotIndex): SelectionParts {
  const chosen = new Set(selection);
  const elements = model.elements.filter((e) => chosen.has(e.id));
  const flows = model.flows.filter((f) => chosen.has(f.id));
  const boundaries = (model.boundaries ?? []).filter((b) => chosen.has(b.id));
  const words = [
    elements.length ? count(elements.length, 'element', 'elements') : null,
    flows.length ? count(flows.length, 'flow', 'flows') : null,
    boundaries.length ? count(boundaries.length, 'trust boundary', 'trust boundaries') : null,
  ].filter((w) => w !== null);
  return {
    elements,
    summary: words.length ? `${words.join(', ')} selected` : 'Nothing selected',
    names: [
      ...elements.map((e) => e.name),
      ...flows.map((f) => flowLabel(index, f)),
      ...boundaries.map((b) => b.name),
    ],
  };
}
