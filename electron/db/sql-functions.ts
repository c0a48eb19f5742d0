// Runs in main. Exact decimal arithmetic inside SQLite: money is decimal text, and SQLite's own sum()
// would turn it into lossy REAL. These are registered on every connection the ledger opens.
import type BetterSqlite3 from 'better-sqlite3';
import { searchFold } from '../../shared/domain/search-fold';
import { Dec } from '../../shared/money/decimal';

const toDec = (v: unknown) => (v === null || v === undefined ? null : new Dec(String(v)));

export function registerSqlFunctions(raw: BetterSqlite3.Database): void {
  /** dec_add(a, b): exact a + b of decimal text; null counts as 0 */
  raw.function('dec_add', { deterministic: true }, (a: unknown, b: unknown) => {
    const x = toDec(a) ?? new Dec(0);
    const y = toDec(b) ?? new Dec(0);
    return x.plus(y).toFixed();
  });
  /** search_fold(x): case/accent-insensitive form for LIKE searches (SQLite's lower() only folds ASCII) */
  raw.function('search_fold', { deterministic: true }, (v: unknown) => (v === null || v === undefined ? null : searchFold(String(v))));
  /** dec_sum(x): exact sum of decimal text over a group; nulls skipped; '0' for none */
  raw.aggregate('dec_sum', {
    start: () => new Dec(0),
    step: (acc: InstanceType<typeof Dec>, v: unknown) => (v === null || v === undefined ? acc : acc.plus(new Dec(String(v)))),
    result: (acc: InstanceType<typeof Dec>) => acc.toFixed(),
  });
}
