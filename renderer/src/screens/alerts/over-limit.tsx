// Runs in the renderer. "Over limit" pills on the clients list: one clients.overLimit query per table,
// shared with the rows through a context (the table's columns are module-level).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { OverLimit } from '../../../../shared/domain/alerts';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import '../../styles/alerts.css';
import { overLimitByClient, overLimitTitle } from './alerts-model';

interface OverLimitValue {
  byClient: ReadonlyMap<number, OverLimit[]>;
  metricName: (key: string) => string;
}

const OverLimitContext = createContext<OverLimitValue | null>(null);

/** Tables whose changes can move a client over (or back under) a limit. */
export const OVER_LIMIT_TABLES = ['usage_events', 'client_limits', 'subscriptions', 'plans', 'plan_versions', 'clients', 'alerts'] as const;

export function OverLimitProvider({ children }: { children: ReactNode }) {
  const over = useQuery('clients.overLimit', {}, { tables: OVER_LIMIT_TABLES });
  const metrics = useQuery('metrics.list', {}, { tables: ['metrics'] });
  const value = useMemo<OverLimitValue>(() => {
    const names = new Map((metrics.data ?? []).map((m) => [m.key, m.name]));
    return { byClient: overLimitByClient(over.data ?? []), metricName: (k) => names.get(k) ?? k };
  }, [over.data, metrics.data]);
  return <OverLimitContext.Provider value={value}>{children}</OverLimitContext.Provider>;
}

/** "Over limit" (title: which metric, how much of how much) when the client is over a limit; else nothing. */
export function OverLimitBadge({ clientId }: { clientId: number }) {
  const { locale } = useAgency();
  const ctx = useContext(OverLimitContext);
  const rows = ctx?.byClient.get(clientId);
  if (!ctx || !rows || rows.length === 0) return null;
  const title = `Over limit — ${overLimitTitle(rows, locale, ctx.metricName)}`;
  return (
    <span className="badge badge-danger over-limit-badge" title={title}>
      Over limit
      <span className="visually-hidden"> ({overLimitTitle(rows, locale, ctx.metricName)})</span>
    </span>
  );
}
