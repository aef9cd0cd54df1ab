import { activityByUser } from '../detection/by-user.js';
import type { SuppressionRule } from '../detection/suppress.js';
import { INVISIBLE, unicodeEscape } from './escape.js';

const INVISIBLE_CHAR = new RegExp(INVISIBLE.source, 'u');
import type { ScanReport } from './types.js';

/**
 * Log text must not carry workflow commands. The runner reads stdout line by line, trims leading whitespace
 * and runs a line starting with `::` (`::add-mask::`, `::error::`, `::stop-commands::`), and it runs a legacy
 * `##[command]` anywhere in a line. So in a logged value:
 * - a backslash is doubled, so every escape below reads one way only;
 * - control, bidi and invisible characters (line breaks, zero-width spaces, BOM, non-ASCII spaces) become
 *   `\uXXXX` escapes, so a value can neither start a new line nor hide text;
 * - `::` at the start of the value (after spaces) becomes `\u003a:`;
 * - `#` before `[` becomes `\u0023`, so `##[` never appears.
 * The value is cut to at most `maxLength` characters (an escape is never split), ending with `…`.
 */
export function logSafe(value: string | null, maxLength = 80): string {
  if (value === null) return '-';
  const units: string[] = [];
  let i = 0;
  for (const c of value) {
    i += c.length;
    if (c === '\\') units.push('\\\\');
    else if (c === '#' && value[i] === '[') units.push('\\u0023');
    else if (INVISIBLE_CHAR.test(c)) units.push(unicodeEscape(c));
    else units.push(c);
  }
  const first = units.findIndex((u) => u !== ' ');
  if (first >= 0 && units[first] === ':' && units[first + 1] === ':') units[first] = '\\u003a';
  let out = '';
  const total = units.reduce((n, u) => n + u.length, 0);
  if (total <= maxLength) return units.join('');
  for (const u of units) {
    if (out.length + u.length > maxLength - 1) break;
    out += u;
  }
  return out + '…';
}

/** Whitespace the runner trims before looking for `::` (and characters that render as nothing). */
const LEADING_BLANK = /^[\s\p{Cc}\p{Cf}\p{Zs}]*/u;

/**
 * A last pass over text the action prints: no line can start (after trimming) with `::` or contain `##[`,
 * whatever went into it. Text made of `logSafe` values and fixed wording is unchanged by it.
 */
export function neutraliseWorkflowCommands(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const blank = LEADING_BLANK.exec(line)![0];
      const rest = line.slice(blank.length);
      return (rest.startsWith('::') ? blank + '\\u003a' + rest.slice(1) : line).replace(/#(?=\[)/g, '\\u0023');
    })
    .join('\n');
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => '  ' + r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

/** A plain-text rendering of the verdict and the by-user table for the step log and the terminal. */
export function renderLog(report: ScanReport, maxUsers = 25): string {
  const s = report.scan;
  const t = report.threshold;
  const lines = [
    `Scanned ${s.files} files (${s.filesSkipped} skipped, ${s.filesFailed.length} failed), ${s.records} records, ${(s.bytes / 1e6).toFixed(1)} MB in ${(s.durationMs / 1000).toFixed(2)} s.`,
    `${report.matched} denied ${report.selection.eventNames.join('/')} calls by ${report.users} users in ${report.findings.length} findings; threshold ${t.by} > ${t.value}: ${t.exceeded ? 'EXCEEDED' : 'not exceeded'} (observed ${t.observed}).`
  ];
  for (const rule of report.suppressed) lines.push(`  suppressed by '${logSafe(rule.rule, 120)}': ${rule.count}`);
  for (const f of s.filesFailed) lines.push(`  failed: ${logSafe(f.file, 200)}: ${logSafe(f.error, 300)}`);
  const users = activityByUser(report.findings);
  if (users.length > 0) {
    lines.push('', 'Denied Bedrock invocations by user:');
    const rows = users.slice(0, maxUsers).map((u) => [logSafe(u.user, 40), String(u.count), u.firstTime ?? '-', u.lastTime ?? '-', logSafe(u.modelIds.join(','), 60), logSafe(u.srcs.join(','), 40)]);
    lines.push(...pad([['user', 'denied', 'first seen', 'last seen', 'models', 'source IPs'], ...rows]));
    if (users.length > maxUsers) lines.push(`  … ${users.length - maxUsers} more users in the report`);
  }
  for (const n of report.nearMisses) lines.push(`Near miss: ${n.count} denied calls left out (${logSafe(n.reason, 120)}); include with ${logSafe(n.include, 160)}`);
  return neutraliseWorkflowCommands(lines.join('\n'));
}

/** One warning per owned suppression rule past its expiry: it no longer suppresses, and its owner should know. */
export function expiredSuppressionWarnings(rules: readonly SuppressionRule[]): string[] {
  return rules
    .filter((rule) => rule.ownership?.expired)
    .map((rule) => {
      const own = rule.ownership!;
      return `Suppression ${logSafe(rule.text, 300)} (${logSafe(own.location, 200)}, owner ${logSafe(own.owner, 100)}) expired on ${own.expires} and no longer suppresses.`;
    });
}
