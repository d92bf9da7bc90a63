import { describe, expect, it } from 'vitest';
import type { ModelDiff, Revision } from '../bindings';
import { comparisonFor, diffSections, firstComparison, revisionLabel, savedAtText } from './revisions';

const revision = (number: number, author = 'Ada'): Revision => ({
  number,
  savedAt: '2026-12-03T14:05:09Z',
  author,
  summary: 'a change',
});

describe('revisions', () => {
  it('names a revision by number, local time and author', () => {
    const local = new Date('2026-12-03T14:05:09Z');
    const two = (n: number) => String(n).padStart(2, '0');
    const time = `${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())} ${two(local.getHours())}:${two(local.getMinutes())}`;
    expect(revisionLabel(revision(3))).toBe(`#3 · ${time} · Ada`);
    expect(revisionLabel({ ...revision(1, ''), savedAt: '' })).toBe('#1 · before revisions were kept');
    expect(savedAtText('not a time')).toBe('not a time');
  });

  it('first compares unsaved changes with the last save, else the last save with the one before', () => {
    expect(firstComparison([], true)).toBeNull();
    expect(firstComparison([revision(1)], false)).toBeNull();
    expect(firstComparison([revision(1)], true)).toEqual({ from: 1, to: 'now' });
    expect(firstComparison([revision(1), revision(2)], false)).toEqual({ from: 1, to: 2 });
    expect(comparisonFor(1)).toEqual({ from: 0, to: 1 });
    expect(comparisonFor(4)).toEqual({ from: 3, to: 4 });
  });

  it('lays a diff out in sections with each part once', () => {
    const none = { added: [], removed: [], changed: [] };
    const diff: ModelDiff = {
      model: ['description'],
      elements: {
        added: [{ id: 'tool-2', name: 'Search', fields: [] }],
        removed: [{ id: 'agent-9', name: 'agent-9', fields: [] }],
        changed: [{ id: 'agent-1', name: 'Planner', fields: ['name', 'properties.autonomy'] }],
      },
      flows: none,
      boundaries: none,
      decisions: { ...none, added: [{ id: 'goal-manipulation:agent-1', name: 'goal-manipulation:agent-1', fields: [] }] },
    };
    expect(diffSections(diff)).toEqual([
      { title: 'Model', rows: [{ mark: 'changed', id: 'description', name: null, fields: '' }] },
      {
        title: 'Elements',
        rows: [
          { mark: 'added', id: 'tool-2', name: 'Search', fields: '' },
          { mark: 'removed', id: 'agent-9', name: null, fields: '' },
          { mark: 'changed', id: 'agent-1', name: 'Planner', fields: 'name, autonomy' },
        ],
      },
      { title: 'Decisions', rows: [{ mark: 'added', id: 'goal-manipulation:agent-1', name: null, fields: '' }] },
    ]);
    expect(diffSections({ model: [], elements: none, flows: none, boundaries: none, decisions: none })).toEqual([]);
  });
});
