/**
 * The findings as CSV (RFC 4180), safe to open in a spreadsheet.
 *
 * Columns are the Splunk search's output in its order (by-fields, then count, firstTime, lastTime, modelIds);
 * multi-valued modelIds are newline-separated inside one quoted cell, as Splunk exports them.
 * Values are byte-exact as logged (zero-width, bidi and control characters included): the CSV is data to join
 * back to CloudTrail and to copy into `suppress` rules, not a rendering; only formula neutralisation and
 * quoting change a cell.
 */
import type { Finding } from '../detection/types.js';

export const FINDINGS_CSV_COLUMNS = [
  'src',
  'user',
  'user_agent',
  'vendor_account',
  'vendor_product',
  'dest',
  'signature',
  'vendor_region',
  'result',
  'result_id',
  'count',
  'firstTime',
  'lastTime',
  'modelIds'
] as const;

/**
 * One cell. Text starting with = + - @ tab or CR gets a leading `'` so spreadsheets show it as text instead of
 * running it as a formula (CSV injection); then RFC 4180 quoting when the cell holds `"`, `,`, CR or LF.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header plus one CRLF-terminated line per finding. */
export function findingsCsv(findings: readonly Finding[]): string {
  const lines = [FINDINGS_CSV_COLUMNS.join(',')];
  for (const f of findings) {
    lines.push(
      [
        f.src,
        f.user,
        f.user_agent,
        f.vendor_account,
        f.vendor_product,
        f.dest,
        f.signature,
        f.vendor_region,
        f.result,
        f.result_id,
        f.count,
        f.firstTime,
        f.lastTime,
        f.modelIds.length > 0 ? f.modelIds.join('\n') : null
      ]
        .map(csvCell)
        .join(',')
    );
  }
  return lines.join('\r\n') + '\r\n';
}
