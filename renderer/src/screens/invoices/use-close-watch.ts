// Runs in the renderer. Follows a close run: live `job.progress` events (its jobId) for the moving counters,
// and the run's row (invoices.closeRun) for the outcome. Events can be missed while the event stream
// reconnects, so the row is re-read when a `done` event arrives and every few seconds while it runs.
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract/events';
import type { CloseRun } from '../../../../shared/domain/invoice';
import { useEvent, useQuery } from '../../api';
import { withProgress } from './close-model';

const POLL_MS = 2000;

export function useCloseWatch(start: CloseRun | null) {
  const [live, setLive] = useState<EventPayload<'job.progress'> | null>(null);
  const jobId = start?.jobId ?? null;
  useEvent(
    'job.progress',
    (p) => {
      if (p.jobId === jobId) setLive(p);
    },
    jobId !== null,
  );
  const q = useQuery('invoices.closeRun', { runId: start?.id ?? 1 }, { tables: ['close_runs', 'invoices'], enabled: start !== null });
  const row = q.data && start && q.data.id === start.id ? q.data : start;
  const current = live && live.jobId === jobId ? live : null;
  const running = row?.status === 'running';

  const reload = q.reload;
  const liveDone = current?.done === true;
  useEffect(() => {
    if (liveDone) void reload();
  }, [liveDone, reload]);

  useEffect(() => {
    if (!running) return undefined;
    const t = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(t);
  }, [running, reload]);

  return {
    /** the run with live counters laid over it while it runs */
    run: row ? (running ? withProgress(row, current) : row) : null,
    /** the latest progress event's step text, if any */
    step: current?.step ?? null,
    /** the final event said the job crashed */
    crash: current?.done && current.error ? current.error : null,
    error: q.error,
  };
}
