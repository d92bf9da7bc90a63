// The measured heights of a windowed list's rendered rows, kept as a ResizeObserver reports them.

import type { Attachment } from 'svelte/attachments';
import type { Measurement } from './window';

/** A row as it is measured: its key across renders, and its shape now. */
interface Sized<S extends string> {
  key: string;
  shape: S;
}

export class RowSizes<S extends string> {
  /** Each measured row's last height, by key, with the shape it had then. */
  measured: ReadonlyMap<string, Measurement<S>> = $state.raw(new Map());
  /** The row each rendered element shows. */
  #rows = new WeakMap<Element, Sized<S>>();
  #observer = new ResizeObserver((entries) => this.#record(entries));

  /** An attachment that measures the element of `row` while it is rendered, and again whenever its size changes. */
  measure(row: Sized<S>): Attachment<HTMLElement> {
    return (element) => {
      this.#rows.set(element, row);
      this.#observer.observe(element);
      return () => this.#observer.unobserve(element);
    };
  }

  /** Stops measuring; for when the list goes. */
  disconnect(): void {
    this.#observer.disconnect();
  }

  /** Takes in new sizes; the map is replaced (and the list laid out again) only when one changed. */
  #record(entries: ResizeObserverEntry[]): void {
    const next = new Map(this.measured);
    let changed = false;
    for (const entry of entries) {
      const row = this.#rows.get(entry.target);
      if (!row) continue;
      const height = entry.borderBoxSize[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
      const before = next.get(row.key);
      if (before?.shape === row.shape && before.height === height) continue;
      next.set(row.key, { shape: row.shape, height });
      changed = true;
    }
    if (changed) this.measured = next;
  }
}
