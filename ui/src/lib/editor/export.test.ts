import { describe, expect, it } from 'vitest';
import { defaultChoices, exportRequest, type ExportChoices } from './export';

const base: ExportChoices = { ...defaultChoices(), format: 'svg' };

describe('export request', () => {
  it('names a highlighted layer or chain, keeping colons in a finding id', () => {
    expect(exportRequest({ ...base, highlight: 'layer:L3' })).toMatchObject({ highlightLayer: 'L3', highlightChain: null });
    expect(exportRequest({ ...base, highlight: 'chain:untrusted-input-to-impact:web->files' })).toMatchObject({
      highlightLayer: null,
      highlightChain: 'untrusted-input-to-impact:web->files',
    });
    expect(exportRequest(base)).toMatchObject({ highlightLayer: null, highlightChain: null });
  });

  it('sends hidden statuses only for the HTML report and blanks as nothing', () => {
    const choices: ExportChoices = { ...base, hide: ['mitigated'], organisation: '  ', author: ' Ada ' };
    expect(exportRequest(choices)).toMatchObject({ hide: [], organisation: null, author: 'Ada' });
    expect(exportRequest({ ...choices, format: 'html' }).hide).toEqual(['mitigated']);
  });

  it('falls back to the model size when the scale is not a number', () => {
    expect(exportRequest({ ...base, scale: Number.NaN }).scale).toBe(1);
    expect(exportRequest({ ...base, scale: 2.5 }).scale).toBe(2.5);
  });
});
