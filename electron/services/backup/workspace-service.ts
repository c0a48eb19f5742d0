// Runs in main. One file to move Meterbook to a new laptop (a zip, docs/BACKUPS.md):
//   manifest.json     format, app version, schema version, created, the ledger's size and sha256
//   meterbook.sqlite  a checked backup of the ledger (invoice logos live in it: table `assets`), with
//                     every machine-bound sealed credential removed and the file vacuumed
//   secrets.json      provider credentials and the Stripe key, sealed under the user's passphrase
//                     (scrypt + AES-256-GCM); absent when no passphrase was given: those accounts are
//                     listed so the user knows which keys to enter again
// Import checks everything first, re-seals the credentials with this computer's key, and swaps the
// ledger in exactly as a restore does (safety backup, kill-safe rename, reopen, migrate).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';
import type { WorkspaceExportResult, WorkspaceImportResult } from '../../../shared/domain/backup';
import type { FileRef } from '../../../shared/domain/file-import';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { AppMode } from '../app-context';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { SecretBox } from '../secrets';
import { fsyncDir, fsyncFile, removeQuietly, sideFiles } from './durable-fs';
import { checkLedgerFile } from './ledger-check';
import { writeCheckedCopy } from './ledger-copy';
import { openWithPassphrase, sealWithPassphrase, WrongPassphraseError, type SealedJson } from './passphrase-seal';
import { resolveFileRef, type RestoreService } from './restore-service';

export const WORKSPACE_FORMAT = 'meterbook-workspace';
export const EXPORTS_FOLDER = 'exports';
/** a workspace file is read whole into memory; refuse anything absurd before reading it */
const MAX_WORKSPACE_BYTES = 4 * 1024 ** 3;
const STRIPE_KEY = 'stripe';

const Manifest = z.object({
  format: z.literal(WORKSPACE_FORMAT),
  formatVersion: z.literal(1),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  ledger: z.object({ file: z.literal('meterbook.sqlite'), sizeBytes: z.number().int(), sha256: z.string() }),
  secrets: z.enum(['sealed', 'omitted', 'none']),
  /** accounts whose keys are not in the file */
  reenter: z.array(z.string()),
  /** where invoice logos are: in the ledger's `assets` table */
  assets: z.literal('in-ledger'),
});
type Manifest = z.infer<typeof Manifest>;

interface PlainSecrets {
  providers: Record<string, string>;
  stripe: string | null;
}

export interface WorkspaceDeps {
  dataDir: string;
  ledgerFile: string;
  mode: AppMode;
  clock: Clock;
  appVersion: string;
  secrets: SecretBox;
  restore: RestoreService;
  /** true when the live ledger holds anything an import would replace */
  hasData(): Promise<{ clients: number; providers: number; events: number; invoices: number }>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export class WorkspaceService {
  constructor(private readonly deps: WorkspaceDeps) {}

  /** Writes the workspace file to `dest`, or to <dataDir>/exports/meterbook-workspace-<date>.zip. */
  async export(input: { passphrase?: string | undefined; dest?: string }): Promise<WorkspaceExportResult> {
    const now = this.deps.clock.now();
    const temp = path.join(this.deps.dataDir, `.tmp-workspace-${process.pid}-${Date.now()}.sqlite`);
    try {
      await writeCheckedCopy(this.deps.ledgerFile, temp, { expectSameMigrations: true });
      const { plain, reenter, secretCount } = this.takeSecretsOut(temp, input.passphrase !== undefined);
      const check = checkLedgerFile(temp);
      if (!check.ok) throw new AppError('internal', `The workspace copy of the ledger failed its check: ${check.problem}.`);
      fsyncFile(temp);
      const ledger = fs.readFileSync(temp);
      const secrets: Manifest['secrets'] = secretCount === 0 ? 'none' : input.passphrase !== undefined ? 'sealed' : 'omitted';
      const manifest: Manifest = {
        format: WORKSPACE_FORMAT,
        formatVersion: 1,
        appVersion: this.deps.appVersion,
        schemaVersion: check.schemaVersion,
        createdAt: now.toISOString(),
        ledger: { file: 'meterbook.sqlite', sizeBytes: ledger.length, sha256: sha256(ledger) },
        secrets,
        reenter,
        assets: 'in-ledger',
      };
      const entries: Record<string, Uint8Array> = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)), 'meterbook.sqlite': ledger };
      if (secrets === 'sealed') entries['secrets.json'] = strToU8(JSON.stringify(sealWithPassphrase(JSON.stringify(plain), input.passphrase!)));
      const zipped = zipSync(entries, { level: 6, mtime: now });
      const dest = input.dest ?? this.defaultDest(now);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      const part = `${dest}.${process.pid}.part`;
      fs.writeFileSync(part, zipped, { mode: 0o600 });
      fsyncFile(part);
      fs.renameSync(part, dest);
      fsyncDir(path.dirname(dest));
      return { file: dest, name: path.basename(dest), sizeBytes: zipped.length, secrets, reenter };
    } finally {
      removeQuietly(temp, ...sideFiles(temp));
    }
  }

  private defaultDest(now: Date): string {
    const dir = path.join(this.deps.dataDir, EXPORTS_FOLDER);
    const base = `meterbook-workspace-${now.toISOString().slice(0, 10)}`;
    let n = 1;
    let file = path.join(dir, `${base}.zip`);
    while (fs.existsSync(file)) file = path.join(dir, `${base}-${++n}.zip`);
    return file;
  }

  /** Opens every sealed credential in the copy with this computer's key, then removes them all from it. */
  private takeSecretsOut(file: string, keep: boolean): { plain: PlainSecrets; reenter: string[]; secretCount: number } {
    const db = new BetterSqlite3(file);
    const plain: PlainSecrets = { providers: {}, stripe: null };
    const reenter: string[] = [];
    let secretCount = 0;
    try {
      const rows = db.prepare('select id, name, credentials from provider_accounts where credentials is not null').all() as Array<{ id: number; name: string; credentials: Buffer }>;
      for (const r of rows) {
        secretCount++;
        try {
          plain.providers[String(r.id)] = this.deps.secrets.decrypt(Buffer.from(r.credentials));
          if (!keep) reenter.push(`Provider account "${r.name}"`);
        } catch {
          reenter.push(`Provider account "${r.name}" (its key could not be opened on this computer)`);
        }
      }
      const stripeRow = db.prepare('select value from settings where key = ?').get(STRIPE_KEY) as { value: string } | undefined;
      const stripe = stripeRow ? (JSON.parse(stripeRow.value) as Record<string, unknown>) : null;
      if (stripe && typeof stripe.sealedKey === 'string' && stripe.sealedKey !== '') {
        secretCount++;
        try {
          plain.stripe = this.deps.secrets.decrypt(Buffer.from(stripe.sealedKey, 'base64'));
          if (!keep) reenter.push('Stripe connection');
        } catch {
          reenter.push('Stripe connection (its key could not be opened on this computer)');
        }
      }
      db.transaction(() => {
        // hints stay only where the key travels with the file
        for (const r of rows) {
          const travels = keep && plain.providers[String(r.id)] !== undefined;
          db.prepare(`update provider_accounts set credentials = null${travels ? '' : ', credentials_hint = null'} where id = ?`).run(r.id);
        }
        if (stripe) {
          const travels = keep && plain.stripe !== null;
          const next = { ...stripe, sealedKey: '', ...(travels ? {} : { lastError: 'The Stripe key did not move with the workspace: connect Stripe again in Settings.' }) };
          db.prepare('update settings set value = ? where key = ?').run(JSON.stringify(next), STRIPE_KEY);
        }
      })();
      // no old ciphertext left in free pages
      db.exec('VACUUM');
    } finally {
      db.close();
    }
    if (!keep) plain.providers = {};
    if (!keep) plain.stripe = null;
    return { plain, reenter, secretCount };
  }

  async import(input: { file: FileRef; passphrase?: string | undefined; replace: boolean }): Promise<WorkspaceImportResult> {
    const { path: file, name } = await resolveFileRef(input.file, this.deps.dataDir, this.deps.mode);
    const { manifest, ledger, sealed } = readWorkspace(file, name);
    let plain: PlainSecrets = { providers: {}, stripe: null };
    if (manifest.secrets === 'sealed') {
      if (input.passphrase === undefined || input.passphrase === '') {
        throw new AppError('invalid_input', 'This workspace file holds provider keys sealed with a passphrase: enter the passphrase chosen when it was exported.', { field: 'passphrase' });
      }
      try {
        plain = JSON.parse(openWithPassphrase(sealed!, input.passphrase)) as PlainSecrets;
      } catch (err) {
        if (err instanceof WrongPassphraseError) throw new AppError('invalid_input', `${err.message} Check the passphrase and try again; nothing was changed.`, { field: 'passphrase' });
        throw err;
      }
    }
    const present = await this.deps.hasData();
    const hasData = present.clients + present.providers + present.events + present.invoices > 0;
    if (hasData && !input.replace) {
      throw new AppError(
        'conflict',
        `This data folder already holds ${present.clients} client(s), ${present.providers} provider account(s), ${present.events} usage event(s) and ${present.invoices} invoice(s). Importing replaces all of it (a safety backup is taken first): confirm to replace. Nothing was changed.`,
        { field: 'replace' },
      );
    }
    const temp = path.join(this.deps.dataDir, `.tmp-import-${process.pid}-${Date.now()}.sqlite`);
    try {
      fs.writeFileSync(temp, ledger, { mode: 0o600 });
      const reenter = [...manifest.reenter];
      const { check, migrated, safetyBackup } = await this.deps.restore.replaceWith(temp, name, {
        safetyBackup: hasData,
        prepare: (staged) => this.sealInto(staged, plain),
      });
      return {
        appVersion: manifest.appVersion,
        createdAt: manifest.createdAt,
        fromSchemaVersion: check.schemaVersion,
        schemaVersion: check.schemaVersion + migrated.length,
        migrated,
        reenter,
        safetyBackup,
      };
    } finally {
      removeQuietly(temp, ...sideFiles(temp));
    }
  }

  /** Seals the credentials with this computer's key into the staged ledger. */
  private sealInto(staged: string, plain: PlainSecrets): void {
    const db = new BetterSqlite3(staged);
    try {
      db.transaction(() => {
        for (const [id, json] of Object.entries(plain.providers)) {
          db.prepare('update provider_accounts set credentials = ? where id = ?').run(this.deps.secrets.encrypt(json), Number(id));
        }
        if (plain.stripe !== null) {
          const row = db.prepare('select value from settings where key = ?').get(STRIPE_KEY) as { value: string } | undefined;
          if (row) {
            const next = { ...(JSON.parse(row.value) as Record<string, unknown>), sealedKey: this.deps.secrets.encrypt(plain.stripe).toString('base64') };
            db.prepare('update settings set value = ? where key = ?').run(JSON.stringify(next), STRIPE_KEY);
          }
        }
      })();
    } finally {
      db.close();
    }
  }
}

/** Reads and checks a workspace file: zip, manifest, schema not newer than this app, ledger digest. */
export function readWorkspace(file: string, name: string): { manifest: Manifest; ledger: Uint8Array; sealed: SealedJson | null } {
  const bad = (why: string) => new AppError('invalid_input', `${name} is not a Meterbook workspace file this app can import: ${why}. Nothing was changed.`, { field: 'file' });
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw bad('it cannot be read');
  }
  if (size > MAX_WORKSPACE_BYTES) throw bad('it is larger than 4 GB');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(fs.readFileSync(file));
  } catch {
    throw bad('it is not a zip file, or the zip is damaged');
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw bad('it has no manifest.json');
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(strFromU8(manifestBytes)));
  } catch {
    throw bad('its manifest.json is not one Meterbook writes');
  }
  if (manifest.schemaVersion > LATEST_SCHEMA_VERSION) {
    throw bad(`it was exported by a newer Meterbook (${manifest.appVersion}, schema ${manifest.schemaVersion}; this app knows ${LATEST_SCHEMA_VERSION}): update Meterbook first`);
  }
  const ledger = entries['meterbook.sqlite'];
  if (!ledger || ledger.length !== manifest.ledger.sizeBytes || sha256(ledger) !== manifest.ledger.sha256) throw bad('its ledger does not match the manifest (the file is damaged)');
  let sealed: SealedJson | null = null;
  if (manifest.secrets === 'sealed') {
    const s = entries['secrets.json'];
    if (!s) throw bad('its sealed credentials are missing');
    try {
      sealed = JSON.parse(strFromU8(s)) as SealedJson;
    } catch {
      throw bad('its sealed credentials are damaged');
    }
  }
  return { manifest, ledger, sealed };
}
