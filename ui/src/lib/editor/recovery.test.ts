import { describe, expect, it } from 'vitest';
import { age, describeOffer } from './recovery';

describe('recovery offers', () => {
  const now = new Date('2026-12-03T12:00:00Z');

  it('says how long ago the copy was kept', () => {
    expect(age(new Date('2026-12-03T11:59:30Z'), now)).toBe('just now');
    expect(age(new Date('2026-12-03T11:59:00Z'), now)).toBe('1 minute ago');
    expect(age(new Date('2026-12-03T11:35:00Z'), now)).toBe('25 minutes ago');
    expect(age(new Date('2026-12-03T09:00:00Z'), now)).toBe('3 hours ago');
  });

  it('names the file, or says there is none, and counts what the copy holds', () => {
    const offer = {
      session: '1-2', model_name: 'Crew', original: '/models/crew.maestro', copied_at: now.getTime() / 1000 - 5,
      elements: 1, flows: 3, boundaries: 2, changes: '1 element added',
    };
    expect(describeOffer(offer, now)).toEqual({ file: '/models/crew.maestro', when: 'just now', counts: '1 element, 3 flows, 2 boundaries' });
    expect(describeOffer({ ...offer, original: null }, now).file).toBe('A model not saved to any file yet');
  });
});
