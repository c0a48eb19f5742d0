import { describe, expect, it } from 'vitest';
import { counterItems, countersText, formatBytes, jobOutcome, progressPercent, progressValueText } from './job-model';

describe('job counters', () => {
  it('orders known counters, names them as users do, and keeps unknown ones', () => {
    expect(countersText({ rejected: 0, inserted: 240, pages: 3, fetched: 250, duplicates: 10 }, 'en-US')).toBe(
      '3 pages · 250 fetched · 240 new · 10 duplicates · 0 rejected',
    );
    expect(countersText({ pages: 1, duplicates: 1 }, 'en-US')).toBe('1 page · 1 duplicate');
    expect(counterItems({ bytesRead: 1200 }, 'en-US')).toEqual([{ key: 'bytesRead', label: 'bytes read', value: '1,200' }]);
    expect(countersText(undefined, 'en-US')).toBe('');
  });
});

describe('progress text', () => {
  it('formats bytes with the locale', () => {
    expect(formatBytes(512, 'en-US')).toBe('512 B');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 kB');
    expect(formatBytes(3_400_000, 'en-US')).toBe('3.4 MB');
    expect(formatBytes(3_400_000, 'de-DE')).toBe('3,4 MB');
  });

  it('computes a clamped whole percent, null when the total is unknown', () => {
    expect(progressPercent(1, 3)).toBe(33);
    expect(progressPercent(5, 4)).toBe(100);
    expect(progressPercent(5, null)).toBeNull();
    expect(progressPercent(5, 0)).toBeNull();
  });

  it('describes determinate and indeterminate progress', () => {
    expect(progressValueText({ step: 'Reading', current: 1_200_000, total: 3_400_000 }, 'en-US', 'bytes')).toBe('1.2 MB of 3.4 MB (35%)');
    expect(progressValueText({ step: 'x', current: 5, total: 10 }, 'en-US', 'records')).toBe('5 of 10 (50%)');
    expect(progressValueText({ step: 'Saved page 2', current: 200, total: null, counters: { pages: 2, fetched: 200, inserted: 190 } }, 'en-US', 'records')).toBe(
      'Saved page 2: 2 pages · 200 fetched · 190 new',
    );
    expect(progressValueText({ step: 'Starting', current: 0, total: null }, 'en-US', 'records')).toBe('Starting');
  });
});

describe('job outcomes', () => {
  it('says what happened and what to do', () => {
    expect(jobOutcome('sync', 'succeeded', null)).toEqual({ tone: 'success', title: 'The sync finished.', advice: null });
    const failed = jobOutcome('sync', 'failed', 'Vapi refused the API key (HTTP 401).');
    expect(failed.tone).toBe('danger');
    expect(failed.title).toBe('Vapi refused the API key (HTTP 401).');
    expect(failed.advice).toMatch(/Replace credentials/);
    expect(jobOutcome('sync', 'waiting', 'Could not reach Vapi.').advice).toMatch(/retries automatically/);
    expect(jobOutcome('dry_run', 'failed', null).title).toBe('The dry run failed.');
  });
});
