// Runs in main. How much a tenant uses on a given local day: weekday seasonality, growth, onboarding,
// pauses, a late ramp-up, one-off spikes and day-to-day noise. Volumes only (plain numbers), never money.
import type { ActivityProfile } from './activity-profiles';
import type { LocalDay, ZoneCalendar } from './demo-calendar';
import type { Rng } from './prng';

export const DAYS_PER_MONTH = 30.44;

export interface ShapeSpec {
  readonly profile: ActivityProfile;
  /** month-over-month growth of every metric, e.g. 0.05 = +5 % a month; volumes are given as of the window's end */
  readonly growthPerMonth: number;
  /** first active day, counted in days before the window's end (a new or trial client) */
  readonly startsDaysAgo?: number;
  /** paused this many days before the window's end: no activity from that day on */
  readonly pausedDaysAgo?: number;
  /** the last `days` days climb, within four days, to `factor` times the usual volume */
  readonly ramp?: { readonly days: number; readonly factor: number };
}

/** A one-day burst (a campaign blast, an outage elsewhere sending everyone to chat). */
export interface Spike {
  readonly daysAgo: number;
  readonly factor: number;
}

/** Day-to-day variation beyond the Poisson noise of counts (sigma of a log-normal). */
const DAY_NOISE = 0.12;

export class VolumeShape {
  private readonly noise = new Map<string, number>();

  constructor(
    readonly spec: ShapeSpec,
    calendar: ZoneCalendar,
    rng: Rng,
  ) {
    for (const d of calendar.days) this.noise.set(d.date, Math.exp(DAY_NOISE * rng.normal()));
  }

  get profile(): ActivityProfile {
    return this.spec.profile;
  }

  active(day: LocalDay): boolean {
    const { startsDaysAgo, pausedDaysAgo } = this.spec;
    if (startsDaysAgo !== undefined && day.daysBeforeEnd > startsDaysAgo) return false;
    if (pausedDaysAgo !== undefined && day.daysBeforeEnd <= pausedDaysAgo) return false;
    return true;
  }

  /** Multiplier of the end-of-window daily volume on `day` ignoring weekdays (growth, onboarding, ramp). */
  trend(day: LocalDay): number {
    const { growthPerMonth, startsDaysAgo, ramp } = this.spec;
    let f = Math.pow(1 + growthPerMonth, -Math.max(0, day.daysBeforeEnd) / DAYS_PER_MONTH);
    if (startsDaysAgo !== undefined) f *= Math.min(1, 0.4 + 0.12 * (startsDaysAgo - day.daysBeforeEnd));
    if (ramp && day.daysBeforeEnd < ramp.days) {
      f *= 1 + (ramp.factor - 1) * Math.min(1, (ramp.days - day.daysBeforeEnd) / 4);
    }
    return f;
  }

  /** Expected number of events on `day` for a metric running at `perMonth` events a month. */
  mean(day: LocalDay, perMonth: number, spike?: Spike): number {
    if (!this.active(day)) return 0;
    const weekday = this.spec.profile.weekday[day.weekday - 1]!;
    const isSpike = spike !== undefined && spike.daysAgo === day.daysBeforeEnd;
    // a spike day is quoted against the usual day, so it skips the random day noise
    const noise = isSpike ? spike.factor : this.noise.get(day.date)!;
    return (perMonth / DAYS_PER_MONTH) * weekday * this.trend(day) * noise;
  }
}
