// Runs anywhere. No Node, no DOM. Instants are UTC milliseconds since the Unix epoch; text form is
// the ISO 8601 UTC string Date#toISOString produces ("2026-10-01T04:00:00.000Z").

/** ISO 8601 date-time with an explicit offset or Z; a local time without a zone is ambiguous and refused. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An instant as UTC epoch milliseconds, ISO 8601 text with an offset, or a Date. */
export type InstantInput = number | string | Date;

/** Parses an instant to UTC epoch milliseconds; throws a message a user can act on for anything ambiguous. */
export function toEpochMs(value: InstantInput): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`Instant ${value} is not a whole number of milliseconds.`);
    return value;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new Error('Instant is an invalid Date.');
    return ms;
  }
  if (!ISO_WITH_ZONE.test(value)) {
    throw new Error(`"${value}" is not an ISO 8601 date-time with a zone (e.g. 2026-10-01T00:00:00Z or 2026-10-01T00:00:00+05:30).`);
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`"${value}" is not a valid date-time.`);
  return ms;
}

/** UTC ISO text, exactly as Date#toISOString: "2026-10-01T04:00:00.000Z". */
export function toIsoUtc(ms: number): string {
  return new Date(ms).toISOString();
}
