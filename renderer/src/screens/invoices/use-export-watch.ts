// Runs in the renderer. Follows an export job: `job.progress` events for the bar, then `exports.result` once
// it is done. If the final event is missed, polling the result finds the finished job anyway.
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/contract/events';
import type { CommandError } from '../../../../shared/contract/result';
import type { ExportResult } from '../../../../shared/domain/invoice';
import { call, useEvent } from '../../api';

const POLL_MS = 3000;

export function useExportWatch(jobId: string | null) {
  const [live, setLive] = useState<EventPayload<'job.progress'> | null>(null);
  const [outcome, setOutcome] = useState<{ jobId: string; result: ExportResult | null; error: CommandError | null } | null>(null);
  useEvent(
    'job.progress',
    (p) => {
      if (p.jobId === jobId) setLive(p);
    },
    jobId !== null,
  );
  const current = live && live.jobId === jobId ? live : null;
  const mine = outcome && outcome.jobId === jobId ? outcome : null;
  const liveDone = current?.done === true;
  const crash = liveDone ? (current?.error ?? null) : null;

  useEffect(() => {
    if (jobId === null || mine) return undefined;
    if (crash) {
      setOutcome({ jobId, result: null, error: { code: 'internal', message: crash } });
      return undefined;
    }
    let stopped = false;
    const fetchResult = async (final: boolean) => {
      const res = await call('exports.result', { jobId });
      if (stopped) return;
      if (res.ok) setOutcome({ jobId, result: res.data, error: null });
      else if (final) setOutcome({ jobId, result: null, error: res.error });
    };
    if (liveDone) {
      void fetchResult(true);
      return () => {
        stopped = true;
      };
    }
    const t = setInterval(() => void fetchResult(false), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(t);
    };
  }, [jobId, liveDone, crash, mine]);

  return { progress: current, result: mine?.result ?? null, error: mine?.error ?? null, finished: mine !== null };
}
