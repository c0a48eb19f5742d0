// Runs in the renderer. Settings: the agency profile, invoices (numbering, terms, branding), Stripe, exchange rates.
import { useState } from 'react';
import { useAgency } from '../../app/agency-context';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { formatDateTime } from '../../format/dates';
import { AgencyForm } from './agency-form';
import { ExchangeRatesCard } from './exchange-rates-card';
import { BackupsCard } from './backups-card';
import { InvoiceSettingsCard } from '../invoices/invoice-settings-card';
import { StripeSettingsCard } from '../stripe/stripe-settings-card';

export function SettingsScreen() {
  const { agency, loading, error, reload, locale, timeZone } = useAgency();
  const [savedAt, setSavedAt] = useState<string | null>(null);

  return (
    <>
      <PageHeader title="Settings" description="Your agency's details appear on invoices; its currency, time zone and locale are the defaults for everything else." />
      <section className="card" aria-labelledby="agency-profile-title">
        <div className="card-header">
          <h2 id="agency-profile-title" className="card-title">
            Agency profile
          </h2>
          {agency ? <span className="card-meta">Last saved {formatDateTime(agency.updatedAt, locale, timeZone)}</span> : null}
        </div>
        <div className="card-body">
          {savedAt ? (
            <p className="notice notice-success" role="status">
              Agency profile saved.
            </p>
          ) : null}
          {error && !agency ? (
            <ErrorNotice title="The agency profile could not be loaded" error={error} onRetry={() => void reload()} />
          ) : loading && !agency ? (
            <Loading />
          ) : (
            <AgencyForm key={agency?.updatedAt ?? 'new'} agency={agency} submitLabel="Save agency profile" onSaved={(a) => setSavedAt(a.updatedAt)} />
          )}
        </div>
      </section>
      {agency ? <InvoiceSettingsCard /> : null}
      {agency ? <StripeSettingsCard /> : null}
      {agency ? <ExchangeRatesCard /> : null}
      {agency ? <BackupsCard /> : null}
    </>
  );
}
