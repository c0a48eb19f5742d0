// Runs in main. What the invoices tables say: balances due today (issued, unpaid invoices with something left to
// pay; overdue once past the due date), and what was invoiced for a period (issued and paid invoices and credit
// notes, net of tax). The same rules as InvoicesService.summary and invoices.list.
import type BetterSqlite3 from 'better-sqlite3';
import { Dec, dec, moneyText } from '../../../shared/money/decimal';

export interface DueFigures {
  due: Array<{ currency: string; count: number; amount: string }>;
  overdue: Array<{ currency: string; count: number; amount: string }>;
}

/** Issued invoices with a balance due (amount due − issued credit notes > 0); overdue: due date before `today`. */
export function invoicesDue(raw: BetterSqlite3.Database, today: string): DueFigures {
  const rows = raw
    .prepare(
      `select i.currency, i.due_date, i.amount_due,
              (select dec_sum(cn.total) from invoices cn where cn.credit_of = i.id and cn.status in ('issued', 'paid')) as credited
       from invoices i where i.kind = 'invoice' and i.status = 'issued'`,
    )
    .all() as Array<{ currency: string; due_date: string | null; amount_due: string; credited: string | null }>;
  const due = new Map<string, { count: number; amount: Dec }>();
  const overdue = new Map<string, { count: number; amount: Dec }>();
  const add = (m: typeof due, currency: string, amount: Dec) => {
    const t = m.get(currency) ?? { count: 0, amount: new Dec(0) };
    t.count += 1;
    t.amount = t.amount.plus(amount);
    m.set(currency, t);
  };
  for (const r of rows) {
    const balance = Dec.max(new Dec(0), dec(r.amount_due).minus(dec(r.credited ?? '0').abs()));
    if (!balance.gt(0)) continue;
    add(due, r.currency, balance);
    if (r.due_date !== null && r.due_date < today) add(overdue, r.currency, balance);
  }
  const list = (m: typeof due) =>
    [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, count: t.count, amount: moneyText(t.amount, currency) }));
  return { due: list(due), overdue: list(overdue) };
}

/** currency -> what was invoiced for the period label: issued and paid invoices plus credit notes, net (before tax). */
export function invoicedForPeriod(raw: BetterSqlite3.Database, label: string): Map<string, Dec> {
  const rows = raw
    .prepare(
      `select currency, json_extract(snapshot, '$.totals.net') as net from invoices
       where period_label = ? and status in ('issued', 'paid') and snapshot is not null`,
    )
    .all(label) as Array<{ currency: string; net: string | null }>;
  const out = new Map<string, Dec>();
  for (const r of rows) out.set(r.currency, (out.get(r.currency) ?? new Dec(0)).plus(dec(r.net ?? '0')));
  return out;
}
