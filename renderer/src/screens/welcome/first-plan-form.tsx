// Runs in the renderer. The walkthrough's plan step: a name, a monthly or annual base fee and a currency, saved
// with plans.create and (when the walkthrough created a client) assigned to that client from today. Usage charges
// are added later in the full plan editor.
import { useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import { useMutation } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../forms/field';
import { currencyOptions } from '../../forms/options';
import { useFieldIds } from '../../forms/use-field-ids';
import { emptyPlanForm, formToDefinition, INTERVAL_LABELS, type Interval } from '../plans/plan-form-model';
import { serverProblems } from '../plans/plan-errors';
import { dateIn } from '../statements/statement-format';
import type { SetupClient } from './setup-model';

export function FirstPlanForm({ client, onCreated, actions }: { client: SetupClient | null; onCreated: (planId: number, assigned: boolean) => void; actions: React.ReactNode }) {
  const { currency, timeZone } = useAgency();
  const idFor = useFieldIds();
  const create = useMutation('plans.create');
  const assign = useMutation('subscriptions.assign');
  const [name, setName] = useState('Standard');
  const [baseFee, setBaseFee] = useState('0');
  const [interval, setInterval] = useState<Interval>('month');
  const [planCurrency, setPlanCurrency] = useState(client?.currency ?? currency);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<CommandError | null>(null);
  const running = create.running || assign.running;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (running) return;
    if (name.trim() === '') {
      setErrors({ name: 'Enter a name for the plan.' });
      return;
    }
    setErrors({});
    setGeneral(null);
    const definition = formToDefinition({ ...emptyPlanForm(planCurrency), name: name.trim(), baseFee: baseFee.trim(), interval });
    const res = await create.run({ definition });
    if (!res.ok) {
      const { problems, general: message } = serverProblems(res.error);
      const byField: Record<string, string> = {};
      for (const p of problems) {
        const key = p.path.replace(/^definition\./, '');
        if (key === 'name' || key === 'baseFee' || key === 'currency' || key === 'interval') byField[key] = p.message;
      }
      setErrors(byField);
      setGeneral(Object.keys(byField).length === problems.length && message === null ? null : res.error);
      return;
    }
    let assigned = false;
    if (client && client.currency === planCurrency) {
      const a = await assign.run({ clientId: client.id, planId: res.data.id, startDate: dateIn(new Date(), timeZone) });
      if (!a.ok) {
        setGeneral({ ...a.error, message: `The plan was saved, but not assigned to ${client.name}: ${a.error.message} Assign it from the client's page.` });
        onCreated(res.data.id, false);
        return;
      }
      assigned = true;
    }
    onCreated(res.data.id, assigned);
  };

  return (
    <form onSubmit={onSubmit} noValidate className="setup-form">
      {general ? <ErrorNotice title="The plan was not saved" error={general} /> : null}
      <div className="form-grid">
        <TextField id={idFor('name')} label="Plan name" value={name} onChange={setName} error={errors.name} required className="span-2" />
        <TextField id={idFor('baseFee')} label="Base fee" value={baseFee} onChange={setBaseFee} error={errors.baseFee} hint="Charged every period, before usage" />
        <SelectField
          id={idFor('interval')}
          label="Billed"
          value={interval}
          onChange={(v) => setInterval(v as Interval)}
          options={(['month', 'year'] as const).map((v) => ({ value: v, label: INTERVAL_LABELS[v] }))}
          error={errors.interval}
        />
        <SelectField
          id={idFor('currency')}
          label="Currency"
          value={planCurrency}
          onChange={setPlanCurrency}
          options={currencyOptions()}
          error={errors.currency}
          hint={client && client.currency !== planCurrency ? `${client.name} is billed in ${client.currency}: the plan will not be assigned.` : undefined}
        />
      </div>
      <div className="setup-actions">
        <button type="submit" className="btn btn-primary" disabled={running} aria-busy={running || undefined}>
          {client && client.currency === planCurrency ? `Save plan and assign to ${client.name}` : 'Save plan'}
        </button>
        {actions}
      </div>
    </form>
  );
}
