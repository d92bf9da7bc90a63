// Words for a recovery offer: which file, when, and what it holds.

import type { RecoveryOffer } from '../bindings';

export interface DescribedOffer {
  file: string;
  when: string;
  counts: string;
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** How long before `now` the copy was kept, in words: "just now", "5 minutes ago", or a date. */
export function age(copiedAt: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - copiedAt.getTime()) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${count(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${count(hours, 'hour')} ago`;
  return copiedAt.toLocaleString();
}

export function describeOffer(offer: RecoveryOffer, now: Date): DescribedOffer {
  return {
    file: offer.original ?? 'A model not saved to any file yet',
    when: offer.copied_at === null ? 'at a time not recorded' : age(new Date(offer.copied_at * 1000), now),
    counts: [count(offer.elements, 'element'), count(offer.flows, 'flow'), count(offer.boundaries, 'boundary', 'boundaries')].join(', '),
  };
}
