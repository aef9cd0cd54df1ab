/**
 * The fast path's prefilter: which raw bytes could belong to a record whose eventSource, lower-cased, is one
 * of the selection's values. A record is parsed only when the bytes of one of its strings contain a marker.
 *
 * A marker is the longest run of "plain" ASCII characters of a lower-cased value: characters a JSON string can
 * only spell as themselves (any case) or as a `\u` escape (which the scanner treats as a possible match anyway).
 * `"`, `\`, `/` (escapable as `\/`) and control characters are not plain. Matching is ASCII-case-insensitive,
 * and conservative for the two non-ASCII characters whose toLowerCase() contains ASCII: U+212A KELVIN SIGN
 * (→ `k`, lead byte E2) and U+0130 (→ `i` + U+0307, lead byte C4): wherever the marker has `k` or `i`, the lead
 * byte counts as a match. (Checked over every code point: no other character lower-cases to ASCII.)
 *
 * A value no marker can safely stand for (empty, no plain character, or one a JSON number or boolean could
 * produce, as Splunk-style comparison turns `123` into "123") disables the prefilter: every record is parsed.
 */

/** Today's marker for the default selection: `bedrock` covers bedrock.amazonaws.com and bedrock-mantle.amazonaws.com. */
export const DEFAULT_PREFILTER: readonly string[] = ['bedrock'];

/**
 * Whether event sources name a service besides Bedrock: busy ones, whose records the scan then mostly parses (more
 * CPU per byte, more garbage per thread). The default thread count and zlib's output chunk size follow it.
 */
export function namesSourcesBeyondBedrock(sources: readonly string[]): boolean {
  return sources.some((source) => !source.toLowerCase().includes('bedrock'));
}

export interface CompiledPrefilter {
  /** Per first byte, the markers (lower-case ASCII bytes) that may start there; empty when none. */
  readonly byFirstByte: ReadonlyArray<ReadonlyArray<Uint8Array>>;
}

const isPlain = (code: number): boolean => code >= 0x20 && code < 0x7f && code !== 0x22 && code !== 0x5c && code !== 0x2f;
const isLetter = (code: number): boolean => code >= 0x61 && code <= 0x7a;
/** scalarText() of a JSON number or boolean: digits, sign, point, exponent, Infinity, true, false. */
const SCALAR_SPELLING = /^(?:[-+.0-9e]*|-?infinity|true|false)$/;

/** The longest plain run of a lower-cased value, or null when the value cannot be prefiltered safely. */
export function markerOf(value: string): string | null {
  const lower = value.toLowerCase();
  if (lower === '' || SCALAR_SPELLING.test(lower)) return null;
  let best = '';
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && isPlain(lower.charCodeAt(i))) continue;
    if (i - start > best.length) best = lower.slice(start, i);
    start = i + 1;
  }
  return best === '' ? null : best;
}

/**
 * Compiles the selection's values (event sources, any case) into byte markers; null means "parse every record".
 * Markers that contain another marker are dropped (the shorter one already matches wherever they would).
 */
export function compilePrefilter(values: readonly string[] | null | undefined): CompiledPrefilter | null {
  if (values === null) return null;
  // Compiled once per selection, not per file: the scanner kernel reloads its tables only for a new one.
  const key = values ?? DEFAULT_PREFILTER;
  let compiled = compiledOnce.get(key);
  if (compiled === undefined) {
    compiled = compile(key);
    compiledOnce.set(key, compiled);
  }
  return compiled;
}

const compiledOnce = new WeakMap<readonly string[], CompiledPrefilter | null>();

function compile(values: readonly string[]): CompiledPrefilter | null {
  const markers: string[] = [];
  for (const value of values) {
    const marker = markerOf(value);
    if (marker === null) return null;
    markers.push(marker);
  }
  const unique = [...new Set(markers)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept = unique.filter((m, i) => !unique.slice(0, i).some((shorter) => m.includes(shorter)));
  const byFirstByte: Uint8Array[][] = Array.from({ length: 256 }, () => []);
  for (const marker of kept) {
    const bytes = Buffer.from(marker, 'latin1');
    const first = bytes[0];
    const starts = [first];
    if (isLetter(first)) starts.push(first - 0x20);
    if (first === 0x6b) starts.push(0xe2);
    if (first === 0x69) starts.push(0xc4);
    for (const b of starts) byFirstByte[b].push(new Uint8Array(bytes));
  }
  return { byFirstByte };
}

/**
 * Whether a marker starting with `chunk[i]` could match at `i`: true on a match, on a KELVIN SIGN or U+0130 lead
 * byte where the marker has `k` or `i`, and when the chunk ends while the bytes so far match (conservative).
 */
export function markerAt(markers: ReadonlyArray<Uint8Array>, chunk: Buffer, i: number, n: number): boolean {
  for (const marker of markers) {
    const length = marker.length;
    const available = Math.min(length, n - i);
    let k = 0;
    for (; k < available; k++) {
      const b = chunk[i + k];
      const want = marker[k];
      if (b === want) continue;
      if (isLetter(want) && (b | 0x20) === want) continue;
      if ((want === 0x6b && b === 0xe2) || (want === 0x69 && b === 0xc4)) return true;
      break;
    }
    // A whole match, or the chunk ended while the marker still matched: it may go on in the next chunk.
    if (k === available) return true;
  }
  return false;
}
