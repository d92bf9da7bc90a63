import { describe, expect, it } from 'vitest';
import type { Element, ItemsPatch, Snapshot, SnapshotPatch } from '../bindings';
import { applyItems, applyUpdate } from './snapshot-update';

const element = (id: string, x = 0): Element => ({ id, kind: 'agent', name: id, position: { x, y: 0 } }) as Element;
const none = <T>(): ItemsPatch<T> => ({ changed: [], removed: [], order: null });

function snapshot(elements: Element[]): Snapshot {
  return {
    model: { name: 'm', description: '', elements, flows: [], boundaries: [], decisions: [] },
    analysis: { layers: [], findings: [], matrix: { rows: [] }, gaps: [] },
    path: null,
    title: 'm',
    dirty: false,
    canUndo: false,
    canRedo: false, revisions: 0,
  } as unknown as Snapshot;
}

function patch(elements: ItemsPatch<Element>): SnapshotPatch {
  return {
    name: 'renamed', description: '', elements, flows: none(), boundaries: none(), decisions: none(), layers: none(),
    findings: none(), matrix: { rows: [] }, gaps: [], path: null, title: '• renamed', dirty: true, canUndo: true, canRedo: false, revisions: 0,
  } as unknown as SnapshotPatch;
}

describe('applyItems', () => {
  const key = (e: Element) => e.id;
  const old = [element('a'), element('b'), element('c')];

  it('replaces changed items in place, drops removed ones and appends new ones', () => {
    const next = applyItems(old, { changed: [element('b', 9), element('d')], removed: ['a'], order: null }, key);
    expect(next.map((e) => [e.id, e.position.x])).toEqual([['b', 9], ['c', 0], ['d', 0]]);
    expect(next[1]).toBe(old[2]);
  });

  it('follows an order when the patch gives one', () => {
    const next = applyItems(old, { changed: [], removed: [], order: ['c', 'a', 'b'] }, key);
    expect(next.map(key)).toEqual(['c', 'a', 'b']);
  });

  it('keeps the very list when nothing changed', () => {
    expect(applyItems(old, none(), key)).toBe(old);
  });
});

describe('applyUpdate', () => {
  const start = snapshot([element('a'), element('b')]);

  it('takes a whole snapshot as it is', () => {
    expect(applyUpdate(null, { type: 'full', revision: 4, snapshot: start })).toEqual({ revision: 4, snapshot: start });
  });

  it('applies a patch on the revision held', () => {
    const held = { revision: 4, snapshot: start };
    const next = applyUpdate(held, { type: 'patch', revision: 5, base: 4, patch: patch({ changed: [element('a', 7)], removed: [], order: null }) });
    expect(next?.revision).toBe(5);
    expect(next?.snapshot.model.name).toBe('renamed');
    expect(next?.snapshot.model.elements.map((e) => e.position.x)).toEqual([7, 0]);
    expect(next?.snapshot.dirty).toBe(true);
    expect(next?.snapshot.model.flows).toBe(start.model.flows);
  });

  it('refuses a patch on another revision, so that the whole is asked for', () => {
    const held = { revision: 4, snapshot: start };
    expect(applyUpdate(held, { type: 'patch', revision: 7, base: 6, patch: patch(none()) })).toBeNull();
    expect(applyUpdate(null, { type: 'patch', revision: 1, base: 0, patch: patch(none()) })).toBeNull();
  });
});
