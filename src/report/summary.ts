import { activityByUser, findingsByUser } from '../detection/by-user.js';
import type { Finding } from '../detection/types.js';
import { mitreTechniqueUrl } from '../detection/metadata.js';
import { DENY_REASONS } from '../detection/deny-reason.js';
import { escapeHtml, inert, inertCode } from './escape.js';
import { budgetedTable, htmlTable, lazyRows, link, plural, safeHref, valueList, type Rows, formatCount } from './html.js';
import type { SourceDescription } from '../sources/types.js';
import { chartsSection } from './charts.js';
import type { ScanReport } from './types.js';

/** GitHub drops a step summary over 1 MiB entirely; stay well below it. */
export const SUMMARY_LIMIT_BYTES = 1024 * 1024;
const SUMMARY_BUDGET_BYTES = 900 * 1024;

const megabytes = (bytes: number): string => (bytes / 1_000_000).toFixed(bytes >= 10_000_000 ? 0 : 1);
const seconds = (ms: number): string => (ms / 1000).toFixed(ms >= 10_000 ? 0 : 2);
const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A table cut to `budget` UTF-8 bytes, saying how many rows were left for the report file. */
const tableWithin = (budget: number, headers: string[], rows: Rows, what: string): string =>
  budgetedTable(headers, rows, budget, (n) => `${plural(n, `more ${what}`, `more ${what}s`)} in the report file.`, utf8Bytes);

function verdictLine(report: ScanReport): string {
  const t = report.threshold;
  const measure = `${t.observed} ${t.by} &gt; ${t.value}`;
  const status = t.exceeded ? `🔴 **Threshold exceeded** (${measure})` : `🟢 **Within threshold** (${t.observed} ${t.by}, threshold ${t.value})`;
  const incomplete = report.scan.complete ? '' : ` · ⚠️ **Incomplete scan**: ${plural(report.scan.filesFailed.length, 'file')} could not be scanned`;
  return `${status}: ${plural(report.matched, 'denied call')} by ${plural(report.users, 'user')} in ${plural(report.findings.length, 'finding')}${incomplete}\n\n`;
}

/** What each source read, from the figures its describe() gives (unknown keys are left to the report). */
const SOURCE_FIGURES: [key: string, one: string, many: string][] = [
  ['prefixesListedCount', 'day prefix listed', 'day prefixes listed'],
  ['objectsListed', 'object listed', 'objects listed'],
  ['objectsSkippedByDeliveryTime', 'skipped by delivery time', 'skipped by delivery time'],
  ['objectsRead', 'object read', 'objects read'],
  ['filesListed', 'file found', 'files found'],
  ['filesRead', 'file read', 'files read'],
  ['notRegularFiles', 'not a regular file (never opened)', 'not regular files (never opened)'],
  ['prefixesNotListed', 'prefix that could not be listed', 'prefixes that could not be listed'],
  ['excluded', 'excluded by a ! line', 'excluded by ! lines'],
  ['retries', 'retry', 'retries'],
  ['resumes', 'download resumed', 'downloads resumed']
];

function sourceLine(source: SourceDescription): string {
  const d = source.details;
  // Zero counts of rare events (resumes, unreadable prefixes) are noise; the listing counts always show.
  const rare = new Set(['notRegularFiles', 'prefixesNotListed', 'resumes', 'excluded']);
  const figures = SOURCE_FIGURES.filter(([key]) => typeof d[key] === 'number' && !(rare.has(key) && d[key] === 0)).map(([key, one, many]) => plural(d[key] as number, one, many));
  if (typeof d.bytesRead === 'number') figures.push(`${megabytes(d.bytesRead)} MB read`);
  // Engines (athena, cloudtrail-lake): the query, what it scanned and what that costs at list price.
  if (typeof d.queryId === 'string') {
    figures.push(`query ${inertCode(d.queryId, 100)}${typeof d.consoleUrl === 'string' && /^https:\/\/[a-z0-9-]+\.console\.aws\.amazon\.com\//.test(d.consoleUrl) ? ` ([console](${escapeHtml(d.consoleUrl)}))` : ''}`);
    if (typeof d.dataScannedBytes === 'number') figures.push(`${megabytes(d.dataScannedBytes)} MB scanned`);
    if (typeof d.engineTimeMs === 'number') figures.push(`engine time ${seconds(d.engineTimeMs)} s`);
    if (typeof d.costUsd === 'number') figures.push(`about $${d.costUsd.toFixed(4)} at $5 per TB`);
  }
  if (d.layout === 'flat') figures.push('no CloudTrail layout found: every object under the prefix was listed, and files delivered outside the window were skipped');
  if (typeof d.artifact === 'string') figures.push(`artifact ${inertCode(d.artifact, 100)}${typeof d.runId === 'string' || typeof d.runId === 'number' ? ` of run ${escapeHtml(String(d.runId))}` : ''}`);
  const warnings = Array.isArray(d.warnings) ? d.warnings.filter((w): w is string => typeof w === 'string') : [];
  const warned = warnings.length ? warnings.slice(0, 5).map((w) => `\n- ⚠️ ${inert(w, 400)}`).join('') : '';
  return `Scanned ${inertCode(source.location, 200)} (${escapeHtml(source.kind)})${figures.length ? ': ' + figures.join(', ') : ''}${warned}`;
}

function scanFigures(report: ScanReport): string {
  const s = report.scan;
  const window =
    report.selection.since || report.selection.until
      ? `${escapeHtml(report.selection.since ?? 'any time')} → ${escapeHtml(report.selection.until ?? 'now')}`
      : 'all events';
  const rows = [
    [
      formatCount(s.files),
      formatCount(s.records),
      megabytes(s.bytes),
      seconds(s.durationMs),
      formatCount(s.filesSkipped),
      formatCount(s.filesFailed.length),
      window
    ]
  ];
  let out = htmlTable(['Files', 'Records', 'MB', 'Seconds', 'Skipped (digest, insight)', 'Failed', 'Event window'], rows);
  for (const source of s.sources) out += `\n${sourceLine(source)}\n`;
  if (report.outsideWindow > 0) out += `\n${plural(report.outsideWindow, 'matching event')} fell outside the event window (or had no readable eventTime) and were not counted.\n`;
  const inline = report.suppressed.filter((s) => s.owner === undefined);
  const suppressed = inline.reduce((n, s) => n + s.count, 0);
  if (inline.length > 0) {
    const rules = inline.map((s) => `${inertCode(s.rule, 200)}: ${formatCount(s.count)}`).join(' · ');
    out += `\n\`suppress\` left ${plural(suppressed, 'matching event')} out of the findings (${rules}).\n`;
  }
  out += ownedSuppressions(report);
  out += denyReasonsLine(report);
  out += baselineLine(report);
  if (report.droppedByParity > 0) {
    out += `\n\`splunk-parity\` dropped ${plural(report.droppedByParity, 'matching event')} with an empty by-field, as Splunk's \`stats by\` does.\n`;
  }
  return out + '\n';
}

/** `suppressions-file` rules: events each left out, who owns it, why, until when; expired and stale ones flagged. */
export function ownedSuppressions(report: Pick<ScanReport, 'suppressed'>, budget = 100_000): string {
  const owned = report.suppressed.filter((s) => s.owner !== undefined);
  if (owned.length === 0) return '';
  const total = owned.reduce((n, s) => n + s.count, 0);
  const rows = owned.map((s) => [
    inertCode(s.rule, 200) + (s.location ? `<br><sub>${inert(s.location, 200)}</sub>` : ''),
    formatCount(s.count),
    inert(s.owner ?? '', 100),
    inert(s.reason ?? '', 300),
    s.expired ? `⚠️ **expired** ${escapeHtml(s.expires ?? '')}` : escapeHtml(s.expires ?? 'never'),
    s.expired ? 'expired: no longer suppresses' : s.count === 0 ? '💤 stale: matched nothing' : 'active'
  ]);
  const flagged = owned.filter((s) => s.expired).length;
  const stale = owned.filter((s) => !s.expired && s.count === 0).length;
  const notes = [flagged ? plural(flagged, 'expired rule') : '', stale ? plural(stale, 'stale rule') : ''].filter(Boolean).join(', ');
  return (
    `\n\`suppressions-file\` left ${plural(total, 'matching event')} out of the findings${notes ? ` (${notes})` : ''}.\n\n` +
    budgetedTable(['Rule', 'Events', 'Owner', 'Reason', 'Expires', 'Status'], rows, budget, (n) => `${plural(n, 'more rule')} in the report file.`, utf8Bytes)
  );
}

/** Events per deny reason, as a table (zero rows left out). */
export function denyReasonsLine(report: Pick<ScanReport, 'denyReasons' | 'threshold'>): string {
  const rows = DENY_REASONS.filter((r) => (report.denyReasons?.[r] ?? 0) > 0).map((r) => [
    `<code>${r}</code>`,
    formatCount(report.denyReasons[r]),
    !report.threshold.countDenyReasons || report.threshold.countDenyReasons.includes(r) ? 'yes' : 'no'
  ]);
  if (rows.length === 0) return '';
  return `\n**Why denied** (from each errorMessage):\n\n${htmlTable(['Deny reason', 'Denied calls', 'Counted by the threshold'], rows)}`;
}

/** New and known events against the baseline. */
export function baselineLine(report: Pick<ScanReport, 'baseline'>): string {
  const b = report.baseline;
  if (!b) return '';
  const updated = b.updated ? ` Baseline updated: ${plural(b.updated.fingerprints, 'fingerprint')} (${formatCount(b.updated.added)} added).` : '';
  return `\n**Baseline** ${inertCode(b.path, 200)}: 🆕 ${plural(b.new, 'new denied call')} in ${plural(b.newFindings, 'finding')}, ${plural(b.known, 'known call')} (only new calls count towards the threshold).${updated}\n`;
}

/** `first<br>last` (one time when equal), or a dash; inert, as a report literal may carry anything. */
export function seenCell(first: string | null, last: string | null): string {
  if (first === null && last === null) return '—';
  if (first === last) return inert(first, 40);
  return `${inert(first, 40)}<br>${inert(last, 40)}`;
}

/** A user's calls per deny reason, most first. */
export const reasonsCell = (reasons: readonly [string, number][]): string =>
  reasons.length === 0 ? '<em>none</em>' : reasons.map(([r, n]) => `<code>${escapeHtml(r)}</code> ${formatCount(n)}`).join('<br>');

/** A user's new and known calls against the baseline. */
export function newKnownCell(entry: { new: number; known: number } | undefined): string {
  if (!entry) return '—';
  const parts = [entry.new > 0 ? `🆕 ${formatCount(entry.new)} new` : '', entry.known > 0 ? `${formatCount(entry.known)} known` : ''].filter(Boolean);
  return parts.join('<br>') || '—';
}

/** The by-user table's headers: six columns with a baseline, five without. */
export const byUserHeaders = (baseline: boolean): string[] => [
  'User',
  'Denied calls',
  'First / last seen (UTC)',
  'Models',
  'Deny reasons',
  ...(baseline ? ['New / known'] : [])
];

/** One row per user (user, calls, first/last seen, models, deny reasons, and new/known with a baseline), rendered as a table reaches it. */
export function byUserRows(report: Pick<ScanReport, 'findings' | 'baseline'>, userLength = 300): Rows {
  const split = new Map((report.baseline?.byUser ?? []).map((b) => [b.user, b]));
  return lazyRows(activityByUser(report.findings), (u) => [
    inertCode(u.user, userLength),
    formatCount(u.count),
    seenCell(u.firstTime, u.lastTime),
    valueList(u.modelIds),
    reasonsCell(u.denyReasons),
    ...(report.baseline ? [newKnownCell(split.get(u.user))] : [])
  ]);
}

function byUserTable(report: ScanReport, budget: number): string {
  if (report.findings.length === 0) return '### Denied Bedrock invocations by user\n\nNo denied invocations matched.\n\n';
  const table = tableWithin(budget, byUserHeaders(report.baseline !== undefined), byUserRows(report), 'user');
  return `### Denied Bedrock invocations by user\n\n${table}\nSource IPs, user agents, accounts, regions and each user's Splunk rows are in the sections below.\n\n`;
}

/** Rows of one user's Splunk rows shown in their section at most. */
const USER_ROWS_MAX = 20;

/** One user's Splunk rows (without the user column, the full error message is in the Splunk rows below). */
function userFindingsTable(findings: readonly Finding[]): string {
  const rows = findings.slice(0, USER_ROWS_MAX).map((f) => [
    String(f.count),
    escapeHtml(f.firstTime ?? '—'),
    escapeHtml(f.lastTime ?? '—'),
    inertCode(f.src, 100),
    inertCode(f.user_agent, 160),
    inertCode(f.vendor_account, 40),
    inertCode(f.vendor_region, 40),
    inertCode(f.signature, 60),
    inertCode(f.result_id, 60),
    `<code>${escapeHtml(f.deny_reason)}</code>`,
    valueList(f.modelIds, 5)
  ]);
  const more = findings.length > USER_ROWS_MAX ? `\n_${plural(findings.length - USER_ROWS_MAX, 'more row')} of this user in the report file._\n` : '';
  return htmlTable(['count', 'firstTime', 'lastTime', 'src', 'user_agent', 'vendor_account', 'vendor_region', 'signature', 'result_id', 'deny_reason', 'modelIds'], rows) + more;
}

/**
 * One collapsible section per user: who they are and what they tried next (runner engine), where the calls
 * came from (source IPs, user agents, accounts, regions) and the user's Splunk rows. Users who invoked a model
 * successfully after a denial come first, marked 🚨. Cut to `budget` bytes, saying how many users were left
 * for the report file.
 */
export function userContextSections(report: Pick<ScanReport, 'userContext'> & Partial<Pick<ScanReport, 'findings'>>, budget: number): string {
  const contexts = report.userContext ?? [];
  const findingsOf = findingsByUser(report.findings ?? []);
  const activity = activityByUser(report.findings ?? [], findingsOf);
  const activityOf = new Map(activity.map((a) => [a.user, a]));
  const contextOf = new Map(contexts.map((c) => [c.user, c]));
  // The context's order (🚨 first), then users only the findings know (engine runs: all of them).
  const order = [...contexts.map((c) => c.user), ...activity.map((a) => a.user).filter((u) => !contextOf.has(u))];
  if (order.length === 0) return '';
  const flagged = contexts.filter((u) => u.succeededAfterDenial.length > 0).length;
  let out = `### Who they are and what they tried next

`;
  if (flagged > 0) out += `🚨 **${plural(flagged, 'user')} invoked a model successfully after being denied.**

`;
  if (report.userContext === undefined) out += `_Identity, credentials, reconnaissance and successful invokes after a denial are computed by the runner engine only._

`;
  let used = utf8Bytes(out) + 300;
  let shown = 0;
  for (const user of order) {
    const u = contextOf.get(user);
    const a = activityOf.get(user);
    const rows: string[][] = [];
    let head: string;
    if (u) {
      const reconTotal = Object.values(u.recon).reduce((n, c) => n + c, 0);
      const after = u.succeededAfterDenial;
      head =
        `${after.length > 0 ? '🚨 ' : ''}${inertCode(u.user, 100)}: ${plural(u.denied, 'denied call')} · ${u.credentialKinds.map((k) => escapeHtml(k)).join(', ')}` +
        (reconTotal > 0 ? ` · ${plural(reconTotal, 'recon call')}` : '') +
        (after.length > 0 ? ` · **succeeded after denial** (${plural(after.length, 'model')})` : '');
      rows.push(
        ['Identity types', valueList(u.identityTypes)],
        ['Credential kinds', valueList(u.credentialKinds)],
        ['Access keys', valueList(u.accessKeyIds)],
        ['Role sessions', valueList(u.roleSessionNames)],
        ['MFA', valueList(u.mfaAuthenticated)],
        ['Source IPs', u.sourceIps.length === 0 ? '<em>none</em>' : u.sourceIps.slice(0, 10).map((s) => `${inertCode(s.address, 100)} (${escapeHtml(s.kind)})`).join('<br>') + (u.sourceIps.length > 10 ? `<br><em>+${u.sourceIps.length - 10} more</em>` : '')]
      );
      if (a) rows.push(['User agents', valueList(a.userAgents, 3, 160)], ['Accounts', valueList(a.accounts)], ['Regions', valueList(a.regions)]);
      rows.push(
        ['Reconnaissance', reconTotal === 0 ? '<em>none</em>' : Object.entries(u.recon).map(([n, c]) => `${escapeHtml(n)}: ${c}`).join('<br>')],
        ['Succeeded after denial', after.length === 0 ? '<em>none</em>' : after.slice(0, 10).map((s) => `${inertCode(s.modelId ?? '(no model id)', 120)} ×${s.count}, last ${escapeHtml(s.lastTime)}`).join('<br>')],
        [
          'Event history',
          u.eventHistoryLinks.length === 0 ? '<em>no access key</em>' : u.eventHistoryLinks.map((l) => { const href = safeHref(l.url); return href ? link(href, escapeHtml(l.accessKeyId)) : ''; }).join('<br>')
        ]
      );
    } else {
      head = `${inertCode(user, 100)}: ${plural(a?.count ?? 0, 'denied call')}`;
      rows.push(['Source IPs', valueList(a?.srcs ?? [], 10, 100)], ['User agents', valueList(a?.userAgents ?? [], 3, 160)], ['Accounts', valueList(a?.accounts ?? [])], ['Regions', valueList(a?.regions ?? [])]);
    }
    const own = findingsOf.get(user) ?? [];
    const splunk = own.length > 0 ? `\n${plural(own.length, 'Splunk row')}:\n\n${userFindingsTable(own)}` : '';
    const section = `<details><summary>${head}</summary>

${htmlTable(['', ''], rows)}${splunk}
</details>

`;
    used += utf8Bytes(section);
    if (used > budget) break;
    out += section;
    shown++;
  }
  if (shown < order.length) out += `_${plural(order.length - shown, 'more user')} in the report file._

`;
  return out;
}

function findingRows(findings: readonly Finding[], budget: number): string {
  if (findings.length === 0) return '';
  const rows = lazyRows(findings, (f) => [
    String(f.count),
    escapeHtml(f.firstTime ?? '—'),
    escapeHtml(f.lastTime ?? '—'),
    inertCode(f.src, 100),
    inertCode(f.user, 100),
    inertCode(f.user_agent, 200),
    inertCode(f.vendor_account, 40),
    escapeHtml(f.vendor_product),
    inertCode(f.dest, 60),
    inertCode(f.signature, 60),
    inertCode(f.vendor_region, 40),
    inertCode(f.result, 600),
    inertCode(f.result_id, 60),
    valueList(f.modelIds, 10)
  ]);
  const headers = ['count', 'firstTime', 'lastTime', 'src', 'user', 'user_agent', 'vendor_account', 'vendor_product', 'dest', 'signature', 'vendor_region', 'result', 'result_id', 'modelIds'];
  return `<details><summary>All ${plural(findings.length, 'finding')} as Splunk rows</summary>\n\n${tableWithin(budget, headers, rows, 'row')}\n</details>\n\n`;
}

function nearMisses(report: ScanReport, budget: number): string {
  if (report.nearMisses.length === 0) return '';
  const rows = lazyRows(report.nearMisses, (n) => [inertCode(n.reason, 200), String(n.count), inertCode(n.include, 300)]);
  return `### Near misses\n\nDenied Bedrock invoke calls that the current selection leaves out:\n\n${tableWithin(budget, ['Left out because', 'Events', 'Input that includes them'], rows, 'reason')}\n`;
}

function failures(report: ScanReport, budget: number): string {
  const failed = report.scan.filesFailed;
  if (failed.length === 0) return '';
  const rows = lazyRows(failed, (f) => [inertCode(f.file, 300), inert(f.error, 500)]);
  return `### ⚠️ Files that could not be scanned\n\nEvery other file was scanned.\n\n${tableWithin(budget, ['File', 'Error'], rows, 'file')}\n`;
}

function footer(report: ScanReport, reportPath: string): string {
  const d = report.detection;
  const mitre = d.mitreAttack
    .map((id) => {
      const url = mitreTechniqueUrl(id);
      return url ? `[${escapeHtml(id)}](${url})` : inert(id, 40);
    })
    .join(', ');
  const links = report.links ?? {};
  const published = [
    [links.artifactUrl, 'report artifact'],
    [links.issueUrl, 'findings issue'],
    [links.commentUrl, 'pull-request comment']
  ]
    .map(([url, text]) => [safeHref(url), text] as const)
    .filter(([href]) => href !== null)
    .map(([href, text]) => ` · ${link(href!, text!)}`)
    .join('');
  return (
    `---\n\n**Detection:** ${escapeHtml(d.name)} (\`${d.id}\`) · MITRE ATT&CK ${mitre} · ` +
    `selection \`eventSource=${escapeHtml(report.selection.eventSources.join('|'))} eventName=${escapeHtml(report.selection.eventNames.join('|'))} errorCode=${escapeHtml(report.selection.errorCodes.join('|'))}\`\n\n` +
    `**Known false positives:** ${escapeHtml(d.knownFalsePositives)}\n\n` +
    `Full report: \`${escapeHtml(reportPath)}\`${published}\n`
  );
}

/**
 * The job summary as HTML/Markdown. Every value from the logs goes through `inert`. The fixed parts come
 * first; the tables share what is left of a budget well under GitHub's 1 MiB limit (failures and near misses
 * a tenth each, the by-user table half of the rest, the Splunk rows what remains), and each says how many
 * rows were left for the report file.
 */
export function renderSummary(report: ScanReport, reportPath: string): string {
  const head = `## Bedrock denied-invocation scan\n\n${verdictLine(report)}${scanFigures(report)}`;
  const foot = footer(report, reportPath);
  let remaining = SUMMARY_BUDGET_BYTES - utf8Bytes(head) - utf8Bytes(foot) - 1_000;
  const failed = failures(report, remaining / 10);
  const missed = nearMisses(report, remaining / 10);
  remaining -= utf8Bytes(failed) + utf8Bytes(missed);
  const charts = chartsSection(report, '###');
  remaining -= utf8Bytes(charts);
  const users = byUserTable(report, remaining / 3);
  remaining -= utf8Bytes(users);
  const context = userContextSections(report, remaining / 2);
  remaining -= utf8Bytes(context);
  return head + failed + charts + users + context + missed + findingRows(report.findings, remaining) + foot;
}
