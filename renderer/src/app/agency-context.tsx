// Runs in the renderer. The agency profile, read once for the whole shell: its locale formats
// numbers and dates, its currency and time zone are the defaults for new clients.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Agency } from '../../../shared/domain/agency';
import type { CommandError } from '../../../shared/contract/result';
import { useQuery } from '../api';
import { browserLocale, browserTimeZone } from '../forms/options';

export interface AgencyContextValue {
  agency: Agency | null;
  loading: boolean;
  error: CommandError | null;
  locale: string;
  timeZone: string;
  currency: string;
  reload: () => Promise<void>;
}

const AgencyContext = createContext<AgencyContextValue | null>(null);

export function AgencyProvider({ children }: { children: ReactNode }) {
  const q = useQuery('agency.get', {}, { tables: ['agency'] });
  const value = useMemo<AgencyContextValue>(
    () => ({
      agency: q.data,
      loading: q.loading,
      error: q.error,
      locale: q.data?.locale ?? browserLocale(),
      timeZone: q.data?.timeZone ?? browserTimeZone(),
      currency: q.data?.currency ?? 'USD',
      reload: q.reload,
    }),
    [q.data, q.loading, q.error, q.reload],
  );
  return <AgencyContext.Provider value={value}>{children}</AgencyContext.Provider>;
}

export function useAgency(): AgencyContextValue {
  const v = useContext(AgencyContext);
  if (!v) throw new Error('useAgency() outside <AgencyProvider>');
  return v;
}
