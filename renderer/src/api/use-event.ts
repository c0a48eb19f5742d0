// Runs in the renderer. Listen to a contract event (job progress, alerts) while mounted.
import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract/events';
import { getApi } from './transport';

export function useEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void, enabled = true): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => {
    if (!enabled) return undefined;
    const subscribe = getApi().events[name] as unknown as (l: (p: EventPayload<E>) => void) => () => void;
    return subscribe((p) => ref.current(p));
  }, [name, enabled]);
}
