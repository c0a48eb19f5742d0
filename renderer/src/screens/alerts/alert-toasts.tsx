// Runs in the renderer. Toasts for `alert.raised`, on every screen: the alert's title for about 6 s.
// The live region stays mounted so screen readers announce toasts added to it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useEvent } from '../../api';
import { Link } from '../../router/link';
import '../../styles/alerts.css';

export const TOAST_MS = 6000;
/** at most this many toasts at once; older ones fold into "+N more new alerts" */
const MAX_TOASTS = 3;

interface Toast {
  key: number;
  title: string;
}

export function AlertToasts() {
  // The ref is the source of truth (events can arrive in bursts, before a render); the state mirrors it.
  const [view, setView] = useState<{ toasts: Toast[]; more: number }>({ toasts: [], more: 0 });
  const state = useRef(view);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const seq = useRef(0);

  const commit = useCallback((next: { toasts: Toast[]; more: number }) => {
    state.current = next;
    setView(next);
  }, []);

  const forget = (key: number) => {
    clearTimeout(timers.current.get(key));
    timers.current.delete(key);
  };

  const dismiss = useCallback(
    (key: number) => {
      forget(key);
      const toasts = state.current.toasts.filter((x) => x.key !== key);
      commit({ toasts, more: toasts.length > 0 ? state.current.more : 0 });
    },
    [commit],
  );

  useEvent('alert.raised', (p) => {
    const key = ++seq.current;
    const next = [...state.current.toasts, { key, title: p.title }];
    const dropped = next.slice(0, Math.max(0, next.length - MAX_TOASTS));
    for (const d of dropped) forget(d.key);
    commit({ toasts: next.slice(-MAX_TOASTS), more: state.current.more + dropped.length });
    timers.current.set(
      key,
      setTimeout(() => dismiss(key), TOAST_MS),
    );
  });

  useEffect(() => {
    const map = timers.current;
    return () => {
      for (const t of map.values()) clearTimeout(t);
      map.clear();
    };
  }, []);

  const { toasts, more } = view;
  return (
    <div className="alert-toasts" role="status" aria-live="polite">
      {more > 0 && toasts.length > 0 ? (
        <p className="alert-toast-more">
          <Link to={{ name: 'alerts' }}>
            +{more} more new {more === 1 ? 'alert' : 'alerts'}
          </Link>
        </p>
      ) : null}
      {toasts.map((t) => (
        <div key={t.key} className="alert-toast">
          <svg className="alert-toast-icon" width="16" height="16" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
            <path
              d="M10 2.8a4.6 4.6 0 0 0-4.6 4.6v3.1L4 13.6h12l-1.4-3.1V7.4A4.6 4.6 0 0 0 10 2.8zM8.2 16a1.9 1.9 0 0 0 3.6 0"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <p className="alert-toast-text">
            <span className="alert-toast-title">{t.title}</span>
            <Link to={{ name: 'alerts' }} className="alert-toast-link" onClick={() => dismiss(t.key)}>
              View alerts
            </Link>
          </p>
          <button type="button" className="icon-button" aria-label="Dismiss alert" onClick={() => dismiss(t.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
