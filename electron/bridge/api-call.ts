// Runs in main (browser-mode bridge). POST /api/call/<command>: JSON body in, Result JSON out,
// executed by the same dispatcher as Electron IPC and the CLI.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../ipc/dispatcher';
import type { Logger } from '../services/logger';
import { failure, sendResult } from './respond';

export const CALL_PREFIX = '/api/call/';
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const INVALID_JSON = failure('invalid_input', 'The request body is not valid JSON.');

export async function handleCall(req: IncomingMessage, res: ServerResponse, pathname: string, dispatch: Dispatch, logger: Logger): Promise<void> {
  if (req.method !== 'POST') {
    sendResult(res, 405, failure('invalid_input', 'Commands are called with POST.'), { Allow: 'POST' });
    return;
  }
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') {
    sendResult(res, 415, failure('invalid_input', 'Send the command input as JSON (Content-Type: application/json).'));
    return;
  }
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(CALL_PREFIX.length));
  } catch {
    name = pathname.slice(CALL_PREFIX.length);
  }

  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === 'too_large') {
    // stop reading a body we will not use; the connection is closed after the answer
    sendResult(res, 413, failure('invalid_input', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`), { Connection: 'close' });
    return;
  }
  if (body === 'aborted') return;

  let input: unknown;
  const text = body.toString('utf8');
  if (text.trim() === '') {
    input = undefined; // the dispatcher treats a missing input as {}
  } else {
    try {
      input = JSON.parse(text);
    } catch {
      sendResult(res, 200, INVALID_JSON);
      return;
    }
  }

  try {
    sendResult(res, 200, await dispatch(name, input));
  } catch (err) {
    // the dispatcher maps every failure itself; this only guards against a bug in it
    logger.error('Bridge call failed outside the dispatcher', { command: name, error: err instanceof Error ? err.message : String(err) });
    sendResult(res, 500, failure('internal', 'Meterbook hit an internal error. Nothing was changed; see the log.'));
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large' | 'aborted'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too_large');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | 'too_large' | 'aborted') => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks)));
    req.on('aborted', () => settle('aborted'));
    req.on('error', () => settle('aborted'));
    req.on('close', () => settle(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}
