/**
 * The parts of an S3 ListObjectsV2 answer (ListBucketResult XML) the S3 source reads: each object's key and size,
 * the common prefixes, and where the next page starts. For the direct listings of s3-direct-get.ts; the SDK's
 * deserializer cost about 2 ms of CPU per page of 56 keys against 0.3 ms for the request itself.
 *
 * Strict: anything but the plain form S3 sends (a declaration, then elements with text and entity references; no
 * attributes but the namespace, no CDATA, comments, DOCTYPE or URL-encoded keys) gives null, and the caller lists
 * the page through the SDK instead. test/s3-direct-list.test.ts holds the result to the SDK's on awkward keys.
 */

export interface ListedEntry {
  key: string;
  /** Undefined when the answer gave none. */
  size?: number;
}

export interface ListPage {
  objects: ListedEntry[];
  prefixes: string[];
  isTruncated: boolean;
  nextContinuationToken?: string;
}

/** Elements open at once, at most (ListBucketResult > Contents > Owner > ID is four). */
const MAX_DEPTH = 8;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Text with its entity references replaced; null for a reference XML does not define (or a bare '&'). */
function decodeText(raw: string): string | null {
  if (!raw.includes('&')) return raw;
  let out = '';
  let at = 0;
  for (;;) {
    const amp = raw.indexOf('&', at);
    if (amp < 0) return out + raw.slice(at);
    const semi = raw.indexOf(';', amp);
    if (semi < 0) return null;
    const name = raw.slice(amp + 1, semi);
    let text: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) text = codePoint(/^[0-9a-fA-F]{1,6}$/.test(name.slice(2)) ? parseInt(name.slice(2), 16) : NaN);
    else if (name.startsWith('#')) text = codePoint(/^[0-9]{1,7}$/.test(name.slice(1)) ? parseInt(name.slice(1), 10) : NaN);
    else text = ENTITIES[name];
    if (text === undefined) return null;
    out += raw.slice(at, amp) + text;
    at = semi + 1;
  }
}

function codePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff) ? String.fromCodePoint(n) : undefined;
}

/** A ListBucketResult document, or null when it is not one in the plain form described above. */
export function parseListBucketResult(xml: string): ListPage | null {
  let at = 0;
  // The declaration, and whitespace between elements, are all that may stand outside the elements' text.
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) return null;
    at = end + 2;
  }
  const path: string[] = [];
  const page: ListPage = { objects: [], prefixes: [], isTruncated: false };
  let entry: ListedEntry | null = null;
  let sawTruncated = false;
  let sawRoot = false;
  let text = '';
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    if (open < 0) {
      if (xml.slice(at).trim() !== '') return null;
      break;
    }
    text = xml.slice(at, open);
    const close = xml.indexOf('>', open);
    if (close < 0) return null;
    const tag = xml.slice(open + 1, close);
    at = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      if (path.pop() !== name) return null;
      const value = decodeText(text);
      if (value === null) return null;
      const parent = path.join('/');
      if (parent === 'ListBucketResult/Contents' && entry !== null) {
        if (name === 'Key') entry.key = value;
        else if (name === 'Size') {
          if (!/^\d{1,15}$/.test(value)) return null;
          entry.size = Number(value);
        }
      } else if (parent === 'ListBucketResult/CommonPrefixes' && name === 'Prefix') page.prefixes.push(value);
      else if (parent === 'ListBucketResult') {
        if (name === 'IsTruncated') {
          if (value !== 'true' && value !== 'false') return null;
          page.isTruncated = value === 'true';
          sawTruncated = true;
        } else if (name === 'NextContinuationToken') page.nextContinuationToken = value;
        else if (name === 'EncodingType') return null; // keys would be URL-encoded: not asked for, not handled
        else if (name === 'Contents') {
          if (entry === null || entry.key === undefined) return null;
          page.objects.push(entry);
          entry = null;
        }
      }
      continue;
    }
    // Only whitespace may separate a start tag from the one before it.
    if (text.trim() !== '') return null;
    if (tag.startsWith('!') || tag.startsWith('?')) return null; // comments, CDATA, DOCTYPE, processing instructions
    const selfClosing = tag.endsWith('/');
    const [name, ...attributes] = (selfClosing ? tag.slice(0, -1) : tag).trim().split(/\s+/);
    if (name === undefined || name === '' || /[^A-Za-z0-9_.-]/.test(name)) return null;
    if (attributes.some((a) => !/^xmlns(:[A-Za-z0-9_.-]+)?=("[^"<&]*"|'[^'<&]*')$/.test(a))) return null;
    if (path.length === 0) {
      if (name !== 'ListBucketResult' || sawRoot || selfClosing) return null;
      sawRoot = true;
    }
    if (selfClosing) {
      // An empty element: an empty Key or Prefix still counts (the SDK's is '' too).
      const parent = path.join('/');
      if (parent === 'ListBucketResult/Contents' && entry !== null && name === 'Key') entry.key = '';
      else if (parent === 'ListBucketResult/CommonPrefixes' && name === 'Prefix') page.prefixes.push('');
      continue;
    }
    // S3's elements nest four deep at most; a hostile answer nesting thousands would make this loop quadratic.
    if (path.length >= MAX_DEPTH) return null;
    path.push(name);
    if (path.length === 2 && name === 'Contents') entry = { key: undefined as unknown as string };
  }
  if (path.length !== 0 || !sawRoot || !sawTruncated) return null;
  if (page.isTruncated && !page.nextContinuationToken) return null;
  return page;
}
