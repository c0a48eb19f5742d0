// Runs in the renderer. Close step 4: export the period for the accountant (PDFs, CSV with decimal comma
// and BOM if wanted, a zip) as a job with progress, then the files with download buttons.
import { useMemo, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import { call, useMutation } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { CheckboxField } from '../../components/input-field';
import { ProgressBar } from '../../components/progress-bar';
import { formatCount } from '../../format/numbers';
import { useFieldIds } from '../../forms/use-field-ids';
import { formatBytes } from '../providers/job-model';
import { defaultExportOptions, exportInput, exportProblem, type ExportOptions } from './close-model';
import { base64ToBlob, saveBlob } from './download';
import { separators } from './money-input';
import { useExportWatch } from './use-export-watch';

export function CloseExportStep({ period, locale, onBack }: { period: string; locale: string; onBack: () => void }) {
  const idFor = useFieldIds();
  const initial = useMemo(() => defaultExportOptions(separators(locale).decimal), [locale]);
  const [options, setOptions] = useState<ExportOptions>(initial);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation('exports.start');
  const watch = useExportWatch(jobId);
  const problem = exportProblem(options);
  const running = jobId !== null && !watch.finished;
  const set = (k: keyof ExportOptions) => (v: boolean) => setOptions((o) => ({ ...o, [k]: v }));

  const onStart = async () => {
    if (problem || start.running) return;
    const res = await start.run(exportInput(period, options));
    if (res.ok) setJobId(res.data.jobId);
  };

  return (
    <div className="wizard-body">
      <p>Write the period&rsquo;s documents to a folder on this computer for your accountant: one PDF per invoice and credit note, and CSV files of the invoices and their lines.</p>
      <div className="inv-options-row">
        <fieldset className="inv-options" disabled={running}>
          <legend>What to export</legend>
          <CheckboxField id={idFor('pdf')} label="PDF of every document" checked={options.pdf} onChange={set('pdf')} />
          <CheckboxField id={idFor('csv')} label="CSV files of invoices and lines" checked={options.csv} onChange={set('csv')} />
          <CheckboxField id={idFor('zip')} label="Also as one zip file" checked={options.zip} onChange={set('zip')} />
          <CheckboxField id={idFor('includeDrafts')} label="Include drafts (watermarked)" checked={options.includeDrafts} onChange={set('includeDrafts')} />
        </fieldset>
        <fieldset className="inv-options" disabled={running || !options.csv}>
          <legend>CSV format</legend>
          <CheckboxField
            id={idFor('decimalComma')}
            label="Decimal comma"
            checked={options.decimalComma}
            onChange={set('decimalComma')}
            disabled={!options.csv}
            hint="1234,50 with ; between columns, for spreadsheets set to a European locale."
          />
          <CheckboxField id={idFor('bom')} label="Byte-order mark (BOM)" checked={options.bom} onChange={set('bom')} disabled={!options.csv} hint="Helps Excel read accents correctly." />
        </fieldset>
      </div>
      {problem ? (
        <p className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {start.error ? <ErrorNotice title="The export did not start" error={start.error} /> : null}

      {jobId !== null && !watch.finished ? (
        <ProgressBar
          label={`Exporting ${period}`}
          value={watch.progress?.current ?? 0}
          max={watch.progress?.total ?? null}
          valueText={watch.progress?.total ? `${formatCount(watch.progress.current, locale)} of ${formatCount(watch.progress.total, locale)} documents` : 'Starting…'}
          detail={watch.progress?.step}
        />
      ) : null}
      {watch.error ? <ErrorNotice title="The export failed" error={watch.error} /> : null}
      {watch.result && jobId ? <ExportFiles jobId={jobId} result={watch.result} locale={locale} /> : null}

      <div className="wizard-actions">
        <button type="button" className="btn" onClick={onBack} disabled={running}>
          Back
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void onStart()} disabled={running || start.running || problem !== null} aria-busy={running || start.running || undefined}>
          {running ? 'Exporting…' : watch.result ? 'Export again' : 'Export'}
        </button>
      </div>
    </div>
  );
}

function ExportFiles({ jobId, result, locale }: { jobId: string; result: NonNullable<ReturnType<typeof useExportWatch>['result']>; locale: string }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const download = async (name: string) => {
    setBusy(name);
    setError(null);
    const res = await call('exports.download', { jobId, name });
    setBusy(null);
    if (res.ok) saveBlob(base64ToBlob(res.data.dataBase64, res.data.mime), res.data.fileName);
    else setError(res.error);
  };
  const files = result.zip && !result.files.some((f) => f.name === result.zip) ? [{ name: result.zip, bytes: 0 }, ...result.files] : result.files;
  return (
    <section className="wizard-section" aria-labelledby="export-files-title">
      <p className="notice notice-success" role="status">
        <span>
          Exported {formatCount(result.documents, locale)} {result.documents === 1 ? 'document' : 'documents'} to <span className="inv-path">{result.outDir}</span>
        </span>
      </p>
      <h3 id="export-files-title" className="subsection-title">
        Files
      </h3>
      {error ? <ErrorNotice title="The file could not be downloaded" error={error} /> : null}
      <ul className="inv-files">
        {files.map((f) => (
          <li key={f.name}>
            <span className="inv-file-name">
              {f.name} {f.bytes > 0 ? <span className="muted">· {formatBytes(f.bytes, locale)}</span> : null}
            </span>
            <button type="button" className="btn btn-small" onClick={() => void download(f.name)} disabled={busy === f.name} aria-busy={busy === f.name || undefined} aria-label={`Download ${f.name}`}>
              Download
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
