// Runs in the renderer. Settings card: backups of the ledger (list, back up now, restore with a confirm that says
// what happens, automatic on/off, the folder) and moving to another computer (workspace export / import).
// Restore names a backup by id only; a workspace file comes in as an upload (browser mode never names paths).
import { useMemo, useRef, useState } from 'react';
import type { Backup } from '../../../../shared/domain/backup';
import type { CommandError } from '../../../../shared/contract/result';
import { transportKind, useMutation, useQuery } from '../../api';
import { uploadFile, UPLOAD_CANCELLED } from '../../api/upload';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { columnsFor, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { CheckboxField, InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../format/dates';
import { useFieldIds } from '../../forms/use-field-ids';
import { formatBytes } from '../providers/job-model';
import '../../styles/settings.css';

const TABLES = ['backups'] as const;
const KIND_LABEL: Record<Backup['kind'], string> = { daily: 'Daily', weekly: 'Weekly', manual: 'Manual', 'pre-restore': 'Before a restore' };

const col = columnsFor<Backup>();

export function BackupsCard() {
  const { locale, timeZone } = useAgency();
  const idFor = useFieldIds();
  const list = useQuery('backups.list', {}, { tables: TABLES });
  const create = useMutation('backups.create');
  const restore = useMutation('backups.restore');
  const settings = useMutation('backups.settings.update');
  const exporter = useMutation('workspace.export');
  const importer = useMutation('workspace.import');
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Backup | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [exportError, setExportError] = useState<CommandError | null>(null);
  const [upload, setUpload] = useState<{ uploadId: string; name: string } | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [replace, setReplace] = useState(false);
  const [importError, setImportError] = useState<CommandError | null>(null);
  const [confirmImport, setConfirmImport] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);

  const columns = useMemo(() => {
    const when = (iso: string) => formatDateTime(iso, locale, timeZone);
    return col.columns([
        col.accessor('createdAt', { header: 'Taken', cell: (info) => when(info.getValue()) }),
        col.accessor('kind', { header: 'Kind', cell: (info) => <Badge tone={info.getValue() === 'manual' ? 'info' : 'neutral'}>{KIND_LABEL[info.getValue()]}</Badge> }),
        col.accessor('sizeBytes', { header: 'Size', meta: { align: 'end' }, cell: (info) => formatBytes(info.getValue(), locale) }),
        col.accessor('checked', { header: 'Check', cell: (info) => (info.getValue() ? <Badge tone="success">Checked</Badge> : <Badge tone="danger">Not checked</Badge>) }),
        col.display({
          id: 'actions',
          header: () => <span className="visually-hidden">Actions</span>,
          meta: { align: 'end' },
          cell: (info) => (
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Restore the backup of ${when(info.row.original.createdAt)}`} onClick={() => setConfirming(info.row.original)}>
              Restore…
            </button>
          ),
        }),
    ]);
  }, [locale, timeZone]);

  const backUpNow = async () => {
    setNotice(null);
    const r = await create.run({});
    if (r.ok) setNotice(`Backed up: ${r.data.id} (${formatBytes(r.data.sizeBytes, locale)}), checked.`);
  };

  const doRestore = async () => {
    if (!confirming) return;
    const r = await restore.run({ source: { backupId: confirming.id }, confirm: true });
    if (r.ok) {
      setConfirming(null);
      setNotice(
        `Restored the backup of ${when(confirming.createdAt)}${r.data.migrated.length > 0 ? ` (updated to schema ${r.data.schemaVersion})` : ''}. The data from before the restore is kept as ${r.data.safetyBackup}.`,
      );
    }
  };

  const doExport = async () => {
    setNotice(null);
    setExportError(null);
    const r = await exporter.run(passphrase === '' ? {} : { passphrase });
    if (!r.ok) return setExportError(r.error);
    setPassphrase('');
    const keys = r.data.secrets === 'sealed' ? ' Provider keys and the Stripe key are sealed under your passphrase.' : '';
    const reenter = r.data.reenter.length > 0 ? ` Not in the file (enter these keys again after import): ${r.data.reenter.join(', ')}.` : '';
    setNotice(`Workspace written to ${r.data.file} (${formatBytes(r.data.sizeBytes, locale)}).${keys}${reenter}`);
  };

  const chooseWorkspace = async (f: File | undefined) => {
    setImportError(null);
    setUpload(null);
    if (!f) return;
    const res = await uploadFile(f);
    if (res.ok) setUpload({ uploadId: res.data.uploadId, name: res.data.name });
    else if (res.error.message !== UPLOAD_CANCELLED) setImportError(res.error);
  };

  const doImport = async () => {
    if (!upload) return;
    const r = await importer.run({ file: { uploadId: upload.uploadId }, replace, ...(importPassphrase !== '' ? { passphrase: importPassphrase } : {}) });
    setConfirmImport(false);
    if (!r.ok) return setImportError(r.error);
    setUpload(null);
    setImportPassphrase('');
    if (fileInput.current) fileInput.current.value = '';
    const reenter = r.data.reenter.length > 0 ? ` Enter these keys again: ${r.data.reenter.join(', ')}.` : '';
    setNotice(`Imported the workspace exported ${when(r.data.createdAt)} by Meterbook ${r.data.appVersion}.${reenter}`);
  };

  const data = list.data;
  return (
    <section className="card" aria-labelledby="backups-title">
      <div className="card-header">
        <h2 id="backups-title" className="card-title">
          Backups
        </h2>
        {data ? <span className="card-meta">{data.backups.length === 1 ? '1 backup' : `${data.backups.length} backups`}</span> : null}
      </div>
      <div className="card-body fx-body">
        <p className="muted">
          A backup is a checked copy of everything in Meterbook. Automatic backups run once a day while Meterbook is open; the last 7 daily and 4 weekly ones are kept, the
          three latest taken before a restore, and manual ones until you delete them.
          {data ? (
            <>
              {' '}
              Folder: <code className="mono">{data.folder}</code>
            </>
          ) : null}
        </p>
        <div role="status" className="fx-status">
          {notice ? <p className="notice notice-success">{notice}</p> : null}
        </div>
        {create.error ? <ErrorNotice title="The backup was not taken" error={create.error} /> : null}
        {settings.error ? <ErrorNotice title="The setting was not saved" error={settings.error} /> : null}
        {list.error && !data ? (
          <ErrorNotice title="Backups could not be listed" error={list.error} onRetry={() => void list.reload()} />
        ) : data === null ? (
          <Loading label="Loading backups…" />
        ) : (
          <>
            <CheckboxField
              id={idFor('auto')}
              label="Back up automatically every day"
              checked={data.settings.auto}
              disabled={settings.running}
              hint={data.settings.auto && data.nextAutomaticAt ? `Next automatic backup: ${when(data.nextAutomaticAt)} or later, while Meterbook is open.` : 'Only manual backups are taken.'}
              onChange={(auto) => void settings.run({ auto }).then(() => list.reload())}
            />
            <div className="form-actions">
              <button type="button" className="btn btn-primary" onClick={() => void backUpNow()} disabled={create.running} aria-busy={create.running || undefined}>
                {create.running ? 'Backing up…' : 'Back up now'}
              </button>
            </div>
            {data.backups.length === 0 ? <p className="fx-empty muted">No backups yet.</p> : <DataTable label="Backups" columns={columns} data={data.backups} getRowId={(b) => b.id} />}
          </>
        )}

        <fieldset className="form-section">
        <legend>Move to another computer</legend>
        <p className="muted">
          One file with all your data and invoice logos. Provider keys and the Stripe key are sealed to this computer, so they travel only under a passphrase you choose;
          without one they are left out and you enter them again on the new computer.
        </p>
        <div className="fx-grid">
          <InputField
            id={idFor('passphrase')}
            label="Passphrase (optional)"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={setPassphrase}
            hint="At least 10 characters. You need it to import the file."
            error={exportError?.field === 'passphrase' ? exportError.message : undefined}
          />
        </div>
        {exportError && exportError.field !== 'passphrase' ? <ErrorNotice title="The workspace was not exported" error={exportError} /> : null}
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => void doExport()} disabled={exporter.running} aria-busy={exporter.running || undefined}>
            {exporter.running ? 'Exporting…' : 'Export workspace'}
          </button>
        </div>
        {transportKind() === 'browser' ? (
          <div className="fx-body">
            <div className="field">
              <label htmlFor={idFor('workspace-file')}>Import a workspace file</label>
              <input ref={fileInput} id={idFor('workspace-file')} type="file" accept=".zip" onChange={(e) => void chooseWorkspace(e.target.files?.[0])} />
            </div>
            {upload ? (
              <>
                <InputField
                  id={idFor('import-passphrase')}
                  label="Passphrase of the file"
                  type="password"
                  autoComplete="off"
                  value={importPassphrase}
                  onChange={setImportPassphrase}
                  error={importError?.field === 'passphrase' ? importError.message : undefined}
                />
                <CheckboxField id={idFor('replace')} label="Replace the data in this Meterbook" checked={replace} onChange={setReplace} hint="Needed when this Meterbook already has clients, usage or invoices; a safety backup is taken first." />
                <div className="form-actions">
                  <button type="button" className="btn" onClick={() => setConfirmImport(true)}>
                    Import {upload.name}…
                  </button>
                </div>
              </>
            ) : null}
            {importError && importError.field !== 'passphrase' ? <ErrorNotice title="The workspace was not imported" error={importError} /> : null}
          </div>
        ) : (
          <p className="muted">To import a workspace file here, run <code className="mono">meterbook workspace import FILE</code>.</p>
        )}
        </fieldset>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore this backup"
          busyLabel="Restoring…"
          danger
          busy={restore.running}
          error={restore.error}
          onConfirm={() => void doRestore()}
          onCancel={() => {
            restore.reset();
            setConfirming(null);
          }}
        >
          <p>
            Everything in Meterbook — clients, usage, plans, invoices and settings — goes back to how it was on <strong>{when(confirming.createdAt)}</strong>.
          </p>
          <p>Changes made since then are not lost for good: Meterbook first saves the current data as a backup (“Before a restore”) that you can restore again.</p>
          <p className="muted">A running sync or period close must finish or be cancelled first.</p>
        </ConfirmDialog>
      ) : null}
      {confirmImport && upload ? (
        <ConfirmDialog
          title="Import this workspace?"
          confirmLabel="Import workspace"
          busyLabel="Importing…"
          danger
          busy={importer.running}
          error={null}
          onConfirm={() => void doImport()}
          onCancel={() => setConfirmImport(false)}
        >
          <p>
            The data in {upload.name} replaces everything in this Meterbook{replace ? '; the current data is saved as a backup first' : ''}.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
