// Runs in the renderer. The close-period wizard (#/invoices/close?period=2026-09): (1) pick the period and see
// what closing does, (2) create drafts as a job with live progress, Cancel and Resume, (3) review and issue
// every draft, (4) export the period for the accountant.
import { useEffect, useRef, useState } from 'react';
import type { ClosePreview, CloseRun } from '../../../../shared/domain/invoice';
import { useMutation } from '../../api';
import { useAgency } from '../../app/agency-context';
import { PageHeader } from '../../components/page-header';
import { Link } from '../../router/link';
import { NO_INVOICE_FILTERS } from '../../router/invoice-routes';
import { replaceRoute } from '../../router/use-route';
import '../../styles/ingest.css';
import '../../styles/pricing.css';
import { periodLabelText } from '../statements/statement-format';
import { CLOSE_STEPS, defaultClosePeriod, type CloseStep } from './close-model';
import { CloseExportStep } from './close-export-step';
import { CloseIssueStep } from './close-issue-step';
import { ClosePeriodStep } from './close-period-step';
import { CloseRunStep } from './close-run-step';
import { Stepper } from '../../components/stepper';
import { useCloseWatch } from './use-close-watch';
import './invoices.css';

export function CloseScreen({ period: requested }: { period: string | null }) {
  const { locale, timeZone, agency } = useAgency();
  const [fallback] = useState(() => defaultClosePeriod(new Date(), agency?.timeZone ?? timeZone));
  const period = requested ?? fallback;
  const [step, setStep] = useState<CloseStep>(1);
  const [run, setRun] = useState<CloseRun | null>(null);
  const start = useMutation('invoices.closeStart');
  const cancel = useMutation('invoices.closeCancel');
  const watch = useCloseWatch(run);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Focus the step's heading when the step changes, so keyboard and screen-reader users follow along.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const onPeriod = (p: string) => {
    setRun(null);
    start.reset();
    replaceRoute({ name: 'invoice-close', period: p });
  };
  const onStart = async () => {
    cancel.reset();
    const res = await start.run({ period });
    if (res.ok) {
      setRun(res.data);
      setStep(2);
    }
  };
  const onShowRun = (p: ClosePreview) => {
    if (p.lastRun) {
      setRun(p.lastRun);
      setStep(2);
    }
  };
  const onCancel = async () => {
    if (!run) return;
    const res = await cancel.run({ runId: run.id });
    if (res.ok) setRun(res.data);
  };

  const current = watch.run;
  return (
    <div className="inv-screen">
      <PageHeader
        before={
          <Link to={{ name: 'invoices', filters: NO_INVOICE_FILTERS }} className="back-link">
            <span aria-hidden="true">← </span>Invoices
          </Link>
        }
        title="Close a period"
        description="Turn a month of usage into invoices: drafts for every billable client, reviewed, issued, then exported for your accountant."
      />
      <Stepper label="Close steps" steps={CLOSE_STEPS} current={step} />

      <section className="card wizard" aria-labelledby="close-step-title">
        <div className="card-header">
          <h2 id="close-step-title" className="card-title" ref={headingRef} tabIndex={-1}>
            Step {step} of {CLOSE_STEPS.length}: {CLOSE_STEPS[step - 1]}
          </h2>
          <span className="card-meta">{periodLabelText(period, locale)}</span>
        </div>
        <div className="card-body">
          {step === 1 ? (
            <ClosePeriodStep
              period={period}
              locale={locale}
              onPeriod={onPeriod}
              starting={start.running}
              startError={start.error}
              onStart={() => void onStart()}
              onShowRun={onShowRun}
              onReview={() => setStep(3)}
            />
          ) : step === 2 && current ? (
            <CloseRunStep
              run={current}
              step={watch.step}
              crash={watch.crash}
              locale={locale}
              cancelling={cancel.running}
              cancelError={cancel.error}
              onCancel={() => void onCancel()}
              resuming={start.running}
              resumeError={start.error}
              onResume={() => void onStart()}
              onBack={() => setStep(1)}
              onNext={() => setStep(3)}
            />
          ) : step === 3 || (step === 2 && !current) ? (
            <CloseIssueStep period={period} locale={locale} onBack={() => setStep(run ? 2 : 1)} onNext={() => setStep(4)} />
          ) : (
            <CloseExportStep period={period} locale={locale} onBack={() => setStep(3)} />
          )}
        </div>
      </section>
    </div>
  );
}
