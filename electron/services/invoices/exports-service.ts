// Runs in main. Exports of a period: PDFs to a folder, CSVs of invoices and lines, a zip; as a job.
// Every file is written under a temporary name, synced, then renamed, so a crash never leaves half a file
// under its final name. Results are kept in memory per job id (until the app quits). See docs/EXPORTS.md.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { ParsedInput } from '../../../shared/contract/commands';
import type { ExportResult, FileDownload } from '../../../shared/domain/invoice';
import { invoiceLinesCsv, invoicesCsv, type CsvDocument } from '../../invoices/export/csv';
import type { JobControl, JobProgress } from '../../jobs/job-registry';
import type { AppContextDeps } from '../app-deps';
import { AppError } from '../errors';
import { documentFileName, type DocumentsService } from './documents-service';
import type { InvoicesService, PeriodDocument } from './invoices-service';

export const INVOICES_CSV = 'invoices.csv';
export const LINES_CSV = 'invoice-lines.csv';
/** "2026-10 invoices.zip" */
export const zipFileName = (period: string): string => `${period} invoices.zip`;

/** finished exports remembered for result/download (the oldest are forgotten first) */
const REMEMBERED = 50;
/** a download travels as base64 over IPC: bigger files are opened from the folder instead */
const MAX_DOWNLOAD_BYTES = 200 * 1024 * 1024;
/** file names stay well under the 255-byte limit of common file systems (a CJK name is 3 bytes a character) */
const MAX_NAME_BYTES = 200;

type ExportState = { status: 'running'; outDir: string } | { status: 'done'; result: ExportResult } | { status: 'failed'; message: string };

export class ExportsService {
  private readonly states = new Map<string, ExportState>();

  constructor(
    private readonly deps: AppContextDeps,
    private readonly invoices: InvoicesService,
    private readonly documents: DocumentsService,
  ) {}

  /** Checks and creates the folder, then exports in the background; progress as job.progress (kind 'export'). */
  async start(input: ParsedInput<'exports.start'>): Promise<{ jobId: string }> {
    if (!input.pdf && !input.csv) throw new AppError('invalid_input', 'Choose what to export: the PDFs, the CSVs, or both.', { field: 'pdf' });
    const outDir = await this.prepareFolder(input.outDir, input.period);
    for (const s of this.states.values()) {
      if (s.status === 'running' && s.outDir === outDir) throw new AppError('conflict', `An export to ${outDir} is running already; wait for it to finish.`, { field: 'outDir' });
    }
    const jobId = `export-${randomUUID()}`;
    this.remember(jobId, { status: 'running', outDir });
    this.deps.jobs.start(jobId, 'export', (ctl) => this.run(jobId, outDir, input, ctl));
    return { jobId };
  }

  /** The result of a finished export; not_found when unknown, conflict while running or when it failed. */
  async result(jobId: string): Promise<ExportResult> {
    const state = this.states.get(jobId);
    if (!state) throw new AppError('not_found', `There is no export ${jobId} (finished exports are remembered until Meterbook quits).`, { field: 'jobId' });
    if (state.status === 'running') throw new AppError('conflict', `Export ${jobId} is still running; its result is ready when the job reports done.`, { field: 'jobId' });
    if (state.status === 'failed') throw new AppError('conflict', state.message, { field: 'jobId' });
    return state.result;
  }

  /** One file of a finished export, by its name in the result (a PDF, a CSV or the zip). */
  async download(jobId: string, name: string): Promise<FileDownload> {
    const result = await this.result(jobId);
    const names = [...result.files.map((f) => f.name), ...(result.zip === null ? [] : [result.zip])];
    // only names this export wrote: nothing else in (or outside) the folder can be read through here
    if (!names.includes(name)) throw new AppError('not_found', `"${name}" is not a file of this export (it wrote ${names.length} files).`, { field: 'name' });
    const file = path.join(result.outDir, name);
    if (path.dirname(file) !== result.outDir) throw new AppError('invalid_input', `"${name}" is not a plain file name.`, { field: 'name' });
    let bytes: Buffer;
    try {
      const { size } = await fs.promises.stat(file);
      if (size > MAX_DOWNLOAD_BYTES) throw new AppError('conflict', `${name} is ${Math.ceil(size / 1024 / 1024)} MB, too big to send to the window; open it in ${result.outDir}.`, { field: 'name' });
      bytes = await fs.promises.readFile(file);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `${name} is no longer in ${result.outDir}; export again.`, { field: 'name' });
      throw err;
    }
    return { fileName: name, mime: mimeOf(name), dataBase64: bytes.toString('base64') };
  }

  private async run(jobId: string, outDir: string, input: ParsedInput<'exports.start'>, ctl: JobControl): Promise<JobProgress & { error?: string }> {
    const files: ExportResult['files'] = [];
    let total = 0;
    let current = 0;
    const progress = (step: string): JobProgress => ({ step, current, total, counters: { documents: current, files: files.length } });
    try {
      const docs = await this.invoices.documentsForPeriod(input.period, { includeDrafts: input.includeDrafts });
      total = docs.length;
      ctl.progress(progress(`Exporting ${total} documents of ${input.period}`));

      if (input.pdf) {
        const taken = new Set<string>();
        for (const d of docs) {
          ctl.signal.throwIfAborted();
          const name = uniqueName(fitFileName(documentFileName(d.snapshot, d.summary.clientName, d.summary.id)), taken);
          const bytes = await this.documents.render(d.snapshot, d.summary.status === 'draft');
          await writeAtomic(path.join(outDir, name), (fh) => fh.writeFile(bytes));
          files.push({ name, bytes: bytes.byteLength });
          current += 1;
          ctl.progress(progress(`PDF ${current} of ${total}: ${name}`));
        }
      }
      current = total;

      if (input.csv) {
        ctl.signal.throwIfAborted();
        ctl.progress(progress('Writing the CSVs'));
        const csvDocs = await this.csvDocuments(docs);
        const options = { decimalComma: input.decimalComma, bom: input.bom };
        for (const [name, text] of [
          [INVOICES_CSV, invoicesCsv(csvDocs, options)],
          [LINES_CSV, invoiceLinesCsv(csvDocs, options)],
        ] as const) {
          const bytes = Buffer.from(text, 'utf8');
          await writeAtomic(path.join(outDir, name), (fh) => fh.writeFile(bytes));
          files.push({ name, bytes: bytes.byteLength });
        }
      }

      let zip: string | null = null;
      if (input.zip) {
        ctl.signal.throwIfAborted();
        ctl.progress(progress(`Zipping ${files.length} files`));
        zip = zipFileName(input.period);
        await writeZip(path.join(outDir, zip), outDir, files, this.deps.clock.now(), ctl.signal);
      }

      const result: ExportResult = { outDir, files, zip, documents: total };
      this.remember(jobId, { status: 'done', result });
      return progress(`Exported ${total} documents (${files.length + (zip === null ? 0 : 1)} files) to ${outDir}`);
    } catch (err) {
      const cancelled = ctl.signal.aborted;
      if (!cancelled && !(err instanceof AppError)) this.deps.logger.error(`Export ${jobId} failed`, { error: err instanceof Error ? err.stack : String(err) });
      const reason = err instanceof Error ? err.message : String(err);
      const message = cancelled
        ? `The export was cancelled after ${files.length} files; the files written so far are complete and in ${outDir}.`
        : `The export of ${input.period} stopped: ${reason}`;
      this.remember(jobId, { status: 'failed', message });
      return { ...progress(cancelled ? 'Cancelled' : 'Failed'), error: message };
    }
  }

  /** Adds what only the detail has (payment, void reason) to the documents that have it. */
  private async csvDocuments(docs: readonly PeriodDocument[]): Promise<CsvDocument[]> {
    const out: CsvDocument[] = [];
    for (const d of docs) {
      if (d.summary.status === 'paid' || d.summary.status === 'void') {
        const detail = await this.invoices.get(d.summary.id);
        out.push({ ...d, payment: detail.payment, voidReason: detail.voidReason });
      } else out.push({ ...d, payment: null, voidReason: null });
    }
    return out;
  }

  /** The absolute folder to export into, created if needed; a clear error when it cannot be. */
  private async prepareFolder(requested: string | undefined, period: string): Promise<string> {
    if (requested !== undefined && !path.isAbsolute(requested)) {
      throw new AppError('invalid_input', `Choose the export folder as a full path (got "${requested}").`, { field: 'outDir' });
    }
    const outDir = path.resolve(requested ?? path.join(this.deps.dataDir, 'exports', period));
    const stat = await fs.promises.stat(outDir).catch(() => null);
    if (stat !== null && !stat.isDirectory()) {
      throw new AppError('invalid_input', `${outDir} is a file, not a folder. Choose another folder for the export.`, { field: 'outDir' });
    }
    try {
      await fs.promises.mkdir(outDir, { recursive: true });
      await fs.promises.access(outDir, fs.constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' || code === 'EEXIST' ? 'part of the path is a file' : code === 'EROFS' ? 'the disk is read-only' : (err as Error).message;
      throw new AppError('invalid_input', `Cannot write to the folder ${outDir} (${why}). Choose another folder for the export.`, { field: 'outDir' });
    }
    return fs.promises.realpath(outDir);
  }

  private remember(jobId: string, state: ExportState): void {
    this.states.delete(jobId);
    this.states.set(jobId, state);
    for (const [id, s] of this.states) {
      if (this.states.size <= REMEMBERED) break;
      if (s.status !== 'running') this.states.delete(id);
    }
  }
}

/** Writes `target` through a temporary file in the same folder: written, synced to disk, then renamed over it. */
export async function writeAtomic(target: string, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const tmp = path.join(path.dirname(target), `.meterbook-${randomUUID()}.partial`);
  const fh = await fs.promises.open(tmp, 'wx');
  try {
    await write(fh);
    await fh.sync();
    await fh.close();
    await fs.promises.rename(tmp, target);
  } catch (err) {
    await fh.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** Streams the files into a zip, one file in memory at a time: CSVs deflated, PDFs (compressed already) stored. */
async function writeZip(target: string, dir: string, files: readonly { name: string }[], mtime: Date, signal: AbortSignal): Promise<void> {
  await writeAtomic(target, async (fh) => {
    const chunks: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failure = err;
      else chunks.push(chunk);
    });
    const flush = async () => {
      if (failure) throw failure;
      for (const c of chunks.splice(0)) await fh.write(c);
    };
    for (const f of files) {
      signal.throwIfAborted();
      const data = await fs.promises.readFile(path.join(dir, f.name));
      const entry = f.name.endsWith('.pdf') ? new ZipPassThrough(f.name) : new ZipDeflate(f.name, { level: 6 });
      entry.mtime = mtime;
      // "made on Unix", -rw-r--r--: Info-ZIP unzip otherwise treats the names as DOS code page 437 and mangles
      // non-ASCII ones, UTF-8 flag or not
      entry.os = 3;
      entry.attrs = 0o100644 * 0x10000;
      zip.add(entry);
      entry.push(data, true);
      await flush();
    }
    zip.end();
    await flush();
  });
}

/** Shortens a name over MAX_NAME_BYTES of UTF-8, keeping its extension and whole characters. */
export function fitFileName(name: string, maxBytes = MAX_NAME_BYTES): string {
  if (Buffer.byteLength(name) <= maxBytes) return name;
  const ext = path.extname(name);
  let stem = '';
  for (const ch of name.slice(0, name.length - ext.length)) {
    if (Buffer.byteLength(stem + ch + ext) > maxBytes) break;
    stem += ch;
  }
  return `${stem.trimEnd()}${ext}`;
}

/** Two documents never overwrite each other's file, even on case-insensitive file systems. */
function uniqueName(name: string, taken: Set<string>): string {
  const ext = path.extname(name);
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

function mimeOf(name: string): string {
  if (name.endsWith('.pdf')) return 'application/pdf';
  if (name.endsWith('.csv')) return 'text/csv; charset=utf-8';
  if (name.endsWith('.zip')) return 'application/zip';
  return 'application/octet-stream';
}
