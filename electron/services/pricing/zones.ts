// Runs in main. Which time zone a client's dates and periods are in, and local calendar days as instants.
// Luxon does the zone math (never hand-added offsets).
import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { Database } from '../../db/schema';

/** The agency's zone, or UTC before onboarding. */
export async function agencyZone(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('agency').select('time_zone').where('id', '=', 1).executeTakeFirst();
  return row?.time_zone ?? 'UTC';
}

/** The client's override, else the agency's zone. */
export function clientZone(client: { time_zone: string | null }, agency: string): string {
  return client.time_zone ?? agency;
}

/**
 * First instant (epoch ms) of a local calendar day: 2026-10-15 in Asia/Kathmandu = 2026-10-14T18:15:00Z.
 * Where midnight does not exist (a DST gap at 24:00), the day starts at its first existing instant.
 */
export function localDayStart(date: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = DateTime.fromObject({ year: y, month: m, day: d, hour: 0 }, { zone });
  if (!dt.isValid) throw new Error(`Cannot place ${date} in ${zone}: ${dt.invalidExplanation ?? 'invalid'}.`);
  return dt.toMillis();
}

/** The local calendar day (YYYY-MM-DD) an instant falls on. */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate()!;
}
