// Runs in the renderer (pure). The close-period wizard: the default period (the month before this one in
// the agency's zone), what the preview says, the state and progress of a close run, and export options.
import type { ClosePreview, CloseRun, ExportInput } from '../../../../shared/domain/invoice';
import { formatCount } from '../../format/numbers';
import { monthLabelIn, shiftPeriod } from '../statements/statement-format';

export const CLOSE_STEPS = ['Choose period', 'Create drafts', 'Review and issue', 'Export'] as const;
export type CloseStep = 1 | 2 | 3 | 4;

/** The month before the current one in `timeZone`: "2026-09" on 2026-10-03. */
export function defaultClosePeriod(now: Date, timeZone: string): string {
  return shiftPeriod(monthLabelIn(now, timeZone), -1);
}

export interface PreviewCounts {
  clients: number;
  /** no document yet: a draft will be created */
  toCreate: number;
  /** a draft exists: it will be refreshed from the latest usage */
  toUpdate: number;
  /** issued, paid or void: left alone */
  settled: number;
}

export function previewCounts(p: ClosePreview): PreviewCounts {
  let toCreate = 0;
  let toUpdate = 0;
  let settled = 0;
  for (const c of p.clients) {
    if (c.invoice === null) toCreate++;
    else if (c.invoice.status === 'draft') toUpdate++;
    else settled++;
  }
  return { clients: p.clients.length, toCreate, toUpdate, settled };
}

/** "3 new drafts, 1 draft refreshed, 2 already issued" (only the parts that are not zero). */
export function previewSummary(c: PreviewCounts, locale: string): string {
  if (c.clients === 0) return 'No client has anything to bill for this period.';
  const parts: string[] = [];
  if (c.toCreate) parts.push(`${formatCount(c.toCreate, locale)} new ${c.toCreate === 1 ? 'draft' : 'drafts'}`);
  if (c.toUpdate) parts.push(`${formatCount(c.toUpdate, locale)} ${c.toUpdate === 1 ? 'draft' : 'drafts'} refreshed`);
  if (c.settled) parts.push(`${formatCount(c.settled, locale)} already issued, left as ${c.settled === 1 ? 'it is' : 'they are'}`);
  return `${formatCount(c.clients, locale)} billable ${c.clients === 1 ? 'client' : 'clients'}: ${parts.join(', ')}.`;
}

/** A run that stopped before its end can be resumed: the next start carries on after the last client done. */
export function canResume(run: Pick<CloseRun, 'status'> | null): boolean {
  return run !== null && (run.status === 'cancelled' || run.status === 'interrupted');
}

/** What the run's banner says once it stopped. */
export function runOutcome(run: CloseRun, locale: string): { tone: 'success' | 'warning' | 'danger'; title: string; text: string } {
  const of = `${formatCount(run.done, locale)} of ${formatCount(run.total, locale)} clients`;
  const failed = run.failures.length;
  switch (run.status) {
    case 'done':
      return failed > 0
        ? { tone: 'warning', title: `Drafts created, ${formatCount(failed, locale)} ${failed === 1 ? 'client' : 'clients'} failed`, text: 'Fix what the messages say, then run the close again: it only redoes what is not done.' }
        : { tone: 'success', title: 'Drafts are ready', text: `All ${formatCount(run.total, locale)} billable clients were processed.` };
    case 'cancelled':
      return { tone: 'warning', title: 'The close was cancelled', text: `It stopped after ${of}. Resume to carry on with the rest; drafts already made are kept.` };
    case 'interrupted':
      return { tone: 'danger', title: 'The close was interrupted', text: `Meterbook stopped while closing (after ${of}). Resume to carry on where it left off.` };
    case 'running':
      return { tone: 'warning', title: 'Closing…', text: of };
  }
}

/** The progress line: "3 of 9 clients · 2 created, 1 updated". */
export function runProgressText(run: Pick<CloseRun, 'done' | 'total' | 'created' | 'updated' | 'skipped'>, locale: string): string {
  const parts = [`${formatCount(run.done, locale)} of ${formatCount(run.total, locale)} clients`];
  const counts = [
    run.created ? `${formatCount(run.created, locale)} created` : null,
    run.updated ? `${formatCount(run.updated, locale)} updated` : null,
    run.skipped ? `${formatCount(run.skipped, locale)} skipped` : null,
  ].filter(Boolean);
  if (counts.length) parts.push(counts.join(', '));
  return parts.join(' · ');
}

/** A close run with the live counters of a progress event laid over it (events run ahead of the row). */
export function withProgress(run: CloseRun, p: { current: number; total: number | null; counters?: Record<string, number> | undefined } | null): CloseRun {
  if (!p) return run;
  const c = p.counters ?? {};
  return {
    ...run,
    done: Math.max(run.done, p.current),
    total: p.total ?? run.total,
    created: Math.max(run.created, c.created ?? 0),
    updated: Math.max(run.updated, c.updated ?? 0),
    skipped: Math.max(run.skipped, c.skipped ?? 0),
  };
}

export interface ExportOptions {
  pdf: boolean;
  csv: boolean;
  zip: boolean;
  decimalComma: boolean;
  bom: boolean;
  includeDrafts: boolean;
}

export const DEFAULT_EXPORT: ExportOptions = { pdf: true, csv: true, zip: false, decimalComma: false, bom: false, includeDrafts: false };

/** The export options for a locale: decimal comma where the locale writes one. */
export function defaultExportOptions(decimalSeparator: string): ExportOptions {
  return { ...DEFAULT_EXPORT, decimalComma: decimalSeparator === ',' };
}

export function exportInput(period: string, o: ExportOptions): ExportInput {
  return { period, pdf: o.pdf, csv: o.csv, zip: o.zip, decimalComma: o.csv && o.decimalComma, bom: o.csv && o.bom, includeDrafts: o.includeDrafts };
}

/** Why the options cannot be exported as they are, or null. */
export function exportProblem(o: ExportOptions): string | null {
  return o.pdf || o.csv ? null : 'Choose PDFs, CSV files or both.';
}
