// Runs in the renderer. Follows one sync or import job: live `job.progress` events for the moving parts,
// and the job's row (sync.job) for the outcome. Events can arrive before the start call answers or be
// missed while the event stream reconnects, so the row is re-read when a `done` event arrives, when
// `ingest_jobs` changes, and every few seconds while the job is still running.
import { useEffect, useState } from 'react';
import { useEvent, useQuery } from '../../api';
import type { JobProgress } from './job-model';

export interface JobRef {
  jobId: string;
  id: number;
}

const POLL_MS = 2500;

export function useJobWatch(target: JobRef | null, rejectionsLimit = 200) {
  const [live, setLive] = useState<JobProgress | null>(null);
  const jobId = target?.jobId ?? null;
  useEvent(
    'job.progress',
    (p) => {
      if (p.jobId === jobId) setLive(p);
    },
    jobId !== null,
  );
  const detail = useQuery('sync.job', { id: target?.id ?? 1, rejectionsLimit }, { tables: ['ingest_jobs'], enabled: target !== null });
  const row = detail.data && target && detail.data.job.id === target.id ? detail.data.job : null;
  const current = live && live.jobId === jobId ? live : null;
  const rowFinished = row !== null && row.status !== 'running';
  const finished = rowFinished || current?.done === true;

  const reload = detail.reload;
  const liveDone = current?.done === true;
  useEffect(() => {
    if (liveDone) void reload();
  }, [liveDone, reload]);

  const polling = target !== null && !rowFinished;
  useEffect(() => {
    if (!polling) return undefined;
    const t = setInterval(() => void reload(), POLL_MS);
    return () => clearInterval(t);
  }, [polling, reload]);

  return {
    /** the latest progress event of this job, if any arrived */
    progress: current,
    /** the job row; null until loaded */
    job: row,
    rejections: row ? (detail.data?.rejections ?? []) : [],
    /** the job has ended (the row may lag a moment behind the final event) */
    finished,
    /** the row says so too: counts and rejections are final */
    settled: rowFinished,
    error: detail.error,
  };
}
