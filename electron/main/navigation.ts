// Runs in main; no electron import. Pure decisions behind security.ts: where the window may
// navigate, and what happens to window.open / target=_blank links.
import { originOf } from '../ipc/sender-check';

/** True only for a URL of the app's own origin (in-app navigation, e.g. a reload or a route). */
export function isAllowedNavigation(url: string, appOrigin: string): boolean {
  const target = originOf(url);
  return target !== null && target === originOf(appOrigin);
}

/**
 * An https URL without credentials that may be handed to the system browser, or null.
 * Anything else (http, file, javascript, custom schemes that launch other apps) is refused.
 */
export function safeExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.hostname === '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export interface WindowOpenDecision {
  /** the app never opens a second Electron window */
  action: 'deny';
  /** when set, open this URL in the user's browser instead */
  openExternal: string | null;
}

/** window.open and target=_blank: always denied in-app; https links go to the system browser. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', openExternal: safeExternalUrl(url) };
}
