// Applying the updates the app sends (see the document crate's `update` module): the whole
// snapshot at first, then patches of what changed, each naming the revision it applies to.
// Pure: the editor holds the result.

import type { ItemsPatch, Snapshot, SnapshotUpdate } from '../bindings';

/** A snapshot with the revision it is at. */
export interface Held {
  revision: number;
  snapshot: Snapshot;
}

/**
 * What `update` makes of `held`; null when it is a patch on another revision than the one held
 * (an update was missed): the caller then asks for the whole snapshot.
 */
export function applyUpdate(held: Held | null, update: SnapshotUpdate): Held | null {
  if (update.type === 'full') return { revision: update.revision, snapshot: update.snapshot };
  if (!held || held.revision !== update.base) return null;
  const { patch } = update;
  const old = held.snapshot;
  const snapshot: Snapshot = {
    model: {
      ...old.model,
      name: patch.name,
      description: patch.description,
      elements: applyItems(old.model.elements, patch.elements, (e) => e.id),
      flows: applyItems(old.model.flows, patch.flows, (f) => f.id),
      boundaries: applyItems(old.model.boundaries ?? [], patch.boundaries, (b) => b.id),
      decisions: applyItems(old.model.decisions ?? [], patch.decisions, (d) => d.finding),
    },
    analysis: {
      layers: applyItems(old.analysis.layers, patch.layers, (l) => l.element),
      findings: applyItems(old.analysis.findings, patch.findings, (f) => f.id),
      matrix: patch.matrix,
      gaps: patch.gaps,
    },
    path: patch.path,
    title: patch.title,
    dirty: patch.dirty,
    canUndo: patch.canUndo,
    canRedo: patch.canRedo,
    revisions: patch.revisions,
  };
  return { revision: update.revision, snapshot };
}

/**
 * A list after its patch: removed items go, changed ones are replaced where they were, new ones
 * follow the kept ones; then the patch's order, if it has one. Unchanged items are the same
 * objects as before, so what is drawn from them need not be drawn again.
 */
export function applyItems<T>(old: readonly T[], patch: ItemsPatch<T>, key: (item: T) => string): T[] {
  if (patch.changed.length === 0 && patch.removed.length === 0 && !patch.order) return old as T[];
  const removed = new Set(patch.removed);
  const changed = new Map(patch.changed.map((item) => [key(item), item]));
  const kept = new Set<string>();
  const items: T[] = [];
  for (const item of old) {
    const id = key(item);
    if (removed.has(id)) continue;
    kept.add(id);
    items.push(changed.get(id) ?? item);
  }
  for (const item of patch.changed) if (!kept.has(key(item))) items.push(item);
  if (!patch.order) return items;
  const at = new Map(patch.order.map((id, i) => [id, i]));
  return items.sort((a, b) => (at.get(key(a)) ?? Infinity) - (at.get(key(b)) ?? Infinity));
}
