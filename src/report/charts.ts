/**
 * Mermaid charts GitHub renders in job summaries, issue bodies and comments: denied calls over time for the top
 * users, and denied calls by deny reason; each with its numbers in an HTML table for screen readers.
 *
 * Nothing from the logs is ever written inside a Mermaid block: lines are named `user 1`…`user 5` and
 * `others`, reasons come from the fixed DENY_REASONS list, bucket labels are dates the action formats itself
 * and every other value is a number. The names behind `user N` are in a legend table outside the block,
 * escaped like every other value (`inertCode`). Syntax kept to what Mermaid 10 accepts (`xychart-beta`,
 * `pie showData`, an `%%{init}%%` directive for the line colours, which older renderers ignore).
 */
import { DENY_REASONS, type DenyReason } from '../detection/deny-reason.js';
import { inertCode } from './escape.js';
import { formatCount, htmlTable, plural } from './html.js';
import type { Timeline } from './timeline.js';

/** Line colours, in order, and the emoji square of the same colour used in the legend. */
const USER_COLOURS: [emoji: string, hex: string][] = [
  ['🟥', '#dd2e44'],
  ['🟧', '#f4900c'],
  ['🟨', '#fdcb58'],
  ['🟩', '#78b159'],
  ['🟦', '#55acee']
];
const OTHERS_COLOUR: [emoji: string, hex: string] = ['🟫', '#c1694f'];

const fence = (lines: string[]): string => '```mermaid\n' + lines.join('\n') + '\n```\n';

/** Bucket labels as short as the range allows: `09:00` within one day, `11-26 09:00` across days, `11-26` for days within a year. */
function labels(t: Timeline): string[] {
  if (t.unit === 'hour') {
    const oneDay = t.buckets.every((b) => b.slice(0, 10) === t.buckets[0]!.slice(0, 10));
    return t.buckets.map((b) => (oneDay ? b.slice(11, 16) : `${b.slice(5, 10)} ${b.slice(11, 16)}`));
  }
  const oneYear = t.buckets.every((b) => b.slice(0, 4) === t.buckets[0]!.slice(0, 4));
  return t.buckets.map((b) => (oneYear ? b.slice(5, 10) : b));
}

/** What the range is, for titles and captions (our own dates only). */
function rangeText(t: Timeline): string {
  const first = t.buckets[0]!;
  const last = t.buckets[t.buckets.length - 1]!;
  if (t.unit === 'hour') return first.slice(0, 10) === last.slice(0, 10) ? first.slice(0, 10) : `${first.slice(0, 10)} to ${last.slice(0, 10)}`;
  return first === last ? first : `${first} to ${last}`;
}

interface Line {
  name: string;
  emoji: string;
  hex: string;
  who: string;
  total: number;
  counts: number[];
}

function lines(t: Timeline): Line[] {
  const out: Line[] = t.series.map((s, i) => ({ name: `user ${i + 1}`, emoji: USER_COLOURS[i]![0], hex: USER_COLOURS[i]![1], who: inertCode(s.user, 100), total: s.total, counts: s.counts }));
  if (t.others) out.push({ name: 'others', emoji: OTHERS_COLOUR[0], hex: OTHERS_COLOUR[1], who: plural(t.others.users, 'other user'), total: t.others.total, counts: t.others.counts });
  return out;
}

/** The Mermaid block of the time chart (no log value in it). */
export function timeChartMermaid(t: Timeline): string {
  const series = lines(t);
  const per = t.unit === 'hour' ? 'hour' : 'day';
  const max = Math.max(1, ...series.flatMap((l) => l.counts));
  if (t.buckets.length === 1) {
    // One bucket: a line of one point draws nothing, so one bar per line instead.
    return fence([
      'xychart-beta',
      `    title "Denied calls in the ${per} of ${t.unit === 'hour' ? t.buckets[0]!.replace('T', ' ') : t.buckets[0]!} (UTC)"`,
      `    x-axis [${series.map((l) => `"${l.name}"`).join(', ')}]`,
      `    y-axis "Denied calls" 0 --> ${max}`,
      `    bar [${series.map((l) => l.total).join(', ')}]`
    ]);
  }
  const palette = series.map((l) => l.hex).join(', ');
  return fence([
    `%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "${palette}"}}}}%%`,
    'xychart-beta',
    `    title "Denied calls per ${per} (UTC), ${rangeText(t)}"`,
    `    x-axis [${labels(t)
      .map((l) => `"${l}"`)
      .join(', ')}]`,
    `    y-axis "Denied calls" 0 --> ${max}`,
    ...series.map((l) => `    line [${l.counts.join(', ')}]`)
  ]);
}

/** The time chart: Mermaid block, legend (who each line is, escaped), notes, and the numbers as a collapsible table. */
export function timeChart(t: Timeline, options: { numbers?: boolean } = {}): string {
  const series = lines(t);
  const per = t.unit === 'hour' ? 'hour' : 'day';
  const legend = htmlTable(
    ['Line', 'User', 'Denied calls charted'],
    series.map((l) => [`${t.buckets.length === 1 ? '' : l.emoji + ' '}${l.name}`, l.who, formatCount(l.total)])
  );
  const notes: string[] = [];
  if (t.earlier > 0) notes.push(`${plural(t.earlier, 'denied call')} before ${t.buckets[0]} ${t.earlier === 1 ? 'is' : 'are'} not charted (only the latest ${t.buckets.length} days are).`);
  if (t.untimed > 0) notes.push(`${plural(t.untimed, 'denied call')} without a readable eventTime ${t.untimed === 1 ? 'is' : 'are'} not charted.`);
  let out = `${timeChartMermaid(t)}\n${legend}`;
  if (notes.length > 0) out += `\n_${notes.join(' ')}_\n`;
  if (options.numbers !== false) {
    const rows = t.buckets.map((b, i) => [b, ...series.map((l) => formatCount(l.counts[i]!)), formatCount(series.reduce((n, l) => n + l.counts[i]!, 0))]);
    out += `\n<details><summary>Denied calls per ${per} as a table</summary>\n\n${htmlTable([`${t.unit === 'hour' ? 'Hour' : 'Day'} (UTC)`, ...series.map((l) => l.name), 'All'], rows)}\n</details>\n`;
  }
  return out;
}

/** The Mermaid pie of denied calls per deny reason (fixed labels; reasons with no call left out). */
export function reasonChartMermaid(denyReasons: Partial<Record<DenyReason, number>>): string {
  const shown = DENY_REASONS.filter((r) => (denyReasons[r] ?? 0) > 0);
  return fence(['pie showData', '    title Denied calls by reason', ...shown.map((r) => `    "${r}" : ${denyReasons[r]}`)]);
}

/** The reasons pie and its numbers as a collapsible table; '' when no call was denied. */
export function reasonChart(denyReasons: Partial<Record<DenyReason, number>> | undefined, options: { numbers?: boolean } = {}): string {
  const reasons = denyReasons ?? {};
  const shown = DENY_REASONS.filter((r) => (reasons[r] ?? 0) > 0);
  if (shown.length === 0) return '';
  const total = shown.reduce((n, r) => n + reasons[r]!, 0);
  let out = reasonChartMermaid(reasons);
  if (options.numbers !== false) {
    const rows = shown.map((r) => [`<code>${r}</code>`, formatCount(reasons[r]!), `${((100 * reasons[r]!) / total).toFixed(1)}%`]);
    out += `\n<details><summary>Denied calls by reason as a table</summary>\n\n${htmlTable(['Deny reason', 'Denied calls', 'Share'], rows)}\n</details>\n`;
  }
  return out;
}

/**
 * Both charts under `heading` (e.g. `###`), the time chart only when the report has a timeline (the runner
 * engine's); '' when nothing was denied. `numbers: false` leaves out the per-bucket tables (to fit a budget).
 */
export function chartsSection(
  report: { timeline?: Timeline; denyReasons?: Partial<Record<DenyReason, number>>; matched: number },
  heading: string,
  options: { numbers?: boolean } = {}
): string {
  if (report.matched === 0) return '';
  let out = '';
  if (report.timeline) out += `${heading} Denied calls over time\n\n${timeChart(report.timeline, options)}\n`;
  const reasons = reasonChart(report.denyReasons, options);
  if (reasons) out += `${heading} Denied calls by reason\n\n${reasons}\n`;
  return out;
}
