// Runs in main. Provider accounts: the platforms the agency pays. Credentials are sealed with the SecretBox
// before they touch the ledger and never leave the main process; the renderer sees a masked hint.
import type { Kysely } from 'kysely';
import type { ParsedInput } from '../../shared/contract/commands';
import type { ProviderDetail } from '../../shared/domain/ingest';
import { PROVIDER_KINDS, type ProviderKind } from '../../shared/domain/provider';
import type { Database } from '../db/schema';
import { isUniqueViolation } from '../db/sqlite-errors';
import { connectorFor, type Connector } from '../ingest/connectors';
import { writeAudit } from './audit';
import type { Clock } from './clock';
import { AppError, notFound } from './errors';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import { nameKey } from './name-key';
import { checkRateCard } from './pricing/rate-cards-service';
import type { SecretBox } from './secrets';

const FILE_ONLY_LABELS: Partial<Record<ProviderKind, string>> = {
  agentclara: 'AgentClara (file import)',
  closebot: 'CloseBot (file import)',
  voice_sessions: 'Voice & app sessions platform (file import)',
  file: 'Any platform (file import)',
};

export class ProvidersService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly secrets: SecretBox,
    private readonly isSyncing: (accountId: number) => boolean,
    private readonly logger: Logger,
  ) {}

  kinds() {
    return PROVIDER_KINDS.map((kind) => {
      const c = connectorFor(kind);
      return {
        kind,
        label: c?.label ?? FILE_ONLY_LABELS[kind] ?? kind,
        hasApi: Boolean(c),
        docsUrl: c?.docsUrl ?? null,
        credentialFields: c?.credentialFields.map((f) => ({ key: f.key, label: f.label, secret: f.secret, help: f.help, optional: f.optional ?? false })) ?? [],
        // a connector whose settings have required fields (the generic REST URL) has no complete default
        defaultConfig: c ? ((c.configSchema.safeParse({}).data as Record<string, unknown> | undefined) ?? {}) : {},
      };
    });
  }

  async get(id: number): Promise<ProviderDetail> {
    const row = await this.db
      .selectFrom('provider_accounts as p')
      .leftJoin('sync_state as s', 's.provider_account_id', 'p.id')
      .select([
        'p.id',
        'p.kind',
        'p.name',
        'p.currency',
        'p.credentials_hint',
        'p.config',
        'p.archived_at',
        's.schedule_minutes',
        's.enabled',
        's.last_success_at',
        's.last_attempt_at',
        's.next_run_at',
      ])
      .select((eb) => eb('p.credentials', 'is not', null).as('has_credentials'))
      .where('p.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('Provider account', id);
    return {
      id: row.id,
      kind: row.kind as ProviderKind,
      name: row.name,
      currency: row.currency,
      hasCredentials: Boolean(row.has_credentials),
      credentialsHint: row.credentials_hint,
      config: JSON.parse(row.config) as Record<string, unknown>,
      archived: row.archived_at !== null,
      scheduleMinutes: row.schedule_minutes ?? 15,
      syncEnabled: (row.enabled ?? 1) === 1,
      lastSuccessAt: row.last_success_at ?? null,
      lastAttemptAt: row.last_attempt_at ?? null,
      nextRunAt: row.next_run_at ?? null,
      syncing: this.isSyncing(row.id),
    };
  }

  /** Decrypted credentials for a sync; main process only. */
  async credentials(id: number): Promise<Record<string, string>> {
    const row = await this.db.selectFrom('provider_accounts').select('credentials').where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Provider account', id);
    if (!row.credentials) return {};
    return JSON.parse(this.secrets.decrypt(Buffer.from(row.credentials))) as Record<string, string>;
  }

  async create(input: ParsedInput<'providers.create'>): Promise<ProviderDetail> {
    const connector = connectorFor(input.kind);
    const config = await this.validateConfig(connector, input.config, { name: input.name, currency: input.currency });
    const sealed = this.seal(connector, input.credentials, true);
    const now = this.clock.now().toISOString();
    const id = await this.db.transaction().execute(async (trx) => {
      let newId: number;
      try {
        newId = (
          await trx
            .insertInto('provider_accounts')
            .values({
              kind: input.kind,
              name: input.name,
              name_key: nameKey(input.name),
              currency: input.currency,
              credentials: sealed?.blob ?? null,
              credentials_hint: sealed?.hint ?? null,
              config: JSON.stringify(config),
              created_at: now,
              updated_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', `A provider account named "${input.name}" already exists.`, { field: 'name' });
        throw err;
      }
      await trx
        .insertInto('sync_state')
        .values({ provider_account_id: newId, cursor: null, schedule_minutes: input.scheduleMinutes, enabled: input.syncEnabled ? 1 : 0, last_success_at: null, last_attempt_at: null, next_run_at: connector && input.syncEnabled ? now : null })
        .execute();
      await writeAudit(trx, this.clock.now(), { action: 'provider.create', entity: 'provider_account', entityId: newId, details: { kind: input.kind, name: input.name } });
      return newId;
    });
    this.bus.changed('provider_accounts');
    return this.get(id);
  }

  async update(input: ParsedInput<'providers.update'>): Promise<ProviderDetail> {
    const before = await this.db.selectFrom('provider_accounts').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw notFound('Provider account', input.id);
    const connector = connectorFor(before.kind);
    const config =
      input.config !== undefined
        ? await this.validateConfig(connector, input.config, { name: input.name ?? before.name, currency: input.currency ?? before.currency }, JSON.parse(before.config) as Record<string, unknown>)
        : undefined;
    const sealed = input.credentials !== undefined ? this.seal(connector, input.credentials, false) : undefined;
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      if (input.currency !== undefined && input.currency !== before.currency) {
        const used = await trx.selectFrom('usage_events').select('id').where('provider_account_id', '=', input.id).limit(1).executeTakeFirst();
        if (used) {
          throw new AppError('conflict', `This account already has usage priced in ${before.currency}; its currency cannot change. Create a new account instead.`, {
            field: 'currency',
          });
        }
      }
      const set: Record<string, unknown> = { updated_at: now };
      if (input.name !== undefined) Object.assign(set, { name: input.name, name_key: nameKey(input.name) });
      if (input.currency !== undefined) set.currency = input.currency;
      if (config !== undefined) set.config = JSON.stringify(config);
      if (sealed !== undefined) Object.assign(set, { credentials: sealed?.blob ?? null, credentials_hint: sealed?.hint ?? null });
      try {
        await trx.updateTable('provider_accounts').set(set).where('id', '=', input.id).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('conflict', `A provider account named "${input.name}" already exists.`, { field: 'name' });
        throw err;
      }
      const state: Record<string, unknown> = {};
      if (input.scheduleMinutes !== undefined) state.schedule_minutes = input.scheduleMinutes;
      if (input.syncEnabled !== undefined) state.enabled = input.syncEnabled ? 1 : 0;
      // New credentials or settings: try again soon instead of waiting out a failure backoff.
      if (sealed !== undefined || config !== undefined || input.syncEnabled) Object.assign(state, { next_run_at: now, consecutive_failures: 0 });
      if (Object.keys(state).length > 0) await trx.updateTable('sync_state').set(state).where('provider_account_id', '=', input.id).execute();
      const changed = Object.keys(input).filter((k) => k !== 'id' && k !== 'credentials');
      if (sealed !== undefined) changed.push('credentials');
      await writeAudit(trx, this.clock.now(), { action: 'provider.update', entity: 'provider_account', entityId: input.id, details: { changed } });
    });
    this.bus.changed('provider_accounts');
    return this.get(input.id);
  }

  async setArchived(id: number, archived: boolean): Promise<ProviderDetail> {
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('provider_accounts').select(['name', 'archived_at']).where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Provider account', id);
      if ((row.archived_at !== null) === archived) throw new AppError('conflict', `"${row.name}" is ${archived ? 'already' : 'not'} archived.`);
      await trx.updateTable('provider_accounts').set({ archived_at: archived ? now : null, updated_at: now }).where('id', '=', id).execute();
      await trx.updateTable('sync_state').set({ enabled: archived ? 0 : 1, next_run_at: archived ? null : now }).where('provider_account_id', '=', id).execute();
      await writeAudit(trx, this.clock.now(), { action: archived ? 'provider.archive' : 'provider.restore', entity: 'provider_account', entityId: id });
    });
    this.bus.changed('provider_accounts');
    return this.get(id);
  }

  /**
   * Validates connector settings. The rate card lives beside them in the same JSON but is owned by
   * providers.setRateCard (validated against the metric catalog there): it is carried through untouched
   * here (the connector schemas would strip it), and an edit that omits it keeps the stored one.
   */
  private async validateConfig(
    connector: Connector | undefined,
    input: Record<string, unknown>,
    account: { name: string; currency: string },
    stored: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const { rateCard: given, ...config } = input;
    const rateCard = given === undefined ? stored.rateCard : given;
    // same checks as providers.setRateCard (metric catalog incl. custom metrics, account currency)
    const card = rateCard === undefined || rateCard === null ? null : await checkRateCard({ db: this.db, logger: this.logger }, rateCard, account, 'config.rateCard');
    const withCard = (c: Record<string, unknown>) => (card === null ? c : { ...c, rateCard: card });
    if (!connector) return withCard(config);
    const parsed = connector.configSchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = ['config', ...issue.path.map(String)].join('.');
      throw new AppError('invalid_input', `Setting ${path.slice('config.'.length) || '(settings)'}: ${issue.message}`, { field: path });
    }
    return withCard(parsed.data as Record<string, unknown>);
  }

  /** Seals credentials; every credential field of an API connector is required. null = no credentials. */
  private seal(connector: Connector | undefined, creds: Record<string, string>, creating: boolean): { blob: Buffer; hint: string } | null {
    const fields = connector?.credentialFields ?? [];
    const known = new Set(fields.map((f) => f.key));
    for (const key of Object.keys(creds)) {
      if (!known.has(key)) throw new AppError('invalid_input', `Unknown credential "${key}" for this provider.`, { field: `credentials.${key}` });
    }
    const values: Record<string, string> = {};
    for (const f of fields) {
      const v = (creds[f.key] ?? '').trim();
      if (!v) {
        if (!creating && Object.keys(creds).length === 0) return null;
        if (f.optional) continue;
        throw new AppError('invalid_input', `Enter the ${f.label}.`, { field: `credentials.${f.key}` });
      }
      values[f.key] = v;
    }
    if (fields.length === 0) return null;
    const hint = fields
      .filter((f) => values[f.key] !== undefined)
      .map((f) => `${f.label}: ${f.secret ? this.secrets.hint(values[f.key]!) : values[f.key]}`)
      .join(', ');
    return { blob: this.secrets.encrypt(JSON.stringify(values)), hint };
  }
}

