// Runs in the renderer. The client's account controls: wallet, limits and alerts, licenses, pauses, plan
// changes, billing terms and invoices, as ARIA tabs (arrow keys, Home and End move between tabs; the focused tab is shown at once).
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import '../../../styles/pricing.css';
import '../../../styles/account-controls.css';
import type { AccountClient } from './account-client';
import { LicensesTab } from './licenses-tab';
import { LimitsTab } from './limits-tab';
import { PauseTab } from './pauses-tab';
import { PlanChangesTab } from './plan-changes-tab';
import { WalletTab } from './wallet-tab';
import { ClientBillingTab } from '../../invoices/client-billing-tab';
import { ClientInvoicesTab } from '../../invoices/client-invoices-tab';

const TABS = [
  { key: 'wallet', label: 'Wallet' },
  { key: 'limits', label: 'Limits & alerts' },
  { key: 'licenses', label: 'Licenses' },
  { key: 'pauses', label: 'Pauses' },
  { key: 'plan', label: 'Plan changes' },
  { key: 'billing', label: 'Billing' },
  { key: 'invoices', label: 'Invoices' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

export function AccountControls({ client }: { client: AccountClient }) {
  const base = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const [active, setActive] = useState<TabKey>('wallet');
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const tabId = (k: TabKey) => `ac${base}-tab-${k}`;
  const panelId = (k: TabKey) => `ac${base}-panel-${k}`;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.findIndex((t) => t.key === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setActive(TABS[next]!.key);
    refs.current[next]?.focus();
  };

  return (
    <section className="card account-controls" aria-labelledby={`ac${base}-title`}>
      <div className="card-header">
        <h2 id={`ac${base}-title`} className="card-title">
          Account controls
        </h2>
      </div>
      <div className="ac-tablist" role="tablist" aria-label="Account controls" onKeyDown={onKeyDown}>
        {TABS.map((t, i) => (
          <button
            key={t.key}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={tabId(t.key)}
            className="ac-tab"
            aria-selected={active === t.key}
            aria-controls={panelId(t.key)}
            tabIndex={active === t.key ? 0 : -1}
            onClick={() => setActive(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="ac-panel card-body" role="tabpanel" id={panelId(active)} aria-labelledby={tabId(active)} tabIndex={0}>
        {active === 'wallet' ? <WalletTab client={client} /> : null}
        {active === 'limits' ? <LimitsTab client={client} /> : null}
        {active === 'licenses' ? <LicensesTab client={client} /> : null}
        {active === 'pauses' ? <PauseTab client={client} /> : null}
        {active === 'plan' ? <PlanChangesTab client={client} /> : null}
        {active === 'billing' ? <ClientBillingTab client={client} /> : null}
        {active === 'invoices' ? <ClientInvoicesTab client={client} /> : null}
      </div>
    </section>
  );
}
