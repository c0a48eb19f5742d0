// Runs anywhere. No Node, no DOM.
import { IANAZone } from 'luxon';

/** True when `zone` is an IANA time-zone name the runtime's tz database knows ("Asia/Kathmandu"). */
export function isTimeZone(zone: string): boolean {
  // Fixed offsets such as "UTC+5" are valid Luxon zones but not IANA names; we only accept IANA ids.
  return /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);
}

/** All IANA zones the runtime knows, for pickers. */
export function listTimeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
