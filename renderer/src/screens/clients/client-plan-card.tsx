// Runs in the renderer. The client's plan: the subscription in force today (plan, version, since when), the
// history, "Assign plan", and the way to the statement.
import { useState } from 'react';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Badge } from '../../components/badge';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { Link } from '../../router/link';
import '../../styles/pricing.css';
import { AssignPlanDialog } from '../plans/assign-plan-dialog';
import { currentSubscription } from '../plans/subscription-model';
import { dateIn, dayBefore, formatCalendarDate } from '../statements/statement-format';

export interface ClientPlanCardProps {
  client: { id: number; name: string; currency: string; timeZone: string | null; archived?: boolean };
}

export function ClientPlanCard({ client }: ClientPlanCardProps) {
  const { locale, timeZone } = useAgency();
  const zone = client.timeZone ?? timeZone;
  const subs = useQuery('subscriptions.list', { clientId: client.id }, { tables: ['subscriptions', 'plans', 'plan_versions'] });
  const [assigning, setAssigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const today = dateIn(new Date(), zone);
  const list = subs.data ?? [];
  const { current, next } = currentSubscription(list, today);
  const date = (d: string) => formatCalendarDate(d, locale);

  return (
    <section className="card" aria-labelledby="client-plan-title">
      <div className="card-header">
        <h2 id="client-plan-title" className="card-title">
          Plan
        </h2>
        <Link to={{ name: 'client-statement', id: client.id, period: null }} className="card-link">
          View statement
        </Link>
      </div>
      <div className="card-body client-plan-body">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
        {subs.error ? (
          <ErrorNotice title="The plan could not be loaded" error={subs.error} onRetry={() => void subs.reload()} />
        ) : subs.data === null ? (
          <Loading label="Loading plan…" />
        ) : current ? (
          <div className="current-plan">
            <p className="current-plan-name">
              <Link to={{ name: 'plan', id: current.planId }} className="row-title">
                {current.planName}
              </Link>{' '}
              <Badge tone="info">Version {current.version}</Badge>
            </p>
            <p className="muted">
              Since {date(current.startDate)}
              {current.endDate ? `, to ${date(dayBefore(current.endDate))}` : ''} · bills in {current.currency}
            </p>
          </div>
        ) : (
          <p className="muted">{list.length === 0 ? `${client.name} has no plan yet: assign one to rate its usage into statements.` : `${client.name} has no plan in force today.`}</p>
        )}
        {next && next !== current ? (
          <p className="notice notice-info">
            Moves to {next.planName} (version {next.version}) on {date(next.startDate)}.
          </p>
        ) : null}

        <div className="client-plan-actions">
          <button
            type="button"
            className="btn"
            disabled={client.archived === true}
            title={client.archived ? 'Restore the client to assign a plan' : undefined}
            onClick={() => {
              setNotice(null);
              setAssigning(true);
            }}
          >
            Assign plan
          </button>
        </div>

        {list.length > 0 ? (
          <div className="table-wrap">
            <table className="table table-compact" aria-label="Plan history">
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">Version</th>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                </tr>
              </thead>
              <tbody>
                {list.map((s) => (
                  <tr key={s.id} aria-current={s === current ? 'true' : undefined}>
                    <td>
                      <Link to={{ name: 'plan', id: s.planId }}>{s.planName}</Link>
                    </td>
                    <td>v{s.version}</td>
                    <td>{date(s.startDate)}</td>
                    <td>{s.endDate ? date(dayBefore(s.endDate)) : <span className="muted">Open</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>

      {assigning ? (
        <AssignPlanDialog
          client={client}
          zone={zone}
          onClose={() => setAssigning(false)}
          onAssigned={(s) => {
            setAssigning(false);
            setNotice(`${client.name} is on ${s.planName} (version ${s.version}) from ${date(s.startDate)}.`);
            void subs.reload();
          }}
        />
      ) : null}
    </section>
  );
}
