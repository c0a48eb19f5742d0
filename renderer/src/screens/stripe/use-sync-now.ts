// Runs in the renderer. "Sync now": sends what waits in the outbox and checks payments, then says what happened.
import { useState } from 'react';
import { useMutation } from '../../api';
import { syncResultText } from './stripe-model';

export interface SyncNow {
  run: () => Promise<void>;
  running: boolean;
  /** the last result in words, until the next run or clear() */
  result: { tone: 'success' | 'error'; text: string } | null;
  clear: () => void;
}

export function useSyncNow(onDone?: () => void): SyncNow {
  const sync = useMutation('stripe.syncNow');
  const [result, setResult] = useState<SyncNow['result']>(null);
  const run = async () => {
    if (sync.running) return;
    setResult(null);
    const res = await sync.run({});
    setResult(res.ok ? syncResultText(res.data) : { tone: 'error', text: res.error.message });
    // last sync / last error live in settings, which a drain updates without announcing it
    onDone?.();
  };
  return { run, running: sync.running, result, clear: () => setResult(null) };
}
