// Runs in the renderer. Picks the transport once: the Electron preload bridge when present,
// otherwise the loopback HTTP bridge of browser mode (same origin).
import type { MeterbookApi } from '../../../shared/contract/api';
import { guardApi } from './guard-api';
import { createHttpApi } from './http-api';

let api: MeterbookApi | null = null;

export function getApi(): MeterbookApi {
  if (api) return api;
  const bridge = (globalThis as { meterbook?: MeterbookApi }).meterbook;
  api = bridge
    ? guardApi(bridge)
    : createHttpApi({
        fetch: (url, init) => fetch(url, init),
        openEventSource: (url) => new EventSource(url),
      });
  return api;
}

/** Which transport is in use (shown in the header). */
export function transportKind(): 'electron' | 'browser' {
  return (globalThis as { meterbook?: MeterbookApi }).meterbook ? 'electron' : 'browser';
}
