import { describe, expect, it } from 'vitest';
import type { ClosePreview, CloseRun } from '../../../../shared/domain/invoice';
import { canResume, defaultClosePeriod, defaultExportOptions, exportInput, exportProblem, previewCounts, previewSummary, runOutcome, runProgressText, withProgress } from './close-model';
import { base64ToBytes, dataUrlParts, logoProblem } from './download';

const run: CloseRun = {
  id: 1,
  period: '2026-09',
  status: 'running',
  total: 9,
  done: 3,
  created: 2,
  updated: 1,
  skipped: 0,
  failures: [],
  startedAt: '2026-10-01T10:00:00.000Z',
  finishedAt: null,
  jobId: 'close-1',
};

describe('close wizard', () => {
  it('defaults to the previous month in the agency zone', () => {
    expect(defaultClosePeriod(new Date('2026-10-03T12:00:00Z'), 'UTC')).toBe('2026-09');
    expect(defaultClosePeriod(new Date('2026-01-15T12:00:00Z'), 'UTC')).toBe('2025-12');
    // 1 Nov 02:00 UTC is still 31 Oct in New York: the previous month is September
    expect(defaultClosePeriod(new Date('2026-11-01T02:00:00Z'), 'America/New_York')).toBe('2026-09');
  });

  it('counts what the close will do', () => {
    const preview: ClosePreview = {
      period: '2026-09',
      lastRun: null,
      clients: [
        { clientId: 1, clientName: 'A', currency: 'USD', invoice: null },
        { clientId: 2, clientName: 'B', currency: 'EUR', invoice: { id: 4, status: 'draft', number: null } },
        { clientId: 3, clientName: 'C', currency: 'USD', invoice: { id: 5, status: 'issued', number: 'INV-1' } },
        { clientId: 4, clientName: 'D', currency: 'USD', invoice: null },
      ],
    };
    const c = previewCounts(preview);
    expect(c).toEqual({ clients: 4, toCreate: 2, toUpdate: 1, settled: 1 });
    expect(previewSummary(c, 'en-US')).toBe('4 billable clients: 2 new drafts, 1 draft refreshed, 1 already issued, left as it is.');
    expect(previewSummary({ clients: 0, toCreate: 0, toUpdate: 0, settled: 0 }, 'en-US')).toMatch(/^No client/);
  });

  it('describes runs and their progress', () => {
    expect(runProgressText(run, 'en-US')).toBe('3 of 9 clients · 2 created, 1 updated');
    expect(canResume(run)).toBe(false);
    expect(canResume({ status: 'interrupted' })).toBe(true);
    expect(canResume(null)).toBe(false);
    expect(runOutcome({ ...run, status: 'cancelled' }, 'en-US').text).toMatch(/after 3 of 9 clients/);
    expect(runOutcome({ ...run, status: 'done', done: 9 }, 'en-US')).toMatchObject({ tone: 'success', title: 'Drafts are ready' });
    expect(runOutcome({ ...run, status: 'done', failures: [{ clientId: 1, clientName: 'A', message: 'x' }] }, 'en-US').tone).toBe('warning');
  });

  it('lays live progress over the run row without going backwards', () => {
    expect(withProgress(run, { current: 5, total: 9, counters: { created: 4 } })).toMatchObject({ done: 5, created: 4, updated: 1 });
    expect(withProgress(run, { current: 1, total: null })).toMatchObject({ done: 3, total: 9 });
    expect(withProgress(run, null)).toBe(run);
  });

  it('builds export options', () => {
    const o = defaultExportOptions(',');
    expect(o).toMatchObject({ pdf: true, csv: true, decimalComma: true });
    expect(exportInput('2026-09', { ...o, csv: false, bom: true })).toEqual({ period: '2026-09', pdf: true, csv: false, zip: false, decimalComma: false, bom: false, includeDrafts: false });
    expect(exportProblem({ ...o, pdf: false, csv: false })).toMatch(/Choose/);
  });
});

describe('files', () => {
  it('decodes base64 and data URLs', () => {
    expect([...base64ToBytes('JVBERg==')]).toEqual([0x25, 0x50, 0x44, 0x46]);
    expect(dataUrlParts('data:image/png;base64,iVBORw0KGgo=')).toEqual({ mime: 'image/png', base64: 'iVBORw0KGgo=' });
    expect(dataUrlParts('data:text/plain,hello')).toBeNull();
  });

  it('checks a logo file', () => {
    expect(logoProblem({ type: 'image/png', size: 1000, name: 'a.png' })).toBeNull();
    expect(logoProblem({ type: 'image/svg+xml', size: 1000, name: 'a.svg' })).toMatch(/not a PNG or JPEG/);
    expect(logoProblem({ type: 'image/jpeg', size: 2_000_000, name: 'a.jpg' })).toMatch(/larger than 1 MB/);
  });
});
