// Runs in the renderer. Sync state of every listed account at once: schedule (providers.get) and the
// last job (sync.jobs), refreshed whenever accounts or jobs change.
// (providers.list does not carry these; see the report: a `providers.overview` command would replace this.)
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IngestJob, ProviderDetail } from '../../../../shared/domain/ingest';
import { call } from '../../api';
import { liveQueries } from '../../api/live-queries';

export interface AccountOverview {
  detail: ProviderDetail | null;
  /** the newest sync job, else the newest job of any kind */
  lastJob: IngestJob | null;
}

export function pickLastJob(items: readonly IngestJob[]): IngestJob | null {
  return items.find((j) => j.kind === 'sync') ?? items[0] ?? null;
}

export function useProviderOverview(ids: readonly number[]): ReadonlyMap<number, AccountOverview> {
  const key = ids.join(',');
  const [data, setData] = useState<ReadonlyMap<number, AccountOverview>>(() => new Map());
  const seq = useRef(0);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const list = key ? key.split(',').map(Number) : [];
    const entries = await Promise.all(
      list.map(async (id): Promise<[number, AccountOverview]> => {
        const [detail, jobs] = await Promise.all([call('providers.get', { id }), call('sync.jobs', { providerAccountId: id, limit: 10 })]);
        return [id, { detail: detail.ok ? detail.data : null, lastJob: jobs.ok ? pickLastJob(jobs.data.items) : null }];
      }),
    );
    if (mine === seq.current) setData(new Map(entries));
  }, [key]);

  useEffect(() => {
    void load();
    return liveQueries().register(['provider_accounts', 'ingest_jobs', 'sync_state'], () => void load());
  }, [load]);

  useEffect(
    () => () => {
      seq.current++; // ignore answers that arrive after unmount
    },
    [],
  );
  return data;
}
