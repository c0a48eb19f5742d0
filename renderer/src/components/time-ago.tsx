// Runs in the renderer. A <time> that says "5 minutes ago" and shows the exact instant on hover.
import { useEffect, useState } from 'react';
import { useAgency } from '../app/agency-context';
import { formatDateTime } from '../format/dates';
import { relativeTime } from './relative-time';

const listeners = new Set<(now: Date) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** The current time, refreshed every 30 s for every subscriber at once. */
export function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => {
      const t = new Date();
      for (const l of listeners) l(t);
    }, 30_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return now;
}

export interface TimeAgoProps {
  iso: string | null;
  /** shown when iso is null */
  empty?: string;
  /** "3 min. ago" instead of "3 minutes ago" (narrow table cells) */
  short?: boolean;
}

export function TimeAgo({ iso, empty = '—', short = false }: TimeAgoProps) {
  const { locale, timeZone } = useAgency();
  const now = useNow();
  if (!iso) return <span className="muted">{empty}</span>;
  const exact = formatDateTime(iso, locale, timeZone);
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime(iso, now, locale, short ? 'short' : 'long')}
    </time>
  );
}
