/**
 * Rendering of attacker-controlled strings (user agents, user names, ARNs, error messages, model ids).
 *
 * Output is safe in three contexts at once: HTML (job summary, HTML tables in issue bodies), GitHub Markdown
 * (paragraphs, table cells) and GitHub's post-processing (mentions, autolinks). So:
 * - HTML and Markdown punctuation becomes numeric entities, which CommonMark never reads as markup;
 * - line breaks and other control characters become visible escapes, so no table row or HTML block ends early;
 * - `@`, URL schemes and issue references (`#1`, `GH-1`) get a zero-width space, so no mention, team ping,
 *   autolink or cross-reference can form.
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
  $: '&#36;'
};

const CONTROL: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Plain HTML escaping, for trusted text placed in HTML. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/**
 * Makes an untrusted value inert for HTML and Markdown. `null`/`undefined` render as an em dash.
 * Long values are cut at `maxLength` characters with an ellipsis, so one hostile value cannot fill a body.
 */
export function inert(value: string | null | undefined, maxLength = 300): string {
  if (value === null || value === undefined) return '—';
  let s = String(value);
  if (s.length > maxLength) {
    s = s.slice(0, maxLength);
    // Never leave half of a surrogate pair at the cut.
    if (/[\ud800-\udbff]$/.test(s)) s = s.slice(0, -1);
    s += '…';
  }
  return (
    s
      // Bidi controls too: they could reorder a user name or ARN on screen (Trojan Source style spoofing).
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => CONTROL[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(/[&<>"'`*_[\]()!#|~\\{}$]/g, (c) => ENTITY[c]!)
      // GitHub links `#123`, `GH-123` and `owner/repo#123` after entity decoding, and cross-references the target.
      .replace(/&#35;(?=\d)/g, '&#35;' + ZWSP)
      .replace(/\bGH-(?=\d)/gi, (m) => m + ZWSP)
      .replace(/@/g, '@' + ZWSP)
      .replace(/:\/\//g, ':' + ZWSP + '//')
      .replace(/www\./gi, (m) => m.slice(0, 3) + ZWSP + '.')
  );
}

/** An inert value inside `<code>`: GitHub never turns code text into mentions or links. */
export function inertCode(value: string | null | undefined, maxLength = 300): string {
  if (value === null || value === undefined) return '<em>none</em>';
  return `<code>${inert(value, maxLength)}</code>`;
}
