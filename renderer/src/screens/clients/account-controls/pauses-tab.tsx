// Runs in the renderer. Pauses: days on which the client is not billed. End dates are exclusive (the client is
// billed again from that day); an open pause runs until it is ended.
import { useState, type FormEvent } from 'react';
import type { Pause } from '../../../../../shared/domain/lifecycle';
import { useMutation, useQuery } from '../../../api';
import { useAgency } from '../../../app/agency-context';
import { Badge } from '../../../components/badge';
import { Dialog } from '../../../components/dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Loading } from '../../../components/loading';
import { useFieldIds } from '../../../forms/use-field-ids';
import { PlanInput } from '../../plans/plan-fields';
import { formatCalendarDate } from '../../statements/statement-format';
import type { AccountClient } from './account-client';
import { todayIn, useFormErrors } from './form-state';
import { GeneralError, SubHeading, Success } from './shared-ui';

/** "2026-11-21" -> "2026-11-22" (calendar arithmetic in UTC, no zone involved). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return day;
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const START_FIELDS = ['startDate', 'endDate', 'reason'] as const;

export function PauseTab({ client }: { client: AccountClient }) {
  const { locale, timeZone } = useAgency();
  const zone = client.timeZone ?? timeZone;
  const today = todayIn(zone);
  const q = useQuery('pauses.list', { clientId: client.id }, { tables: ['pauses'] });
  const [starting, setStarting] = useState(false);
  const [ending, setEnding] = useState<Pause | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const date = (d: string) => formatCalendarDate(d, locale);

  return (
    <div className="ac-stack">
      <SubHeading
        actions={
          <button
            type="button"
            className="btn btn-primary"
            disabled={client.archived}
            onClick={() => {
              setNotice(null);
              setStarting(true);
            }}
          >
            Pause client
          </button>
        }
      >
        Pauses
      </SubHeading>
      <Success text={notice} />
      {q.error ? (
        <ErrorNotice title="The pauses could not be loaded" error={q.error} onRetry={() => void q.reload()} />
      ) : q.data === null ? (
        <Loading label="Loading pauses…" />
      ) : q.data.length === 0 ? (
        <EmptyState title="No pauses" level={3}>
          <p>{client.name} has never been paused.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Pauses">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Billed again from</th>
                <th scope="col">Reason</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((p) => {
                const active = p.startDate <= today && (p.endDate === null || today < p.endDate);
                const upcoming = p.startDate > today;
                return (
                  <tr key={p.id}>
                    <td>{date(p.startDate)}</td>
                    <td>{p.endDate ? date(p.endDate) : <span className="muted">Until ended</span>}</td>
                    <td className="ac-wrap">{p.reason ?? <span className="muted">—</span>}</td>
                    <td>{active ? <Badge tone="warning">Paused</Badge> : upcoming ? <Badge tone="info">Scheduled</Badge> : <Badge>Ended</Badge>}</td>
                    <td className="ac-row-actions">
                      {p.endDate === null ? (
                        <button
                          type="button"
                          className="btn btn-small"
                          onClick={() => {
                            setNotice(null);
                            setEnding(p);
                          }}
                        >
                          End pause
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {starting ? (
        <StartDialog
          client={client}
          today={today}
          onClose={() => setStarting(false)}
          onDone={(p) => {
            setStarting(false);
            setNotice(`${client.name} is paused from ${date(p.startDate)}${p.endDate ? ` to ${date(p.endDate)}` : ''}.`);
            void q.reload();
          }}
        />
      ) : null}
      {ending ? (
        <EndDialog
          pause={ending}
          today={today}
          onClose={() => setEnding(null)}
          onDone={(p) => {
            setEnding(null);
            setNotice(`The pause ends; ${client.name} is billed again from ${date(p.endDate ?? today)}.`);
            void q.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function StartDialog({ client, today, onClose, onDone }: { client: AccountClient; today: string; onClose: () => void; onDone: (p: Pause) => void }) {
  const idFor = useFieldIds();
  const [startDate, setStartDate] = useState(today);
  const [endDate, setEndDate] = useState('');
  const [reason, setReason] = useState('');
  const f = useFormErrors(START_FIELDS);
  const start = useMutation('pauses.start');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (start.running) return;
    const res = await start.run({ clientId: client.id, startDate, ...(endDate ? { endDate } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (res.ok) onDone(res.data);
    else f.fail(res.error);
  };
  return (
    <Dialog title="Pause client" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>{client.name} is not billed while paused.</p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('startDate')} label="Start date" type="date" value={startDate} onChange={setStartDate} errors={f.err('startDate')} required />
          <PlanInput id={idFor('endDate')} label="End date" type="date" value={endDate} onChange={setEndDate} errors={f.err('endDate')} hint="Optional: the first day billed again. Empty: paused until you end it." />
          <PlanInput id={idFor('reason')} label="Reason" value={reason} onChange={setReason} errors={f.err('reason')} />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={start.running} aria-busy={start.running || undefined}>
            Pause
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function EndDialog({ pause, today, onClose, onDone }: { pause: Pause; today: string; onClose: () => void; onDone: (p: Pause) => void }) {
  const idFor = useFieldIds();
  const [endDate, setEndDate] = useState(() => (today > pause.startDate ? today : nextDay(pause.startDate)));
  const f = useFormErrors(['endDate']);
  const end = useMutation('pauses.end');
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (end.running) return;
    const res = await end.run({ id: pause.id, endDate });
    if (res.ok) onDone(res.data);
    else f.fail(res.error);
  };
  return (
    <Dialog title="End pause" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <GeneralError error={f.general} />
          <PlanInput id={idFor('endDate')} label="End date" type="date" value={endDate} onChange={setEndDate} errors={f.err('endDate')} required hint="The first day billed again." />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={end.running} aria-busy={end.running || undefined}>
            End pause
          </button>
        </div>
      </form>
    </Dialog>
  );
}
