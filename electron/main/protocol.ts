// Runs in main (electron). The app:// scheme: privileged before `ready`, then served from the
// built renderer folder by the pure handler in renderer-files.ts.
import { protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { createAppProtocolHandler } from './renderer-files';

/** Must run before app `ready`: app:// behaves like https (origin, fetch, secure context). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** After `ready`: serve `root` (out/renderer) as app://meterbook/, with the CSP header. */
export function serveRenderer(root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root, contentSecurityPolicy: CONTENT_SECURITY_POLICY }));
}
