// Runs in the renderer. The import wizard: (1) account and file, (2) mapping, (3) dry run, (4) import.
// `#/import?account=<id>` preselects the account.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { ImportMappingInput } from '../../../../shared/domain/import-mapping';
import type { ProviderAccount } from '../../../../shared/domain/provider';
import { call, useQuery } from '../../api';
import { CheckboxField } from '../../components/input-field';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { EmptyState } from '../../components/empty-state';
import { useFieldIds } from '../../forms/use-field-ids';
import { formatBytes } from '../providers/job-model';
import { useJobWatch, type JobRef } from '../providers/use-job-watch';
import { Link } from '../../router/link';
import { useAgency } from '../../app/agency-context';
import '../../styles/ingest.css';
import { FileStep, type ChosenFile } from './file-step';
import { Stepper } from '../../components/stepper';
import { JobRunView } from './job-run-view';
import type { MappingFormValues } from './mapping-form-model';
import { MappingStep } from './mapping-step';

type Step = 1 | 2 | 3 | 4;
const EMPTY: ProviderAccount[] = [];

/** The wizard's visible steps. */
const IMPORT_STEPS = ['Choose file', 'Map columns', 'Dry run', 'Import'] as const;

export function ImportScreen({ initialAccountId }: { initialAccountId: number | null }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const providers = useQuery('providers.list', {}, { tables: ['provider_accounts'] });
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const [step, setStep] = useState<Step>(1);
  const [accountId, setAccountId] = useState(initialAccountId === null ? '' : String(initialAccountId));
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [form, setForm] = useState<MappingFormValues | null>(null);
  const [savedId, setSavedId] = useState('');
  const [mapping, setMapping] = useState<ImportMappingInput | null>(null);
  const [keepUnknown, setKeepUnknown] = useState(false);
  const [dryRun, setDryRun] = useState<JobRef | null>(null);
  const [importJob, setImportJob] = useState<JobRef | null>(null);
  const [startError, setStartError] = useState<{ error: CommandError; dryRun: boolean } | null>(null);
  const [starting, setStarting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const dry = useJobWatch(dryRun);
  const imp = useJobWatch(importJob);

  const accounts = useMemo(() => (providers.data ?? EMPTY).filter((p) => !p.archived), [providers.data]);
  const account = accounts.find((a) => String(a.id) === accountId) ?? null;

  // Focus the step's heading when the step changes, so keyboard and screen-reader users follow along.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const onAccount = (id: string) => {
    setAccountId(id);
    setSavedId('');
    setDryRun(null);
  };
  const onFile = (f: ChosenFile | null) => {
    setFile(f);
    setForm(null);
    setSavedId('');
    setMapping(null);
    setDryRun(null);
  };
  const onForm = useCallback((f: MappingFormValues) => {
    setForm(f);
    setDryRun(null);
  }, []);

  const start = async (isDryRun: boolean) => {
    if (!file || !account || !mapping) return;
    setStartError(null);
    setStarting(true);
    const res = await call('import.start', {
      file: file.ref,
      providerAccountId: account.id,
      mapping,
      dryRun: isDryRun,
      unknownClient: keepUnknown ? 'unassigned' : 'reject',
    });
    setStarting(false);
    if (!res.ok) {
      setStartError({ error: res.error, dryRun: isDryRun });
      return;
    }
    if (isDryRun) setDryRun(res.data);
    else {
      setImportJob(res.data);
      setStep(4);
    }
  };

  const cancel = (ref: JobRef | null) => {
    if (ref) void call('import.cancel', { jobId: ref.jobId });
  };

  const restart = () => {
    onFile(null);
    setImportJob(null);
    setStartError(null);
    setStep(1);
  };

  if (providers.error) return <ErrorNotice title="Provider accounts could not be loaded" error={providers.error} onRetry={() => void providers.reload()} />;

  const dryRunning = dryRun !== null && !dry.settled;
  const importRunning = importJob !== null && !imp.settled;
  const dryOk = dry.settled && dry.job?.status === 'succeeded';

  return (
    <div className="ingest-screen">
      <PageHeader title="Import usage" description="Bring in usage from a CSV or JSON-lines export, for platforms without an API or to backfill history." />
      <Stepper label="Import steps" steps={IMPORT_STEPS} current={step} />

      <section className="card wizard" aria-labelledby="wizard-step-title">
        <div className="card-header">
          <h2 id="wizard-step-title" className="card-title" ref={headingRef} tabIndex={-1}>
            Step {step} of {IMPORT_STEPS.length}: {IMPORT_STEPS[step - 1]}
          </h2>
          {file && step > 1 && account ? (
            <span className="card-meta">
              {account.name} · {file.name} · {formatBytes(file.size, locale)}
            </span>
          ) : null}
        </div>
        <div className="card-body">
          {providers.data === null ? (
            <Loading label="Loading provider accounts…" />
          ) : accounts.length === 0 ? (
            <EmptyState title="Add a provider account first" level={3} action={<Link to={{ name: 'providers' }}>Go to Providers</Link>}>
              <p>Imported usage belongs to a provider account: the platform you pay for it.</p>
            </EmptyState>
          ) : step === 1 ? (
            <FileStep accounts={accounts} accountId={accountId} onAccount={onAccount} file={file} onFile={onFile} onNext={() => setStep(2)} />
          ) : step === 2 && file && account ? (
            <MappingStep
              file={file}
              account={account}
              metrics={metrics.data ?? []}
              form={form}
              onForm={onForm}
              savedId={savedId}
              onSavedId={setSavedId}
              onBack={() => setStep(1)}
              onNext={(m) => {
                setMapping(m);
                setStep(3);
              }}
            />
          ) : step === 3 && file && account && mapping ? (
            <div className="wizard-body">
              <p>
                A dry run reads the whole file with this mapping and counts what would be new, duplicate or rejected, without writing anything.
              </p>
              <CheckboxField
                id={idFor('unknownClient')}
                label="Keep usage of unknown clients as unassigned"
                checked={keepUnknown}
                onChange={(v) => {
                  setKeepUnknown(v);
                  setDryRun(null);
                }}
                hint="Off: rows whose client key maps to no client are rejected. On: they are kept and wait in Unassigned usage."
                disabled={dryRunning}
              />
              <div className="wizard-inline-actions">
                <button type="button" className="btn" onClick={() => void start(true)} disabled={starting || dryRunning} aria-busy={(starting && !dryRun) || undefined}>
                  Dry run
                </button>
                {dryRunning ? (
                  <button type="button" className="btn btn-ghost" onClick={() => cancel(dryRun)}>
                    Cancel dry run
                  </button>
                ) : null}
              </div>
              {startError ? <ErrorNotice title={startError.dryRun ? 'The dry run did not start' : 'The import did not start'} error={startError.error} /> : null}
              {dryRun ? <JobRunView watch={dry} dryRun fileName={file.name} fileSize={file.size} /> : null}
              {dry.error ? <ErrorNotice title="The dry run result could not be loaded" error={dry.error} /> : null}
              <div className="wizard-actions">
                <button type="button" className="btn" onClick={() => setStep(2)} disabled={dryRunning}>
                  Back
                </button>
                <button type="button" className="btn btn-primary" onClick={() => void start(false)} disabled={starting || dryRunning || !dryOk} aria-busy={(starting && dry.settled) || undefined}>
                  Import
                </button>
              </div>
              {!dryOk && !dryRunning ? <p className="muted wizard-note">Import is enabled once a dry run has finished without errors.</p> : null}
            </div>
          ) : step === 4 && file && account && importJob ? (
            <div className="wizard-body">
              <JobRunView watch={imp} dryRun={false} fileName={file.name} fileSize={file.size} />
              {imp.error ? <ErrorNotice title="The import result could not be loaded" error={imp.error} /> : null}
              {importRunning ? (
                <div className="wizard-actions">
                  <span />
                  <button type="button" className="btn" onClick={() => cancel(importJob)}>
                    Cancel import
                  </button>
                </div>
              ) : (
                <div className="wizard-actions">
                  <div className="link-row">
                    <Link to={{ name: 'provider', id: account.id }}>Open {account.name}</Link>
                    <Link to={{ name: 'unassigned' }}>Unassigned usage</Link>
                  </div>
                  <button type="button" className="btn btn-primary" onClick={restart}>
                    Import another file
                  </button>
                </div>
              )}
            </div>
          ) : (
            <Loading />
          )}
        </div>
      </section>
    </div>
  );
}
