import { ConfigError } from '../errors.js';

/**
 * The CloudTrail S3 layout:
 *   <prefix>/AWSLogs/[<o-org-id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz
 * Pure helpers: parsing `s3://` lines, locating a prefix inside the layout, choosing day prefixes for a time window.
 */

export interface S3Location {
  bucket: string;
  /** '' for the bucket root, else ends with '/': a prefix is always read as a folder. */
  prefix: string;
}

export interface TimeWindow {
  since?: number;
  until?: number;
}

const BUCKET_NAME = /^[a-z0-9][a-z0-9.\-_]{0,254}$/i;
export const ORG_ID = /^o-[a-z0-9]{10,32}$/;
export const ACCOUNT_ID = /^\d{12}$/;

export function parseS3Url(line: string): S3Location {
  const match = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(line.trim());
  const bucket = match?.[1] ?? '';
  if (!match || !BUCKET_NAME.test(bucket)) {
    throw new ConfigError(`Input 'source': '${line}' is not a valid S3 location; expected s3://bucket or s3://bucket/prefix/`);
  }
  const segments = (match[2] ?? '').split('/').filter((s) => s.length > 0);
  return { bucket, prefix: segments.length > 0 ? `${segments.join('/')}/` : '' };
}

/** Where a prefix sits in the layout when it names an `AWSLogs/` folder or something below it. */
export interface LayoutPosition {
  /** The prefix up to and including `AWSLogs/`. */
  awsLogsRoot: string;
  org?: string;
  account?: string;
  /** Set when the prefix reaches into `<account>/CloudTrail/`. */
  region?: string;
  /** Fixed leading date parts (`YYYY`, `MM`, `DD`) when the prefix reaches into a region folder. */
  dateParts: string[];
}

/**
 * Locates `prefix` inside the CloudTrail layout.
 * Returns undefined when the prefix has no `AWSLogs` segment (the layout may still lie below it),
 * and 'not-cloudtrail' when it does but points somewhere that is not a CloudTrail log folder
 * (CloudTrail-Digest/, CloudTrail-Insight/, another service, or a file-name prefix below a day).
 */
export function locateInLayout(prefix: string): LayoutPosition | 'not-cloudtrail' | undefined {
  const segments = prefix.split('/').filter((s) => s.length > 0);
  const index = segments.indexOf('AWSLogs');
  if (index < 0) return undefined;
  const awsLogsRoot = `${segments.slice(0, index + 1).join('/')}/`;
  const rest = segments.slice(index + 1);
  const position: LayoutPosition = { awsLogsRoot, dateParts: [] };
  if (rest.length > 0 && ORG_ID.test(rest[0])) position.org = rest.shift();
  if (rest.length === 0) return position;
  const account = rest.shift() as string;
  if (!ACCOUNT_ID.test(account)) return 'not-cloudtrail';
  position.account = account;
  if (rest.length === 0) return position;
  if (rest.shift() !== 'CloudTrail') return 'not-cloudtrail';
  if (rest.length === 0) return position;
  position.region = rest.shift();
  if (rest.length > 3) return 'not-cloudtrail';
  const datePattern = [/^\d{4}$/, /^\d{2}$/, /^\d{2}$/];
  if (!rest.every((part, i) => datePattern[i].test(part))) return 'not-cloudtrail';
  position.dateParts = rest;
  return position;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function formatDay(ms: number): string {
  const d = new Date(ms);
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}/${mm}/${dd}`;
}

/**
 * `YYYY/MM/DD` folders that can hold files with events in [since, until]:
 * the day of `since` through one day past the day of `until`, because files land up to ~15 minutes
 * after their events (an event at 23:55 is in the next day's folder).
 */
export function windowDays(since: number, until: number): string[] {
  const days: string[] = [];
  const first = Math.floor(since / DAY_MS) * DAY_MS;
  const last = Math.floor(until / DAY_MS) * DAY_MS + DAY_MS;
  for (let day = first; day <= last; day += DAY_MS) days.push(formatDay(day));
  return days;
}

/** The delivery time in a CloudTrail log file name (`_20261101T1205Z_`), in ms; undefined when absent. */
export function deliveryTime(key: string): number | undefined {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_/.exec(name);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Slack around the window when pruning by delivery time.
 * Before: a file holds events from the minutes before its (minute-truncated) delivery time, so one delivered
 * before `since` holds nothing in the window; 5 minutes of slack covers the truncation and clock skew.
 * After: CloudTrail delivers within about 15 minutes of the event; we allow an hour, so a file delivered more than
 * an hour after `until` is skipped. Files without a timestamp in their name are always read.
 */
export const DELIVERED_BEFORE_SINCE_SLACK_MS = 5 * 60 * 1000;
export const DELIVERED_AFTER_UNTIL_SLACK_MS = 60 * 60 * 1000;

export function deliveredInWindow(key: string, window: TimeWindow): boolean {
  const delivered = deliveryTime(key);
  if (delivered === undefined) return true;
  if (window.since !== undefined && delivered < window.since - DELIVERED_BEFORE_SINCE_SLACK_MS) return false;
  if (window.until !== undefined && delivered > window.until + DELIVERED_AFTER_UNTIL_SLACK_MS) return false;
  return true;
}
