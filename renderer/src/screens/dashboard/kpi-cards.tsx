// Runs in the renderer. Revenue, provider cost, margin and margin % in the agency's currency, each with its
// per-currency figures behind a disclosure, and a note naming currencies without an exchange rate.
import type { DashboardSummary } from '../../../../shared/domain/dashboard';
import { Link } from '../../router/link';
import { kpiCards, missingRatesNote } from './dashboard-model';

export function KpiCards({ summary, locale }: { summary: DashboardSummary; locale: string }) {
  const cards = kpiCards(summary.converted, summary.totals, locale);
  const note = missingRatesNote(summary.converted);
  return (
    <section aria-labelledby="kpi-title" className="kpi-section">
      <h2 id="kpi-title" className="visually-hidden">
        Revenue and margin, {summary.period.label}
      </h2>
      <ul className="kpi-grid">
        {cards.map((k) => (
          <li key={k.key} className="card kpi-card" data-kpi={k.key}>
            <p className="kpi-label">{k.label}</p>
            <p className={`kpi-value kpi-${k.tone}`} title={k.exact ?? undefined}>
              {k.value}
            </p>
            {k.byCurrency.length > 0 ? (
              <details className="kpi-detail">
                <summary>
                  {k.byCurrency.length === 1 ? '1 currency' : `${k.byCurrency.length} currencies`}
                  <span className="visually-hidden"> — {k.label} per currency</span>
                </summary>
                <dl>
                  {k.byCurrency.map((c) => (
                    <div key={c.currency} className="kpi-detail-row">
                      <dt>{c.currency}</dt>
                      <dd>{c.value}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            ) : (
              <p className="kpi-detail muted">No statements</p>
            )}
          </li>
        ))}
      </ul>
      {note ? (
        <p className="notice notice-warning kpi-note" role="note">
          {note} <Link to={{ name: 'settings' }}>Open Settings</Link>
        </p>
      ) : null}
      {summary.problems.length > 0 ? (
        <div className="notice notice-warning kpi-note">
          <p>
            {summary.problems.length === 1 ? '1 client is' : `${summary.problems.length} clients are`} not in revenue: their statement cannot be rated.
          </p>
          <ul>
            {summary.problems.map((p) => (
              <li key={p.clientId}>
                <Link to={{ name: 'client', id: p.clientId }}>{p.clientName}</Link>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
