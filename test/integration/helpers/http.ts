// Test helper. Raw HTTP requests with node:http: the path is sent exactly as given (no
// normalisation of "..", no encoding) and any header can be set, Host and Origin included.
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = unknown>(): T;
}

export interface HttpRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** `origin` is http://127.0.0.1:PORT; `path` goes on the request line verbatim. */
export function httpRequest(origin: string, path: string, request: HttpRequest = {}): Promise<HttpAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port: Number(port), path, method: request.method ?? 'GET', headers: request.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** POST /api/call/<name> with a JSON body and the given extra headers (auth, origin...). */
export function callCommand(origin: string, name: string, input: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpRequest(origin, `/api/call/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });
export const cookie = (token: string): Record<string, string> => ({ Cookie: `mb_token=${token}` });
