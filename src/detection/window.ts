import { ConfigError } from '../errors.js';

export interface TimeWindow {
  since?: number;
  until?: number;
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DAY_MS = UNIT_MS.d!;

/** An ISO 8601 instant (`2026-11-01T00:00:00Z`, `2026-11-01`) or a duration before now (`90m`, `24h`, `7d`, `2w`). */
export function parseInstant(input: string, value: string, now: number): number {
  const relative = /^(\d+)\s*([smhdw])$/i.exec(value);
  if (relative) {
    const ms = now - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!;
    // `99999999999d` would reach before any date JavaScript (or CloudTrail, from 2013) knows.
    if (ms < 0) throw new ConfigError(`Input '${input}': '${value}' reaches back before 1970; use a shorter duration or an ISO 8601 date.`);
    return ms;
  }
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(value)) {
    // A date or time without a zone means UTC: CloudTrail's eventTime is UTC.
    const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) || value.length === 10 ? value : `${value}Z`;
    const ms = Date.parse(withZone);
    if (!Number.isNaN(ms)) return ms;
  }
  throw new ConfigError(`Input '${input}' must be an ISO 8601 instant (2026-11-01T00:00:00Z) or a duration before now (24h, 7d); got '${value}'.`);
}

/**
 * The event-time window. Without `since`, S3 sources default to the last 24 hours (a bucket holds years);
 * other sources scan every event. `until` defaults to now only when some `since` applies.
 */
export function resolveWindow(since: string, until: string, now: number, hasS3Source: boolean): TimeWindow {
  const window: TimeWindow = {};
  if (since) window.since = parseInstant('since', since, now);
  else if (hasS3Source) window.since = now - DAY_MS;
  // A bare date as `until` means the whole of that day.
  if (until) window.until = parseInstant('until', until, now) + (/^\d{4}-\d{2}-\d{2}$/.test(until) ? DAY_MS - 1 : 0);
  if (window.since !== undefined && window.until !== undefined && window.since > window.until) {
    throw new ConfigError(`Input 'since' (${new Date(window.since).toISOString()}) is after 'until' (${new Date(window.until).toISOString()}).`);
  }
  return window;
}
