// Runs in the renderer. Settings › Stripe while not connected: the key (a password field; Meterbook never shows
// it again), which key to create, how Stripe collects, and Connect. Stripe's refusal shows under the key.
import { useState, type FormEvent } from 'react';
import type { StripeMode } from '../../../../shared/domain/stripe';
import { useMutation } from '../../api';
import { InputField } from '../../components/input-field';
import { commandFieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { checkStripeKey, RESTRICTED_KEY_PERMISSIONS } from './stripe-model';
import { StripeModeField } from './stripe-mode-field';

export function StripeConnectForm({ onConnected }: { onConnected: (accountName: string | null) => void }) {
  const idFor = useFieldIds();
  const [apiKey, setApiKey] = useState('');
  const [mode, setMode] = useState<StripeMode>('email');
  const [keyError, setKeyError] = useState<string | undefined>(undefined);
  const connect = useMutation('stripe.connect');
  const typed = checkStripeKey(apiKey);
  const fieldError = keyError ?? commandFieldErrors(connect.error).apiKey;
  const general = connect.error && !commandFieldErrors(connect.error).apiKey ? connect.error : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (connect.running) return;
    connect.reset();
    if (!typed.ok) return setKeyError(typed.message);
    setKeyError(undefined);
    const res = await connect.run({ apiKey: typed.key, mode });
    if (res.ok) {
      setApiKey('');
      onConnected(res.data.accountName);
    }
  };

  return (
    <form className="form stripe-connect" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Connect Stripe">
      <p className="stripe-intro">
        Meterbook creates a Stripe customer for each client you link and sends it their issued invoices; it marks an invoice paid when Stripe collects it. Offline,
        changes wait in a queue and go out when you are back online.
      </p>
      <div className="stripe-key-grid">
        <InputField
          id={idFor('apiKey')}
          label="Stripe API key"
          type="password"
          value={apiKey}
          onChange={(v) => {
            setApiKey(v);
            setKeyError(undefined);
            connect.reset();
          }}
          placeholder="rk_live_… or sk_live_…"
          autoComplete="off"
          inputClassName="mono"
          error={fieldError}
          required
          hint="Stored encrypted on this computer and never shown again; Meterbook only shows its last four characters."
        />
        <div className="stripe-key-help" aria-label="Which key to use">
          <p className="stripe-help-title">Which key?</p>
          <p>
            <strong>Restricted key (rk_…)</strong>, recommended: in the Stripe Dashboard, Developers → API keys → Create restricted key, with <strong>Write</strong> access
            to:
          </p>
          <ul className="stripe-permissions">
            {RESTRICTED_KEY_PERMISSIONS.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>
            <strong>Secret key (sk_…)</strong> also works, but it can do anything in your Stripe account. Keys with <span className="mono">_test_</span> use Stripe’s
            test mode: nothing is charged or emailed for real.
          </p>
        </div>
      </div>
      {typed.ok && typed.live ? (
        <p className="notice stripe-notice-warning" role="note">
          This is a live key: invoices go to your real clients, and in “Charge the card on file” mode their cards are charged.
        </p>
      ) : null}
      <StripeModeField value={mode} onChange={setMode} hint="You can change this later; it applies to invoices sent from then on." />
      <GeneralError error={general} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={connect.running} aria-busy={connect.running || undefined}>
          {connect.running ? 'Checking the key with Stripe…' : 'Connect Stripe'}
        </button>
      </div>
    </form>
  );
}
