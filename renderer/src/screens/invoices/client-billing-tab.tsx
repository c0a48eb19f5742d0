// Runs in the renderer. Client detail › Billing: named tax rates (up to 5), payment terms (blank = the
// agency's default), reverse charge, paying invoices from the prepaid balance; and the client's Stripe customer.
import { useState, type FormEvent } from 'react';
import type { ClientBilling } from '../../../../shared/domain/invoice';
import type { CommandError } from '../../../../shared/contract/result';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { CheckboxField } from '../../components/input-field';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { commandFieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import type { AccountClient } from '../clients/account-controls/account-client';
import { GeneralError, SubHeading, Success } from '../clients/account-controls/shared-ui';
import { FieldErrors, PlanInput } from '../plans/plan-fields';
import { ClientStripeSection } from '../stripe/client-stripe-section';
import { billingForm, billingInput, mapBillingErrors, MAX_TAX_RATES, newRateRow, type BillingErrors, type BillingForm } from './billing-model';
import './invoices.css';

export function ClientBillingTab({ client }: { client: AccountClient }) {
  const q = useQuery('clientBilling.get', { clientId: client.id }, { tables: ['client_billing', 'clients'] });
  const settings = useQuery('invoiceSettings.get', {}, { tables: ['settings'] });
  // kept here: a save refetches the terms, which restarts the form
  const [saved, setSaved] = useState(false);
  if (!q.data) {
    return q.error ? <ErrorNotice title="The billing terms could not be loaded" error={q.error} onRetry={() => void q.reload()} /> : <Loading label="Loading billing terms…" />;
  }
  return (
    <div className="ac-stack">
      <BillingFormView key={JSON.stringify(q.data)} client={client} billing={q.data} agencyTerms={settings.data?.paymentTermsDays ?? null} saved={saved} onSaved={setSaved} />
      <ClientStripeSection client={client} />
    </div>
  );
}

interface BillingFormViewProps {
  client: AccountClient;
  billing: ClientBilling;
  agencyTerms: number | null;
  saved: boolean;
  onSaved: (saved: boolean) => void;
}

function BillingFormView({ client, billing, agencyTerms, saved, onSaved }: BillingFormViewProps) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const [form, setForm] = useState<BillingForm>(() => billingForm(billing));
  const [errors, setErrors] = useState<BillingErrors>({});
  const [general, setGeneral] = useState<CommandError | null>(null);
  const save = useMutation('clientBilling.set');
  const update = (next: Partial<BillingForm>) => {
    onSaved(false);
    setForm((f) => ({ ...f, ...next }));
  };
  const setRate = (key: number, field: 'name' | 'rate', value: string) =>
    update({ taxRates: form.taxRates.map((r) => (r.key === key ? { ...r, [field]: value } : r)) });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    onSaved(false);
    setGeneral(null);
    const built = billingInput(client.id, form, locale);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    const res = await save.run(built.input);
    if (res.ok) {
      setErrors({});
      onSaved(true);
    } else {
      const mapped = mapBillingErrors(commandFieldErrors(res.error), form);
      setErrors(mapped);
      setGeneral(Object.keys(mapped).length > 0 ? null : res.error);
    }
  };

  const err = (path: string) => (errors[path] ? [errors[path]!] : undefined);
  return (
    <form className="ac-stack ac-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={`Billing terms of ${client.name}`}>
      <Success text={saved ? 'Billing terms saved. They apply to drafts made or regenerated from now on.' : null} />
      <GeneralError error={general} />

      <div className="ac-section ac-first">
        <SubHeading
          actions={
            <button type="button" className="btn btn-small" onClick={() => update({ taxRates: [...form.taxRates, newRateRow()] })} disabled={form.taxRates.length >= MAX_TAX_RATES}>
              Add tax rate
            </button>
          }
        >
          Tax rates
        </SubHeading>
        {form.taxRates.length === 0 ? (
          <p className="muted">No tax is added to this client&rsquo;s invoices.</p>
        ) : (
          <ul className="inv-rate-rows" aria-label="Tax rates">
            {form.taxRates.map((r, i) => (
              <li key={r.key} className="inv-rate-row">
                <PlanInput id={idFor(`taxRates.${i}.name`)} label={`Tax ${i + 1} name`} value={r.name} onChange={(v) => setRate(r.key, 'name', v)} placeholder="VAT" errors={err(`taxRates.${i}.name`)} />
                <PlanInput
                  id={idFor(`taxRates.${i}.rate`)}
                  label={`Tax ${i + 1} rate`}
                  value={r.rate}
                  onChange={(v) => setRate(r.key, 'rate', v)}
                  inputMode="decimal"
                  suffix="%"
                  placeholder="20"
                  errors={err(`taxRates.${i}.rate`)}
                />
                <button
                  type="button"
                  className="btn btn-small btn-ghost inv-rate-remove"
                  aria-label={`Remove tax ${i + 1}${r.name ? ` (${r.name})` : ''}`}
                  onClick={() => update({ taxRates: form.taxRates.filter((x) => x.key !== r.key) })}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        {errors.taxRates ? <FieldErrors id={idFor('taxRates-error')} errors={[errors.taxRates]} /> : null}
        <p className="field-hint">Each rate is computed on the invoice net (after discounts). Up to {MAX_TAX_RATES}, e.g. VAT 20 % or State 6.25 % + City 2.625 %.</p>
      </div>

      <div className="ac-section">
        <SubHeading>Terms</SubHeading>
        <div className="ac-grid">
          <PlanInput
            id={idFor('paymentTermsDays')}
            label="Payment terms"
            value={form.paymentTerms}
            onChange={(v) => update({ paymentTerms: v })}
            inputMode="numeric"
            suffix="days"
            errors={err('paymentTermsDays')}
            hint={agencyTerms === null ? 'Blank: the agency default.' : `Blank: the agency default (${agencyTerms} days).`}
          />
        </div>
        <CheckboxField
          id={idFor('reverseCharge')}
          label="Reverse charge"
          checked={form.reverseCharge}
          onChange={(v) => update({ reverseCharge: v })}
          error={errors.reverseCharge}
          hint="The client accounts for the tax itself (e.g. an EU business abroad): no tax is charged and the reverse-charge mention is printed."
        />
        <CheckboxField
          id={idFor('applyWallet')}
          label="Pay invoices from prepaid balance"
          checked={form.applyWallet}
          onChange={(v) => update({ applyWallet: v })}
          error={errors.applyWallet}
          hint="At issue, the client's prepaid balance pays what it can of the invoice; the rest is due."
        />
      </div>
      <div className="ac-actions">
        <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
          {save.running ? 'Saving…' : 'Save billing terms'}
        </button>
      </div>
    </form>
  );
}
