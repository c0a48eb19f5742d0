// Test helper (Node only). A fake OpenAI organization Usage and Costs API:
// https://platform.openai.com/docs/api-reference/usage (daily buckets, group_by, limit, page/next_page).
// Deterministic from `seed`; a (day, project) can be revised between syncs.
import { Dec, decText } from '../../shared/money/decimal';
import { header, prng, raw, startFakeServer, type FakeServer, type RecordedRequest } from './fake-server';

export interface FakeOpenAIOptions {
  seed?: number;
  adminKey?: string;
  /** projects with completions usage (and costs) */
  projects?: string[];
  /** projects with costs only (images, fine-tuning...) */
  costOnlyProjects?: string[];
  /** UTC days with data, inclusive, as YYYY-MM-DD */
  from: string;
  to: string;
}

export interface FakeOpenAIUsage {
  input_tokens: number;
  output_tokens: number;
  input_cached_tokens: number;
  input_audio_tokens: number;
  output_audio_tokens: number;
  num_model_requests: number;
}

export interface FakeOpenAIDay {
  /** Unix seconds */
  start: number;
  project: string;
  usage: FakeOpenAIUsage | null;
  /** exact decimal text (sent as a JSON number with these exact digits) */
  cost: string | null;
}

export interface FakeOpenAI extends FakeServer {
  adminKey: string;
  /** every (day, project) with usage or cost, day ascending */
  days(): FakeOpenAIDay[];
  revise(day: string, project: string, patch: { usage?: Partial<FakeOpenAIUsage>; cost?: string }): void;
}

const DAY_S = 86_400;

export async function startFakeOpenAI(options: FakeOpenAIOptions): Promise<FakeOpenAI> {
  const seed = options.seed ?? 1;
  const adminKey = options.adminKey ?? 'sk-admin-test-key';
  const projects = options.projects ?? ['proj_alpha', 'proj_beta', 'proj_gamma'];
  const costOnly = options.costOnlyProjects ?? ['proj_images'];
  const fromS = Date.parse(`${options.from}T00:00:00Z`) / 1000;
  const toS = Date.parse(`${options.to}T00:00:00Z`) / 1000;
  const revisions = new Map<string, { usage?: Partial<FakeOpenAIUsage>; cost?: string }>();

  const dataFor = (start: number): FakeOpenAIDay[] => {
    if (start < fromS || start > toS) return [];
    const out: FakeOpenAIDay[] = [];
    [...projects, ...costOnly].forEach((project, pi) => {
      const r = prng(seed * 31 + pi * 1009 + Math.floor(start / DAY_S));
      let usage: FakeOpenAIUsage | null = null;
      let cost: string;
      if (pi < projects.length) {
        if (r.next() < 0.2) return; // a quiet day for this project
        const input = r.int(1_000, 900_000);
        const output = r.int(100, 200_000);
        usage = {
          input_tokens: input,
          output_tokens: output,
          input_cached_tokens: Math.floor(input / 3),
          input_audio_tokens: r.int(0, 1) * r.int(0, 5_000),
          output_audio_tokens: 0,
          num_model_requests: r.int(1, 500),
        };
        cost = decText(new Dec(input).times('0.0000025').plus(new Dec(output).times('0.00001')));
      } else {
        if (r.next() < 0.5) return;
        cost = decText(new Dec(r.int(1, 400)).times('0.04'));
      }
      const key = `${new Date(start * 1000).toISOString().slice(0, 10)}|${project}`;
      const rev = revisions.get(key);
      if (rev?.usage && usage) usage = { ...usage, ...rev.usage };
      if (rev?.cost !== undefined) cost = rev.cost;
      out.push({ start, project, usage, cost });
    });
    return out;
  };

  const errorBody = (status: number) => ({
    error:
      status === 401
        ? { message: 'Incorrect API key provided: sk-admin-****. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' }
        : status === 429
          ? { message: 'Rate limit reached for requests', type: 'requests', param: null, code: 'rate_limit_exceeded' }
          : { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null },
  });
  const invalid = (message: string) => ({ status: 400, json: { error: { message, type: 'invalid_request_error', param: null, code: null } } });

  const groupBy = (req: RecordedRequest) => [...req.query.getAll('group_by'), ...req.query.getAll('group_by[]')];

  const paged = (req: RecordedRequest, maxLimit: number, resultsOf: (start: number, grouped: boolean) => unknown[]) => {
    const startTime = Number(req.query.get('start_time'));
    if (!req.query.get('start_time') || !Number.isInteger(startTime)) return invalid("Missing required parameter: 'start_time'.");
    const endTime = req.query.get('end_time') ? Number(req.query.get('end_time')) : startTime + 7 * DAY_S;
    if ((req.query.get('bucket_width') ?? '1d') !== '1d') return invalid('Only bucket_width=1d is supported by this fake.');
    const limit = Number(req.query.get('limit') ?? '7');
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return invalid(`Invalid 'limit': must be between 1 and ${maxLimit}.`);
    const grouped = groupBy(req).includes('project_id');
    const offset = req.query.get('page') ? (JSON.parse(Buffer.from(req.query.get('page')!, 'base64url').toString()) as { o: number }).o : 0;
    const starts: number[] = [];
    for (let s = startTime; s < endTime; s += DAY_S) starts.push(s);
    const slice = starts.slice(offset, offset + limit);
    const hasMore = offset + limit < starts.length;
    return {
      json: {
        object: 'page',
        data: slice.map((s) => ({ object: 'bucket', start_time: s, end_time: s + DAY_S, results: resultsOf(s, grouped) })),
        has_more: hasMore,
        next_page: hasMore ? Buffer.from(JSON.stringify({ o: offset + limit })).toString('base64url') : null,
      },
    };
  };

  const server = await startFakeServer({
    errorBody,
    handle(req) {
      if (header(req, 'authorization') !== `Bearer ${adminKey}`) return { status: 401, json: errorBody(401) };
      if (req.path === '/v1/organization/usage/completions') {
        return paged(req, 31, (start, grouped) => {
          const rows = dataFor(start).filter((d) => d.usage);
          const result = (usage: FakeOpenAIUsage, project: string | null) => ({
            object: 'organization.usage.completions.result',
            ...usage,
            project_id: project,
            user_id: null,
            api_key_id: null,
            model: null,
            batch: null,
          });
          if (grouped) return rows.map((d) => result(d.usage!, d.project));
          if (rows.length === 0) return [];
          const sum = (k: keyof FakeOpenAIUsage) => rows.reduce((s, d) => s + d.usage![k], 0);
          return [result({ input_tokens: sum('input_tokens'), output_tokens: sum('output_tokens'), input_cached_tokens: sum('input_cached_tokens'), input_audio_tokens: sum('input_audio_tokens'), output_audio_tokens: sum('output_audio_tokens'), num_model_requests: sum('num_model_requests') }, null)];
        });
      }
      if (req.path === '/v1/organization/costs') {
        return paged(req, 180, (start, grouped) => {
          const rows = dataFor(start).filter((d) => d.cost !== null);
          const result = (cost: string, project: string | null) => ({ object: 'organization.costs.result', amount: { value: raw(cost), currency: 'usd' }, line_item: null, project_id: project });
          if (grouped) return rows.map((d) => result(d.cost!, d.project));
          return rows.length ? [result(decText(rows.reduce((s, d) => s.plus(d.cost!), new Dec(0))), null)] : [];
        });
      }
      return { status: 404, json: { error: { message: `Invalid URL (GET ${req.path})`, type: 'invalid_request_error', param: null, code: null } } };
    },
  });

  return {
    ...server,
    adminKey,
    days() {
      const out: FakeOpenAIDay[] = [];
      for (let s = fromS; s <= toS; s += DAY_S) out.push(...dataFor(s));
      return out;
    },
    revise(day, project, patch) {
      revisions.set(`${day}|${project}`, { ...revisions.get(`${day}|${project}`), ...patch });
    },
  };
}

