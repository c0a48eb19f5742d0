// Runs in main; no electron import. Where the app's own page lives.
// Production serves out/renderer from the privileged custom scheme app://meterbook; development
// loads the electron-vite dev server (ELECTRON_RENDERER_URL), but only in an unpackaged build.

export const APP_SCHEME = 'app';
export const APP_HOST = 'meterbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export interface RendererLocation {
  /** what the window loads */
  entryUrl: string;
  /** the only origin trusted for IPC and navigation */
  origin: string;
  dev: boolean;
}

/**
 * Picks the renderer location. A packaged app never honours ELECTRON_RENDERER_URL: an
 * environment variable must not be able to point the trusted window at another site.
 *
 * @example
 * rendererLocation({ isPackaged: false, devServerUrl: 'http://localhost:5173' })
 * // { entryUrl: 'http://localhost:5173', origin: 'http://localhost:5173', dev: true }
 */
export function rendererLocation(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererLocation {
  const { isPackaged, devServerUrl } = options;
  if (!isPackaged && devServerUrl) {
    const url = new URL(devServerUrl);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname)) {
      return { entryUrl: url.href, origin: url.origin, dev: true };
    }
  }
  return { entryUrl: APP_ENTRY_URL, origin: APP_ORIGIN, dev: false };
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
