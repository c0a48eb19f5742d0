// Runs anywhere. When a client's customers are active, in the client's local time: relative volume
// per weekday and per hour of the day. Volumes only (plain numbers), never money.
import type { Rng } from './prng';

export interface ActivityProfile {
  readonly name: string;
  /** Monday..Sunday, scaled so that their mean is 1 (a week keeps the monthly volume) */
  readonly weekday: readonly number[];
  /** relative weight of each local hour 0..23 */
  readonly hours: readonly number[];
}

function profile(name: string, weekday: readonly number[], hours: readonly number[]): ActivityProfile {
  if (weekday.length !== 7 || hours.length !== 24) throw new Error(`Bad activity profile ${name}`);
  const mean = weekday.reduce((a, b) => a + b, 0) / 7;
  return { name, weekday: weekday.map((w) => w / mean), hours };
}

//                         0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17   18   19   20   21   22   23
const OFFICE_HOURS = [    0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 4.0, 7.5, 9.0, 9.0, 6.5, 7.0, 8.5, 8.5, 7.5, 5.0, 3.0, 2.0, 1.5, 1.2, 0.8, 0.5];
const CLINIC_HOURS = [     0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.8, 3.5, 7.5, 9.0, 9.0, 8.0, 6.0, 6.5, 8.0, 8.0, 7.0, 5.5, 3.5, 2.5, 2.0, 1.5, 0.8, 0.4];
const ALWAYS_ON_HOURS = [  1.0, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 3.5, 5.0, 5.5, 5.5, 5.5, 5.0, 5.0, 5.0, 5.0, 5.5, 6.0, 6.5, 7.5, 8.0, 7.0, 4.5, 2.0];
const LOGISTICS_HOURS = [  0.3, 0.2, 0.2, 0.3, 0.8, 3.0, 7.0, 9.5, 9.5, 8.5, 7.5, 7.0, 6.0, 6.5, 7.0, 6.5, 5.5, 4.0, 2.0, 1.0, 0.6, 0.5, 0.4, 0.3];

/** Monday-Friday office (UK, Australia, Canada...). */
export const OFFICE = profile('office', [1.2, 1.25, 1.25, 1.2, 1.05, 0.2, 0.1], OFFICE_HOURS);
/** Nepal: Saturday is the weekly holiday, Sunday a working day, Friday shorter. */
export const OFFICE_NEPAL = profile('office-nepal', [1.15, 1.15, 1.15, 1.15, 0.9, 0.15, 1.1], OFFICE_HOURS);
/** Kuwait and most of the Gulf: the weekend is Friday and Saturday. */
export const OFFICE_GULF = profile('office-gulf', [1.2, 1.2, 1.2, 1.15, 0.12, 0.3, 1.2], OFFICE_HOURS);
/** Clinics: weekdays plus Saturday mornings. */
export const CLINIC = profile('clinic', [1.15, 1.15, 1.15, 1.15, 1.1, 0.55, 0.15], CLINIC_HOURS);
/** Consumer-facing chat: every day, evenings busiest. */
export const ALWAYS_ON = profile('always-on', [1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 0.85], ALWAYS_ON_HOURS);
/** Freight dispatch: early starts, quiet weekends. */
export const LOGISTICS = profile('logistics', [1.2, 1.2, 1.2, 1.2, 1.15, 0.35, 0.1], LOGISTICS_HOURS);

/** A random time of day (ms after local midnight) following the profile's hours. */
export function sampleMsOfDay(rng: Rng, p: ActivityProfile): number {
  const hour = rng.weighted(p.hours);
  return hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}
