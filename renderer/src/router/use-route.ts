// Runs in the renderer. The current hash route as React state, plus navigation.
import { useMemo, useSyncExternalStore } from 'react';
import { href, parseRoute, type Route } from './routes';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('hashchange', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('hashchange', listener);
  };
}

const snapshot = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return useMemo(() => parseRoute(hash), [hash]);
}

/** Goes to `route`, adding a history entry. */
export function navigate(route: Route): void {
  const target = href(route);
  if (window.location.hash !== target) window.location.hash = target;
}

/** Goes to `route` without a history entry (redirects). */
export function replaceRoute(route: Route): void {
  const target = href(route);
  if (window.location.hash === target) return;
  window.history.replaceState(window.history.state, '', target);
  for (const l of [...listeners]) l();
}
