// Runs in main (electron). Locks every web contents down: no permissions, no navigation away from
// the app, no new windows (https links go to the system browser), no <webview>.
// The decisions themselves are pure functions in navigation.ts.
import { app, shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../services/logger';
import { isAllowedNavigation, windowOpenDecision } from './navigation';

/** The app needs no camera, microphone, notifications, geolocation, HID, serial... */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

export function hardenWebContents(contents: WebContents, appOrigin: string, logger: Logger): void {
  contents.on('will-navigate', (event) => {
    if (isAllowedNavigation(event.url, appOrigin)) return;
    event.preventDefault();
    logger.warn('Blocked a navigation away from the app', { url: event.url });
  });
  contents.on('will-redirect', (event) => {
    if (isAllowedNavigation(event.url, appOrigin)) return;
    event.preventDefault();
    logger.warn('Blocked a redirect away from the app', { url: event.url });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('Blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternal !== null) {
      shell.openExternal(decision.openExternal).catch((err: unknown) => logger.warn('Could not open a link in the browser', { error: String(err) }));
    } else {
      logger.warn('Blocked a new window', { url });
    }
    return { action: decision.action };
  });
}

/** Applies hardenWebContents to every web contents the app ever creates. Call before `ready`. */
export function hardenAllWebContents(appOrigin: string, logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin, logger));
}
