/**
 * Denied calls over time for the charts: the top users' counted denials per UTC hour (windows up to 3 days) or
 * per UTC day, plus everyone else. Built from the detection's per-user hourly counts, which merge exactly
 * across worker threads; engines (Athena, CloudTrail Lake) do not compute them, so their reports have no
 * timeline and the time chart is omitted.
 */
import { activityByUser } from '../detection/by-user.js';
import type { Finding } from '../detection/types.js';
import { HOUR_MS, type UserHours } from '../detection/user-context.js';

const DAY_MS = 24 * HOUR_MS;
/** Hour buckets when the charted range spans at most this much, else day buckets. */
export const HOURLY_MAX_SPAN_MS = 3 * DAY_MS;
/** Day buckets shown at most (the latest ones); calls before them are counted in `earlier`. */
export const MAX_DAY_BUCKETS = 92;
/** Users with a line of their own; the rest are summed as "others". */
export const TOP_USERS = 5;

export interface Timeline {
  unit: 'hour' | 'day';
  /** UTC start of each bucket: `YYYY-MM-DDTHH:00` (hours) or `YYYY-MM-DD` (days), consecutive, none skipped. */
  buckets: string[];
  /** The users with most denied calls (the by-user table's first rows), at most TOP_USERS. */
  series: { user: string | null; total: number; counts: number[] }[];
  /** Everyone else, summed: how many users and their calls per bucket. */
  others?: { users: number; total: number; counts: number[] };
  /** Counted calls in no bucket: without a readable eventTime. */
  untimed: number;
  /** Counted calls before the first bucket (only when more than MAX_DAY_BUCKETS days would be needed). */
  earlier: number;
}

const hourLabel = (hour: number): string => new Date(hour * HOUR_MS).toISOString().slice(0, 13) + ':00';
const dayLabel = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * The timeline of a run, or undefined when no counted call has a time. The range is the event window
 * (`since`/`until`, ms) where set, else the first and last call; a range over 3 days is counted in days,
 * and one needing more than MAX_DAY_BUCKETS days is narrowed to the calls' own days, then to the latest days.
 */
export function buildTimeline(perHour: readonly UserHours[], findings: readonly Finding[], since?: number, until?: number): Timeline | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const u of perHour) {
    for (const [hour] of u.hours) {
      if (hour < first) first = hour;
      if (hour > last) last = hour;
    }
  }
  const untimed = perHour.reduce((n, u) => n + u.untimed, 0);
  if (first === Infinity) return undefined;
  const start = since ?? first * HOUR_MS;
  const end = until ?? last * HOUR_MS + HOUR_MS - 1;
  const hourly = end - start <= HOURLY_MAX_SPAN_MS;
  const size = hourly ? HOUR_MS : DAY_MS;
  // Bucket of an hour index; the data always lies inside the window, so inside [from, to].
  const bucketOf = (hour: number): number => Math.floor((hour * HOUR_MS) / size);
  let from = Math.min(Math.floor(start / size), bucketOf(first));
  let to = Math.max(Math.floor(end / size), bucketOf(last));
  if (!hourly && to - from + 1 > MAX_DAY_BUCKETS) {
    from = bucketOf(first);
    to = bucketOf(last);
    if (to - from + 1 > MAX_DAY_BUCKETS) from = to - MAX_DAY_BUCKETS + 1;
  }
  const buckets = Array.from({ length: to - from + 1 }, (_, i) => (hourly ? hourLabel(from + i) : dayLabel(from + i)));

  const byUser = new Map(perHour.map((u) => [u.user, u]));
  let earlier = 0;
  const countsOf = (u: UserHours | undefined): number[] => {
    const counts = new Array<number>(buckets.length).fill(0);
    for (const [hour, n] of u?.hours ?? []) {
      const b = bucketOf(hour) - from;
      if (b < 0) earlier += n;
      else counts[b]! += n;
    }
    return counts;
  };
  const sum = (counts: number[]): number => counts.reduce((n, c) => n + c, 0);
  const order = activityByUser(findings).map((a) => a.user);
  // Users with denials per hour but no finding cannot happen; keep them as others rather than lose them.
  const ordered = new Set(order);
  for (const u of perHour) if (!ordered.has(u.user)) order.push(u.user);
  const series = order.slice(0, TOP_USERS).map((user) => {
    const counts = countsOf(byUser.get(user));
    return { user, total: sum(counts), counts };
  });
  const rest = order.slice(TOP_USERS);
  const timeline: Timeline = { unit: hourly ? 'hour' : 'day', buckets, series, untimed, earlier: 0 };
  if (rest.length > 0) {
    const counts = new Array<number>(buckets.length).fill(0);
    for (const user of rest) countsOf(byUser.get(user)).forEach((n, i) => (counts[i]! += n));
    timeline.others = { users: rest.length, total: sum(counts), counts };
  }
  timeline.earlier = earlier;
  return timeline;
}
