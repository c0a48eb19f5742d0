// Runs in the renderer. "Assign plan" to a client: a plan in the client's currency (the others are listed,
// disabled, with the currency they bill in), a version (the latest by default) and the first day.
import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { Subscription } from '../../../../shared/domain/pricing';
import { useMutation, useQuery } from '../../api';
import { Dialog } from '../../components/dialog';
import { commandFieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { dateIn } from '../statements/statement-format';
import { PlanInput, PlanSelect } from './plan-fields';

export interface AssignPlanDialogProps {
  client: { id: number; name: string; currency: string };
  /** the client's time zone: "today" for the default start date */
  zone: string;
  onClose: () => void;
  onAssigned: (subscription: Subscription) => void;
}

const FIELDS = ['planId', 'version', 'startDate'] as const;

export function AssignPlanDialog({ client, zone, onClose, onAssigned }: AssignPlanDialogProps) {
  const idFor = useFieldIds();
  const plans = useQuery('plans.list', { show: 'current' }, { tables: ['plans', 'plan_versions'] });
  const [planId, setPlanId] = useState('');
  const [version, setVersion] = useState('');
  const [startDate, setStartDate] = useState(() => dateIn(new Date(), zone));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<CommandError | null>(null);
  const assign = useMutation('subscriptions.assign');
  const detail = useQuery('plans.get', { id: Number(planId) || 1 }, { tables: ['plans', 'plan_versions'], enabled: planId !== '' });

  const list = plans.data ?? [];
  const inCurrency = list.filter((p) => p.currency === client.currency);
  const planOptions = [
    { value: '', label: plans.data === null ? (plans.error ? 'Plans could not be loaded' : 'Loading plans…') : inCurrency.length === 0 ? `No plan bills in ${client.currency} yet` : 'Choose a plan…' },
    ...inCurrency.map((p) => ({ value: String(p.id), label: `${p.name} (v${p.latestVersion})` })),
    ...list.filter((p) => p.currency !== client.currency).map((p) => ({ value: String(p.id), label: `${p.name} — bills in ${p.currency}`, disabled: true })),
  ];
  const versions = detail.data && String(detail.data.id) === planId ? [...detail.data.versions].sort((a, b) => b.version - a.version) : [];
  const latest = versions[0];
  const versionOptions = [
    { value: '', label: latest ? `Latest (version ${latest.version})` : 'Latest' },
    ...versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}${v.inUse ? ' (in use)' : ''}` })),
  ];

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (assign.running) return;
    const local: Record<string, string> = {};
    if (planId === '') local.planId = plans.data !== null && inCurrency.length === 0 ? `No plan bills in ${client.currency}: create one on the Plans page first.` : 'Choose a plan.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) local.startDate = 'Start date must be a date like 2026-10-01.';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setGeneral(null);
      return;
    }
    const res = await assign.run({ clientId: client.id, planId: Number(planId), ...(version ? { version: Number(version) } : {}), startDate });
    if (res.ok) {
      onAssigned(res.data);
      return;
    }
    const fields = commandFieldErrors(res.error);
    const mine = Object.fromEntries(Object.entries(fields).filter(([k]) => (FIELDS as readonly string[]).includes(k)));
    setErrors(mine);
    setGeneral(Object.keys(mine).length > 0 && Object.values(mine).includes(res.error.message) ? null : res.error);
  };

  const err = (k: string) => (errors[k] ? [errors[k]!] : undefined);

  return (
    <Dialog title="Assign plan" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>
            {client.name} is billed in {client.currency}. The plan applies from the start date; an earlier plan ends that day.
          </p>
          {general ? (
            <p className="notice notice-error" role="alert">
              {general.message}
            </p>
          ) : null}
          <PlanSelect
            id={idFor('planId')}
            label="Plan"
            value={planId}
            onChange={(v) => {
              setPlanId(v);
              setVersion('');
              setErrors((s) => ({ ...s, planId: '' }));
            }}
            options={planOptions}
            errors={err('planId')}
            required
          />
          <PlanSelect id={idFor('version')} label="Version" value={version} onChange={setVersion} options={versionOptions} errors={err('version')} hint="New clients usually get the latest version." />
          <PlanInput
            id={idFor('startDate')}
            label="Start date"
            type="date"
            value={startDate}
            onChange={setStartDate}
            errors={err('startDate')}
            required
            hint={`The first day billed under this plan, in ${zone}.`}
          />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={assign.running} aria-busy={assign.running || undefined}>
            Assign plan
          </button>
        </div>
      </form>
    </Dialog>
  );
}
