// Runs in main (browser-mode bridge). The loopback HTTP server that speaks the command contract
// to the renderer when there is no Electron: 127.0.0.1 only, a per-launch token, same-origin only.
//
//   GET  /?token=T          -> sets the mb_token cookie, 302 to the same path without the token
//   POST /api/call/<name>   -> Result JSON of ctx.dispatch(name, body)
//   POST /api/upload?name=N -> streams the body to <dataDir>/uploads (see upload.ts), Result JSON with its uploadId
//   GET  /api/events        -> Server-Sent Events, one per bus event
//   GET  /anything-else     -> the built renderer (SPA fallback to index.html)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/logger';
import { UploadStore } from '../services/import/uploads';
import { CALL_PREFIX, handleCall } from './api-call';
import { allowedAuthorities, hasValidToken, newToken, sourceRefusal, TOKEN_QUERY, tokenCookie, tokensEqual } from './auth';
import { applySecurityHeaders, failure, sendHtml, sendResult, sendText } from './respond';
import { createEventStreams, EVENTS_PATH, PING_INTERVAL_MS } from './sse';
import { createStaticFiles } from './static';
import { handleUpload, UPLOAD_PATH } from './upload';

export const BRIDGE_HOST = '127.0.0.1';

export interface BridgeOptions {
  /** an AppContext, or anything with its dispatcher and a bus to subscribe to (and its data folder, for uploads) */
  ctx: { dispatch: Dispatch; bus: Pick<EventBus, 'subscribe'>; deps?: { dataDir: string } };
  /** 0 (the default) picks a free port */
  port?: number;
  /** the built renderer, usually <repo>/out/renderer */
  rendererDir: string;
  logger: Logger;
  /** for tests; defaults to 15 s */
  pingIntervalMs?: number;
  /** for tests; defaults to 2 GB */
  maxUploadBytes?: number;
}

export interface Bridge {
  /** what to open in a browser: origin + "/?token=..." */
  readonly url: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  /** the underlying server (its address is always 127.0.0.1) */
  readonly server: http.Server;
  /** stops listening, ends event streams and open connections; does not close the ledger */
  close(): Promise<void>;
}

/**
 * Starts the bridge and resolves once it listens.
 *
 * @example
 * const ctx = await openAppContext({ dataDir, mode: 'browser' });
 * const bridge = await startBridge({ ctx, rendererDir: 'out/renderer', logger: consoleLogger });
 * console.log(bridge.url); // http://127.0.0.1:41234/?token=...
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const { ctx, logger } = options;
  const token = newToken();
  const staticFiles = await createStaticFiles(options.rendererDir);
  const streams = createEventStreams(ctx.bus, options.pingIntervalMs ?? PING_INTERVAL_MS);
  let allowed = allowedAuthorities(-1); // set once the port is known; nothing is accepted before
  const uploads = ctx.deps ? UploadStore.forDataDir(ctx.deps.dataDir) : null;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const rawUrl = req.url ?? '';
    const refusal = sourceRefusal(req, allowed);
    if (refusal !== null) {
      sendResult(res, 403, failure('forbidden', refusal));
      return;
    }
    // origin-form only ("/path?query"); "http://other/" or "*" are not for us
    if (!rawUrl.startsWith('/')) {
      sendText(res, 400, 'Bad request.\n');
      return;
    }
    const url = new URL(`http://${BRIDGE_HOST}${rawUrl}`);
    const { pathname } = url;
    const isApi = pathname === '/api' || pathname.startsWith('/api/');

    const queryToken = url.searchParams.get(TOKEN_QUERY);
    if (queryToken !== null && (req.method === 'GET' || req.method === 'HEAD') && tokensEqual(queryToken, token)) {
      url.searchParams.delete(TOKEN_QUERY);
      // one leading slash: "//evil.example" must not become a protocol-relative redirect
      const location = `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
      res.writeHead(302, { 'Set-Cookie': tokenCookie(token), Location: location, 'Cache-Control': 'no-store', 'Content-Length': 0 });
      res.end();
      return;
    }
    if (!hasValidToken(req, token)) {
      if (isApi) {
        sendResult(res, 401, failure('forbidden', 'Missing or wrong Meterbook token. Open the address that `meterbook serve` printed.'));
      } else {
        sendHtml(
          res,
          401,
          'Meterbook needs its access token',
          'Open the full address that `meterbook serve` (or `npm start`) printed in the terminal: it ends with ?token=… and is new every time Meterbook starts.',
        );
      }
      return;
    }

    if (pathname.startsWith(CALL_PREFIX)) return handleCall(req, res, pathname, ctx.dispatch, logger);
    if (pathname === UPLOAD_PATH && uploads !== null) {
      return handleUpload(req, res, url, { store: uploads, logger, ...(options.maxUploadBytes !== undefined ? { maxBytes: options.maxUploadBytes } : {}) });
    }
    if (pathname === EVENTS_PATH) {
      if (req.method !== 'GET') {
        sendResult(res, 405, failure('invalid_input', 'Events are read with GET.'), { Allow: 'GET' });
        return;
      }
      streams.open(res);
      return;
    }
    if (isApi) {
      sendResult(res, 404, failure('not_found', `There is no endpoint ${pathname}.`));
      return;
    }
    return staticFiles.serve(req, res, pathname);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error('Bridge request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) sendResult(res, 500, failure('internal', 'Meterbook hit an internal error; see the log.'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: BRIDGE_HOST, port: options.port ?? 0, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => logger.error('Bridge server error', { error: err.message }));

  const port = (server.address() as AddressInfo).port;
  allowed = allowedAuthorities(port);
  const origin = `http://${BRIDGE_HOST}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?${TOKEN_QUERY}=${token}`,
    origin,
    token,
    port,
    server,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        streams.closeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}
