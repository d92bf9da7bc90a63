// Words and choices for the revisions dialog: how a revision is named, which two states are
// compared at first, and a diff laid out as sections of added, removed and changed parts.

import type { Changes, ModelDiff, Revision } from '../bindings';

/** A state to compare: a revision by number (0: nothing, an empty model), or the model as it is now
 *  (unsaved changes included). */
export type StateChoice = number | 'now';

/** `2026-12-03 14:05` in the user's time zone; a revision from before revisions were kept has no time. */
export function savedAtText(savedAt: string): string {
  if (!savedAt) return 'before revisions were kept';
  const when = new Date(savedAt);
  if (Number.isNaN(when.getTime())) return savedAt;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())} ${two(when.getHours())}:${two(when.getMinutes())}`;
}

/** `#3 · 2026-12-03 14:05 · Ada`, for a list or a menu of states. */
export function revisionLabel(revision: Revision): string {
  const author = revision.author ? ` · ${revision.author}` : '';
  return `#${revision.number} · ${savedAtText(revision.savedAt)}${author}`;
}

/** What the dialog compares first: what changed since the last save when there are unsaved
 *  changes, else what the latest save changed. `null` when there is nothing to compare. */
export function firstComparison(revisions: readonly Revision[], dirty: boolean): { from: StateChoice; to: StateChoice } | null {
  const latest = revisions.at(-1);
  if (!latest) return null;
  if (dirty) return { from: latest.number, to: 'now' };
  if (revisions.length < 2) return null;
  return { from: latest.number - 1, to: latest.number };
}

/** Comparing a revision with the one before it; the first with nothing (revision 0, an empty model). */
export function comparisonFor(number: number): { from: StateChoice; to: StateChoice } {
  return { from: Math.max(0, number - 1), to: number };
}

export type Mark = 'added' | 'removed' | 'changed';

export interface DiffRow {
  mark: Mark;
  id: string;
  /** The part's name when it says more than its id. */
  name: string | null;
  /** The fields that differ, for a changed part. */
  fields: string;
}

export interface DiffSection {
  title: string;
  rows: DiffRow[];
}

/** The diff as sections (model, elements, flows, boundaries, decisions), each part once. */
export function diffSections(diff: ModelDiff): DiffSection[] {
  const sections: DiffSection[] = [];
  if (diff.model.length > 0) {
    sections.push({ title: 'Model', rows: diff.model.map((field) => ({ mark: 'changed', id: field, name: null, fields: '' })) });
  }
  const lists: [string, Changes][] = [
    ['Elements', diff.elements],
    ['Flows', diff.flows],
    ['Boundaries', diff.boundaries],
    ['Decisions', diff.decisions],
  ];
  for (const [title, changes] of lists) {
    const rows: DiffRow[] = [];
    for (const mark of ['added', 'removed', 'changed'] as const) {
      for (const part of changes[mark]) {
        rows.push({
          mark,
          id: part.id,
          name: part.name && part.name !== part.id ? part.name : null,
          fields: part.fields.map(fieldText).join(', '),
        });
      }
    }
    if (rows.length > 0) sections.push({ title, rows });
  }
  return sections;
}

/** `properties.autonomy` reads as `autonomy`; other fields as they are. */
function fieldText(field: string): string {
  return field.startsWith('properties.') ? field.slice('properties.'.length) : field;
}
