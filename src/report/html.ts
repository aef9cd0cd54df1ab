/** Building blocks for the HTML that job summaries, issue bodies and PR comments share. */
import { escapeHtml, inertCode } from './escape.js';

/** A URL the action computed, as an escaped http(s) href, or null when it is anything else. */
export function safeHref(url: string | undefined | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return escapeHtml(parsed.href);
}

export const link = (href: string, text: string): string => `<a href="${href}">${text}</a>`;

/**
 * `n` with thousands separators, exactly as `n.toLocaleString('en-US')` writes it, without loading ICU's locale
 * data for integers (about 14 ms at its first use, a tenth of the action's start-up).
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** Values as inert code, at most `max`, then "+N more". */
export function valueList(values: readonly string[], max = 5, maxLength = 120): string {
  if (values.length === 0) return '<em>none</em>';
  const shown = values.slice(0, max).map((v) => inertCode(v, maxLength)).join('<br>');
  return values.length > max ? `${shown}<br><em>+${values.length - max} more</em>` : shown;
}

/**
 * A table's rows, made one at a time as the table asks for them: an array of rows is one, and so is
 * `lazyRows(items, render)`, which renders only the rows that fit (a report may have thousands of them).
 */
export interface Rows {
  readonly length: number;
  at(index: number): string[] | undefined;
}

/** `items` as table rows, each rendered by `render` only when the table reaches it. */
export function lazyRows<T>(items: readonly T[], render: (item: T) => string[]): Rows {
  return { length: items.length, at: (index) => (index >= 0 && index < items.length ? render(items[index]!) : undefined) };
}

/**
 * An HTML table, one row per line, with as many rows as fit in `budget` (characters, or whatever `size`
 * measures: the job summary's limit is in UTF-8 bytes); the rest are counted in a note (`more(n)`).
 * Rows are asked for in order and none after the first that does not fit. Returns '' for no rows.
 */
export function budgetedTable(
  headers: string[],
  rows: Rows,
  budget: number,
  more: (omitted: number) => string,
  size: (text: string) => number = (text) => text.length
): string {
  if (rows.length === 0) return '';
  const open = `<table>\n<tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr>\n`;
  const close = '</table>\n';
  const noteReserve = 200;
  let out = open;
  let used = size(open) + size(close) + noteReserve;
  let shown = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i)!;
    const line = `<tr>${row.map((c) => `<td>${c}</td>`).join('')}</tr>\n`;
    used += size(line);
    if (used > budget) break;
    out += line;
    shown++;
  }
  if (shown === 0) return `_${more(rows.length)}_\n`;
  out += close;
  if (shown < rows.length) out += `\n_${more(rows.length - shown)}_\n`;
  return out;
}

/** An HTML table, one row per line and no blank line inside: a blank line would end the HTML block in Markdown. */
export function htmlTable(headers: string[], rows: string[][]): string {
  return budgetedTable(headers, rows, Infinity, () => '');
}
