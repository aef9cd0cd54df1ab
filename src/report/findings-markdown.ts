/**
 * Markdown bodies shared by the findings issue and the sticky PR comment.
 *
 * Every value that comes from the logs goes through `inert`/`inertCode`; links are built only from our own
 * constants (MITRE ATT&CK, detection references) or from URLs the action computed (run, artifact).
 * Tables are HTML with one row per line and no blank line inside, so Markdown never ends the block early.
 * Every body is built against a character budget so it stays under GitHub's 65,536-character limit.
 */
import { activityByUser } from '../detection/by-user.js';
import { DETECTION, MITRE_TECHNIQUES, mitreTechniqueUrl } from '../detection/metadata.js';
import type { Finding } from '../detection/types.js';
import { escapeHtml, inert, inertCode } from './escape.js';
import { budgetedTable, lazyRows, link, plural, safeHref, valueList, type Rows, formatCount } from './html.js';
import { chartsSection } from './charts.js';
import { baselineLine, byUserHeaders, byUserRows } from './summary.js';
import type { ScanReport } from './types.js';

/** What we aim to stay under: the API limit with room for a line or two added by callers. */
/** Body and comment limit of the GitHub API (characters). */
export const GITHUB_BODY_LIMIT = 65_536;

export const BODY_BUDGET = GITHUB_BODY_LIMIT - 1_536;

/** Only characters that cannot end an HTML comment or inject anything. */
const markerId = (detectionId: string): string => detectionId.replace(/[^A-Za-z0-9._-]/g, '');

/** Hidden marker naming the detection in the issue body this action owns. */
export function issueMarker(detectionId: string): string {
  return `<!-- bedrock-denied-scan:${markerId(detectionId)} -->`;
}

/** Hidden marker of the sticky PR comment (distinct from the issue marker). */
export function prCommentMarker(detectionId: string): string {
  return `<!-- bedrock-denied-scan:pr-comment:${markerId(detectionId)} -->`;
}

/** Where each user's calls came from: source IPs, user agents, accounts, regions (kept out of the main table's width). */
function sourceRows(findings: readonly Finding[]): Rows {
  return lazyRows(activityByUser(findings), (u) => [inertCode(u.user, 120), valueList(u.srcs), valueList(u.userAgents, 3, 160), valueList(u.accounts, 3, 40), valueList(u.regions, 3, 40)]);
}

/** Denied calls by error code and message (the message says which policy denied). */
function reasonRows(findings: readonly Finding[]): string[][] {
  const byReason = new Map<string, { code: string | null; message: string | null; count: number }>();
  for (const f of findings) {
    const key = JSON.stringify([f.result_id, f.result]);
    const entry = byReason.get(key) ?? { code: f.result_id, message: f.result, count: 0 };
    entry.count += f.count;
    byReason.set(key, entry);
  }
  return [...byReason.values()]
    .sort((a, b) => b.count - a.count || String(a.message).localeCompare(String(b.message)))
    .map((r) => [inertCode(r.code, 60), inertCode(r.message, 400), formatCount(r.count)]);
}

const BY_NOUN = { events: 'denied calls', findings: 'findings', users: 'users' } as const;

/** One paragraph: exceeded or not, with the numbers. */
export function verdictParagraph(report: ScanReport): string {
  const t = report.threshold;
  const noun = BY_NOUN[t.by] ?? 'events';
  const status = t.exceeded
    ? `🔴 **Threshold exceeded**: ${formatCount(t.observed)} ${noun}, threshold ${formatCount(t.value)}.`
    : `🟢 **Within threshold**: ${formatCount(t.observed)} ${noun}, threshold ${formatCount(t.value)}.`;
  const figures = ` ${plural(report.matched, 'denied call')} by ${plural(report.users, 'user')} in ${plural(report.findings.length, 'finding')}; scanned ${plural(report.scan.files, 'file')}, ${plural(report.scan.records, 'record')}.`;
  const incomplete = report.scan.complete
    ? ''
    : ` ⚠️ **Incomplete scan**: ${plural(report.scan.filesFailed.length, 'file')} could not be scanned, so these figures may be low.`;
  return status + figures + incomplete + '\n';
}

function selectionLine(report: ScanReport): string {
  const s = report.selection;
  const join = (values: readonly string[]) => values.map((v) => inertCode(v, 80)).join(', ');
  const window = s.since || s.until ? ` · window ${inert(s.since ?? 'any time', 40)} → ${inert(s.until ?? 'now', 40)}` : '';
  return `Selection: eventSource ${join(s.eventSources)} · eventName ${join(s.eventNames)} · errorCode ${join(s.errorCodes)}${window}\n`;
}

/** Links to the run and the report artifact, when known. */
export function linksParagraph(runUrl: string | undefined, report: ScanReport): string {
  const parts: string[] = [];
  const run = safeHref(runUrl ?? report.links?.runUrl);
  if (run) parts.push(link(run, 'Workflow run'));
  const artifact = safeHref(report.links?.artifactUrl);
  if (artifact) parts.push(link(artifact, 'Report artifact (JSON + CSV)'));
  return parts.length > 0 ? parts.join(' · ') + '\n' : '';
}

/** Detection metadata, collapsed: MITRE ids (linked only when known), false-positive guidance, the SPL. */
export function detectionDetails(report: ScanReport): string {
  const d = report.detection;
  const mitre = d.mitreAttack
    .slice(0, 20)
    .map((id) => {
      const url = mitreTechniqueUrl(id);
      return url ? link(url, `${escapeHtml(id)} ${escapeHtml(MITRE_TECHNIQUES[id]!)}`) : inert(id, 40);
    })
    .join(', ');
  const ourReferences = new Set<string>(DETECTION.references);
  const references = d.references
    .slice(0, 20)
    .map((r) => (ourReferences.has(r) && safeHref(r) ? link(safeHref(r)!, escapeHtml(r)) : inertCode(r, 200)))
    .join('<br>');
  return [
    '<details><summary>About this detection</summary>',
    '',
    `<b>${inert(d.name, 200)}</b> (Splunk ESCU ${inertCode(d.id, 60)}, version ${Number(d.version) || 0})<br>`,
    `MITRE ATT&amp;CK: ${mitre || '<em>none</em>'}<br>`,
    `Known false positives: ${inert(d.knownFalsePositives, 2000)}<br>`,
    `Splunk search: ${inertCode(d.search, 2000)}<br>`,
    `References:<br>${references || '<em>none</em>'}`,
    '',
    '</details>',
    ''
  ].join('\n');
}

/** Scan state kept in the issue body so the next run can say what is new. */
export interface ScanState {
  v: 1;
  generatedAt: string | null;
  events: number | null;
  users: string[];
  sourceIps: string[];
  models: string[];
  /** Set when lists were cut to fit the size cap (later runs may then call some old values new). */
  truncated?: boolean;
}

const STATE_VALUE_MAX = 256;
const STATE_LIST_MAX = 5_000;
export const STATE_BLOCK_MAX = 20_000;
const STATE_PREFIX = '<!-- bedrock-denied-scan-state:';

const distinct = (values: Iterable<string | null>): string[] =>
  [...new Set([...values].filter((v): v is string => typeof v === 'string' && v !== '').map((v) => v.slice(0, STATE_VALUE_MAX)))].sort();

/** The users, source IPs and models of a report, as kept between runs. */
export function stateOf(report: ScanReport): ScanState {
  return {
    v: 1,
    generatedAt: report.generatedAt,
    events: report.matched,
    users: distinct(report.findings.map((f) => f.user)),
    sourceIps: distinct(report.findings.map((f) => f.src)),
    models: distinct(report.findings.flatMap((f) => f.modelIds))
  };
}

/** The state as a hidden HTML comment of base64 JSON, at most `maxChars` long (lists cut from the end if needed). */
export function encodeStateBlock(state: ScanState, maxChars = STATE_BLOCK_MAX): string {
  const current: ScanState = { ...state, users: [...state.users], sourceIps: [...state.sourceIps], models: [...state.models] };
  for (;;) {
    const block = `${STATE_PREFIX}${Buffer.from(JSON.stringify(current), 'utf8').toString('base64')} -->`;
    if (block.length <= maxChars) return block;
    const longest = (['users', 'sourceIps', 'models'] as const).reduce((a, b) => (current[b].length > current[a].length ? b : a));
    if (current[longest].length === 0) return `${STATE_PREFIX} -->`;
    // Drop a tenth of the longest list at a time: a few passes even for huge reports.
    current[longest] = current[longest].slice(0, Math.floor(current[longest].length * 0.9));
    current.truncated = true;
  }
}

const stringList = (value: unknown): string[] | null => {
  if (!Array.isArray(value) || value.length > STATE_LIST_MAX) return null;
  if (!value.every((v) => typeof v === 'string' && v.length <= STATE_VALUE_MAX)) return null;
  return value as string[];
};

/**
 * The state from an issue body, or null when absent or not exactly what we write: anyone with write access
 * can edit the body, so everything is checked and the values are only ever compared, never rendered.
 */
export function parseStateBlock(body: string | null | undefined): ScanState | null {
  if (typeof body !== 'string') return null;
  const start = body.indexOf(STATE_PREFIX);
  if (start < 0) return null;
  const end = body.indexOf(' -->', start);
  if (end < 0 || end - start > STATE_BLOCK_MAX) return null;
  const encoded = body.slice(start + STATE_PREFIX.length, end);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded) || encoded.length === 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  if (o.v !== 1) return null;
  const users = stringList(o.users);
  const sourceIps = stringList(o.sourceIps);
  const models = stringList(o.models);
  if (!users || !sourceIps || !models) return null;
  const generatedAt = typeof o.generatedAt === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(o.generatedAt) ? o.generatedAt : null;
  const events = typeof o.events === 'number' && Number.isSafeInteger(o.events) && o.events >= 0 ? o.events : null;
  return { v: 1, generatedAt, events, users, sourceIps, models, ...(o.truncated === true ? { truncated: true } : {}) };
}

export interface Delta {
  /** Null on the first report, or when the previous state was missing or unreadable. */
  previous: ScanState | null;
  newUsers: string[];
  newSourceIps: string[];
  newModels: string[];
}

export function deltaSince(previous: ScanState | null, current: ScanState): Delta {
  const minus = (now: string[], before: string[] | undefined) => {
    const seen = new Set(before ?? []);
    return now.filter((v) => !seen.has(v));
  };
  return {
    previous,
    newUsers: previous ? minus(current.users, previous.users) : [],
    newSourceIps: previous ? minus(current.sourceIps, previous.sourceIps) : [],
    newModels: previous ? minus(current.models, previous.models) : []
  };
}

/** Inert values joined by commas, cut to fit `budget` characters with "+N more". */
export function inlineValues(values: readonly string[], budget: number): string {
  if (values.length === 0) return 'none';
  let out = '';
  let shown = 0;
  for (const v of values) {
    const piece = (shown > 0 ? ', ' : '') + inertCode(v, 120);
    if (out.length + piece.length + 40 > budget && shown > 0) break;
    out += piece;
    shown++;
  }
  return shown < values.length ? `${out} <em>+${values.length - shown} more</em>` : out;
}

/** One line each for the new users, source IPs and models, each cut to `budget` characters. */
export function newValueLines(delta: Delta, budget: number): string[] {
  return [
    `- New users (${delta.newUsers.length}): ${inlineValues(delta.newUsers, budget)}`,
    `- New source IPs (${delta.newSourceIps.length}): ${inlineValues(delta.newSourceIps, budget)}`,
    `- New models (${delta.newModels.length}): ${inlineValues(delta.newModels, budget)}`
  ];
}

/** The "what changed" list: new users, source IPs and models since the previous report. */
export function deltaLines(delta: Delta, budget: number): string {
  if (!delta.previous) return 'First report for this detection on this issue (or the previous state was unreadable): every value is new.\n';
  const each = Math.max(200, Math.floor(budget / 3) - 60);
  const since = delta.previous.generatedAt ? ` since the report of ${delta.previous.generatedAt}` : ' since the previous report';
  const events =
    delta.previous.events !== null ? ` (previous report: ${plural(delta.previous.events, 'denied call')})` : '';
  return [`Changes${since}${events}:`, ...newValueLines(delta, each), ''].join('\n');
}

export interface BodyOptions {
  /** Hidden marker, first line of the body. */
  marker: string;
  heading: string;
  runUrl?: string;
  /** Issue mode: what changed since the previous report. */
  delta?: Delta;
  /** Issue mode: the hidden state block, last line of the body. */
  stateBlock?: string;
  /** Where omitted rows can be found. */
  moreRowsWhere?: string;
  /** Total characters allowed (default BODY_BUDGET). */
  budget?: number;
}

/**
 * The full body: marker, verdict, changes, tables, links, detection details, state. Fixed parts are laid out
 * first; the tables then get what is left of the budget (reasons at most a third, users the rest).
 */
export function renderFindingsBody(report: ScanReport, options: BodyOptions): string {
  const budget = options.budget ?? BODY_BUDGET;
  const where = options.moreRowsWhere ?? (report.links?.artifactUrl ? 'the report artifact' : 'the JSON report');
  const head = [options.marker, `## ${escapeHtml(options.heading)}`, '', verdictParagraph(report), selectionLine(report)].join('\n');
  const links = linksParagraph(options.runUrl, report);
  const details = detectionDetails(report);
  const state = options.stateBlock ? options.stateBlock + '\n' : '';
  const fixed = head.length + links.length + details.length + state.length + 400;
  let remaining = Math.max(0, budget - fixed);

  const deltaSection = options.delta ? `\n### What changed\n\n${deltaLines(options.delta, Math.min(6_000, Math.floor(remaining / 4)))}` : '';
  remaining -= deltaSection.length;

  // Charts with their numbers when they fit in a quarter of what is left, else without the per-bucket tables.
  let charts = chartsSection(report, '###');
  if (charts.length > remaining / 4) charts = chartsSection(report, '###', { numbers: false });
  if (charts.length > remaining / 4) charts = '';
  remaining -= charts.length;
  const split = baselineLine(report);
  remaining -= split.length;

  const reasons = budgetedTable(['Error code', 'Error message', 'Denied calls'], reasonRows(report.findings), Math.floor(remaining / 4), (n) =>
    `${plural(n, 'more row')} in ${where}.`
  );
  remaining -= reasons.length;
  const users = budgetedTable(byUserHeaders(report.baseline !== undefined), byUserRows(report, 120), Math.floor((remaining * 2) / 3), (n) => `${plural(n, 'more row')} in ${where}.`);
  remaining -= users.length;
  const sources = budgetedTable(['User', 'Source IPs', 'User agents', 'Accounts', 'Regions'], sourceRows(report.findings), remaining - 200, (n) => `${plural(n, 'more row')} in ${where}.`);

  const sections = [head, deltaSection];
  if (split) sections.push(split);
  if (charts) sections.push(`\n${charts}`);
  if (users) sections.push(`\n### Denied calls by user\n\n${users}`);
  if (reasons) sections.push(`\n### Why they were denied\n\n${reasons}`);
  if (sources) sections.push(`\n<details><summary>Where each user's calls came from</summary>\n\n${sources}\n</details>\n`);
  if (links) sections.push(`\n${links}`);
  sections.push(`\n${details}`);
  if (state) sections.push(`\n${state}`);
  const body = sections.join('');
  // Defensive: the budget arithmetic above should make this unreachable.
  if (body.length > budget) return [head, `\n_The tables did not fit in a GitHub body; see ${where}._\n`, links, state].join('\n').slice(0, budget);
  return body;
}
