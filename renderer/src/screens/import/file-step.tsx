// Runs in the renderer. Step 1 of the import: the provider account and the file. Electron opens the
// native file dialog (files.pick); browser mode uploads the file to the bridge, with progress.
import { useRef, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { FileRef } from '../../../../shared/domain/file-import';
import type { ProviderAccount } from '../../../../shared/domain/provider';
import { call, transportKind } from '../../api';
import { uploadFile, UPLOAD_CANCELLED } from '../../api/upload';
import { useAgency } from '../../app/agency-context';
import { ErrorNotice } from '../../components/error-notice';
import { ProgressBar } from '../../components/progress-bar';
import { SelectField } from '../../forms/field';
import { useFieldIds } from '../../forms/use-field-ids';
import { formatBytes, progressValueText } from '../providers/job-model';

export interface ChosenFile {
  ref: FileRef;
  name: string;
  size: number;
}

export interface FileStepProps {
  accounts: readonly ProviderAccount[];
  accountId: string;
  onAccount: (id: string) => void;
  file: ChosenFile | null;
  onFile: (file: ChosenFile | null) => void;
  onNext: () => void;
}

export const ACCEPTED_FILES = '.csv,.tsv,.txt,.jsonl,.ndjson,.json,text/csv,text/plain,application/x-ndjson';

export function FileStep({ accounts, accountId, onAccount, file, onFile, onNext }: FileStepProps) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const electron = transportKind() === 'electron';
  const [uploading, setUploading] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [error, setError] = useState<CommandError | null>(null);
  const [picking, setPicking] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [attempted, setAttempted] = useState(false);

  const options = [{ value: '', label: 'Choose a provider account…' }, ...accounts.map((a) => ({ value: String(a.id), label: `${a.name} (${a.currency})` }))];

  const pick = async () => {
    setError(null);
    setPicking(true);
    const res = await call('files.pick', { purpose: 'usage' });
    setPicking(false);
    if (!res.ok) setError(res.error);
    else if (res.data) onFile({ ref: { path: res.data.path }, name: res.data.name, size: res.data.size });
  };

  const upload = async (f: File) => {
    setError(null);
    onFile(null);
    const ctl = new AbortController();
    abort.current = ctl;
    setUploading({ name: f.name, loaded: 0, total: f.size });
    const res = await uploadFile(f, { signal: ctl.signal, onProgress: (loaded, total) => setUploading({ name: f.name, loaded, total }) });
    abort.current = null;
    setUploading(null);
    if (res.ok) onFile({ ref: { uploadId: res.data.uploadId }, name: res.data.name, size: res.data.size });
    else {
      if (res.error.message !== UPLOAD_CANCELLED) setError(res.error);
      if (inputRef.current) inputRef.current.value = '';
    }
  };

  const accountError = attempted && !accountId ? 'Choose the provider account the usage belongs to.' : undefined;
  const fileError = attempted && !file ? 'Choose the usage file (CSV or JSON lines).' : undefined;
  const fileId = idFor('file');

  return (
    <div className="wizard-body">
      <div className="form-grid">
        <SelectField
          id={idFor('account')}
          label="Provider account"
          value={accountId}
          onChange={onAccount}
          options={options}
          error={accountError}
          hint="The account whose usage the file holds; its currency is the default for costs"
          required
          className="span-2"
        />
        {electron ? (
          <div className={`field span-2${fileError ? ' field-invalid' : ''}`}>
            <span className="field-static-label" id={`${fileId}-label`}>
              Usage file
            </span>
            <div className="file-row">
              <button type="button" className="btn" onClick={() => void pick()} disabled={picking} aria-busy={picking || undefined} aria-describedby={`${fileId}-label`}>
                Choose file…
              </button>
              <span className="file-name">{file ? `${file.name} · ${formatBytes(file.size, locale)}` : 'No file chosen'}</span>
            </div>
            {fileError ? <p className="field-error">{fileError}</p> : null}
          </div>
        ) : (
          <div className={`field span-2${fileError ? ' field-invalid' : ''}`}>
            <div className="field-label-row">
              <label htmlFor={fileId}>Usage file</label>
              <span className="field-required" aria-hidden="true">
                Required
              </span>
            </div>
            <input
              ref={inputRef}
              id={fileId}
              type="file"
              className="input file-input"
              accept={ACCEPTED_FILES}
              aria-describedby={`${fileId}-hint${fileError ? ` ${fileId}-error` : ''}`}
              aria-invalid={fileError ? true : undefined}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void upload(f);
              }}
              disabled={uploading !== null}
            />
            <p id={`${fileId}-hint`} className="field-hint">
              CSV (comma, semicolon, tab or pipe separated, UTF-8) or JSON lines, up to 2 GB.
            </p>
            {fileError ? (
              <p id={`${fileId}-error`} className="field-error">
                {fileError}
              </p>
            ) : null}
          </div>
        )}
      </div>

      {uploading ? (
        <div className="upload-progress">
          <ProgressBar
            label={`Uploading ${uploading.name}`}
            value={uploading.loaded}
            max={uploading.total || 1}
            valueText={progressValueText({ step: 'Uploading', current: uploading.loaded, total: uploading.total || 1 }, locale, 'bytes')}
          />
          <button type="button" className="btn btn-small" onClick={() => abort.current?.abort()}>
            Cancel upload
          </button>
        </div>
      ) : null}
      <div role="status" className="live-slot">
        {file && !uploading ? (
          <p className="notice notice-success">
            {electron ? 'Chosen' : 'Uploaded'}: {file.name} ({formatBytes(file.size, locale)})
          </p>
        ) : null}
      </div>
      {error ? <ErrorNotice title={electron ? 'The file could not be opened' : 'The file was not uploaded'} error={error} /> : null}

      <div className="wizard-actions">
        <span />
        <button
          type="button"
          className="btn btn-primary"
          disabled={uploading !== null}
          onClick={() => {
            setAttempted(true);
            if (accountId && file) onNext();
          }}
        >
          Next: map columns
        </button>
      </div>
    </div>
  );
}
