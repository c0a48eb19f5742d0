// Runs in main. The one error type provider connectors and their HTTP client throw.
//
// Every message is written for the agency owner, not for a developer: it names the provider, says what
// happened and what to do, and never contains a secret or a full URL with its query string.

export const CONNECTOR_ERROR_KINDS = [
  /** the provider refused the credentials (401/403): the user must fix them */
  'auth',
  /** the provider asked us to slow down (429) and we gave up waiting, or it asked for a wait longer than we allow */
  'rate_limited',
  /** the provider kept failing (5xx) */
  'server',
  /** the provider could not be reached, or the connection dropped mid-response */
  'network',
  /** the provider did not answer within the request timeout */
  'timeout',
  /** the provider answered something we cannot read (malformed JSON, unexpected shape) */
  'bad_response',
  /** the sync was cancelled by the user or the app */
  'cancelled',
  /** the connector settings are wrong (bad base URL, unknown account, mapping path that matches nothing) */
  'config',
] as const;
export type ConnectorErrorKind = (typeof CONNECTOR_ERROR_KINDS)[number];

export interface ConnectorErrorOptions {
  status?: number;
  /** true when running the sync again later may succeed without the user changing anything */
  retryable?: boolean;
  /** when the provider asked for a pause longer than we wait in-process: how long, so a scheduler can come back */
  retryAfterMs?: number;
  /** how many HTTP attempts were made before giving up */
  attempts?: number;
  cause?: unknown;
}

const DEFAULT_RETRYABLE: Record<ConnectorErrorKind, boolean> = {
  auth: false,
  rate_limited: true,
  server: true,
  network: true,
  timeout: true,
  bad_response: true,
  cancelled: false,
  config: false,
};

export class ConnectorError extends Error {
  readonly kind: ConnectorErrorKind;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly attempts?: number;

  constructor(kind: ConnectorErrorKind, message: string, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectorError';
    this.kind = kind;
    this.retryable = options.retryable ?? DEFAULT_RETRYABLE[kind];
    if (options.status !== undefined) this.status = options.status;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.attempts !== undefined) this.attempts = options.attempts;
  }
}

export function isConnectorError(err: unknown): err is ConnectorError {
  return err instanceof ConnectorError;
}
