import { activityByUser } from '../detection/by-user.js';
import type { ScanReport } from './types.js';

/**
 * Log text must not carry workflow commands: a value with a newline could start a line with `::` (e.g.
 * `::add-mask::` or `::stop-commands::`), so control characters become visible escapes.
 */
export function logSafe(value: string | null, maxLength = 80): string {
  if (value === null) return '-';
  // eslint-disable-next-line no-control-regex
  const s = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > maxLength ? s.slice(0, maxLength - 1) + '…' : s;
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
  return lines.join('\n');
}
