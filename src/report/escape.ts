/**
 * Rendering of attacker-controlled strings (user agents, user names, ARNs, error messages, model ids).
 *
 * Output is safe in three contexts at once: HTML (job summary, HTML tables in issue bodies), GitHub Markdown
 * (paragraphs, table cells) and GitHub's post-processing (mentions, autolinks). So:
 * - HTML and Markdown punctuation becomes numeric entities, which CommonMark never reads as markup;
 * - line breaks, other control characters, bidi controls and invisible characters (zero-width spaces and
 *   joiners, word joiner, BOM, tag characters, variation selectors, non-ASCII spaces) become visible escapes
 *   (`\n`, `\u200b`, `\u{e0041}`), so no table row or HTML block ends early and no text hides or reorders;
 * - in free text (`inert`), `@`, URL schemes and issue references (`#1`, `GH-1`) get a zero-width space, so no
 *   mention, team ping, autolink or cross-reference can form;
 * - inside `<code>` (`inertCode`), where GitHub forms no mentions or references, no zero-width space is
 *   added: the characters that could start an autolink (`@`, the `:` of `://`, the `.` of `www.`, the `-`
 *   of `GH-1`) are numeric entities instead, so the element's text is exactly the logged value and copies
 *   back into a `suppress` rule that matches.
 */

const ZWSP = '\u200B';

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '!': '&#33;',
  '#': '&#35;',
  '|': '&#124;',
  '~': '&#126;',
  '\\': '&#92;',
  '{': '&#123;',
  '}': '&#125;',
  $: '&#36;',
  '@': '&#64;'
};

const CONTROL: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Characters that are invisible, reorder text or break lines: C0/C1 controls, format characters (bidi
 * controls, zero-width space/joiners, word joiner, BOM, tag characters, invisible operators), lone surrogates,
 * line/paragraph separators, non-ASCII spaces, Hangul fillers and variation selectors.
 */
// Combining marks and joiners are listed on purpose, each to be matched on its own.
export const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u00a0\u034f\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200a\u202f\u205f\u3000\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu;

/** `\uXXXX` (lower-case hex), or `\u{XXXXX}` above U+FFFF. */
export function unicodeEscape(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Invisible characters as visible escapes (`\n`, `\r`, `\t`, else `\uXXXX`). */
export function showInvisible(value: string): string {
  return value.replace(INVISIBLE, (c) => CONTROL[c] ?? unicodeEscape(c));
}

/** Plain HTML escaping, for trusted text placed in HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/** At most `maxLength` UTF-16 units, then an ellipsis; never half of a surrogate pair. */
function cut(value: string, maxLength: number): string {
  if (value.length <= maxLength) return value;
  let s = value.slice(0, maxLength);
  if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
  return s + '…';
}

/**
 * Makes an untrusted value inert for HTML and Markdown. `null`/`undefined` render as an em dash.
 * Long values are cut at `maxLength` characters with an ellipsis, so one hostile value cannot fill a body.
 */
export function inert(value: string | null | undefined, maxLength = 300): string {
  if (value === null || value === undefined) return '—';
  return (
    showInvisible(cut(String(value), maxLength))
      .replace(/[&<>"'`*_[\]()!#|~\\{}$]/g, (c) => ENTITY[c]!)
      // GitHub links `#123`, `GH-123` and `owner/repo#123` after entity decoding, and cross-references the target.
      .replace(/&#35;(?=\d)/g, '&#35;' + ZWSP)
      .replace(/\bGH-(?=\d)/gi, (m) => m + ZWSP)
      .replace(/@/g, '@' + ZWSP)
      .replace(/:\/\//g, ':' + ZWSP + '//')
      .replace(/www\./gi, (m) => m.slice(0, 3) + ZWSP + '.')
  );
}

/**
 * The text of an inert value inside `<code>`: its text content (entities decoded) is the value itself, with
 * invisible characters as visible escapes. Safe both in HTML blocks (tables) and inline in a Markdown
 * paragraph or list item, where CommonMark still reads the text between raw tags: Markdown punctuation, `|`
 * and the starts of autolinks are numeric entities, so nothing is emphasised, linked or splits a table cell.
 */
export function codeText(value: string, maxLength = 300): string {
  return showInvisible(cut(value, maxLength))
    .replace(/[&<>"'`*_[\]()!#|~\\{}$@]/g, (c) => ENTITY[c]!)
    .replace(/\b(GH)-(?=\d)/gi, '$1&#45;')
    .replace(/:\/\//g, '&#58;//')
    .replace(/(www)\./gi, '$1&#46;');
}

/** An inert value as a `<code>` element (see `codeText`); `null`/`undefined` render as <em>none</em>. */
export function inertCode(value: string | null | undefined, maxLength = 300): string {
  if (value === null || value === undefined) return '<em>none</em>';
  return `<code>${codeText(String(value), maxLength)}</code>`;
}
