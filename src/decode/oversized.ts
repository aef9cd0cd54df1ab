import { TextCapper } from './cap-text.js';
import { DecodeError } from './types.js';

/**
 * Oversized records. A record is normally buffered whole and JSON.parse'd; one larger than
 * COMPACT_AFTER_BYTES (a real CloudTrail record is at most a few hundred KB) is instead compacted as it
 * arrives: every string whose raw bytes exceed LONG_STRING_BYTES is decoded piece by piece (escapes and UTF-8,
 * checked as JSON.parse checks them) and replaced by its capText() form, which is all the detection keeps of
 * it. So a record with a 40 MiB userAgent costs a few MiB, not several copies of 40 MiB, and a value past
 * V8's string limit (~512 MiB) is no obstacle. Everything else passes through unchanged, so JSON.parse of
 * the compacted bytes gives the record with exactly those strings capped, the same values the detection
 * would have computed from the whole record (capText is idempotent).
 */

/** Records larger than this are compacted as they arrive instead of buffered whole. */
export const COMPACT_AFTER_BYTES = 1024 * 1024;
/**
 * Strings longer than this (raw bytes between the quotes) are capped while streaming. At most 6 bytes spell
 * one UTF-16 code unit (`\uXXXX`), so such a string is always longer than MAX_TEXT_UNITS and would be capped anyway.
 */
export const LONG_STRING_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const QUOTE_BYTES = Buffer.from('"');

const SIMPLE_ESCAPES: Readonly<Record<number, string>> = {
  0x22: '"',
  0x5c: '\\',
  0x2f: '/',
  0x62: '\b',
  0x66: '\f',
  0x6e: '\n',
  0x72: '\r',
  0x74: '\t'
};

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** The content of one long JSON string, decoded as it streams by, into a TextCapper. */
class StreamingString {
  private readonly capper = new TextCapper();
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** 0: plain bytes; 1: after a backslash; 2..5: reading the hex digits of `\u`. */
  private state = 0;
  private unit = 0;

  constructor(private readonly where: () => string) {}

  /** Consumes `bytes` from `start`; returns the index after the closing quote, or -1 if the string goes on. */
  write(bytes: Buffer, start: number): number {
    const n = bytes.length;
    let run = start;
    for (let i = start; i < n; i++) {
      const c = bytes[i];
      if (this.state === 0) {
        if (c === QUOTE || c === BACKSLASH) {
          this.flush(bytes, run, i);
          if (c === QUOTE) return i + 1;
          this.state = 1;
        } else if (c < 0x20) {
          this.fail(`bad control character in string literal (byte 0x${c.toString(16).padStart(2, '0')})`);
        }
        continue;
      }
      if (this.state === 1) {
        if (c === 0x75) {
          this.state = 2;
          this.unit = 0;
          continue;
        }
        const escaped = SIMPLE_ESCAPES[c];
        if (escaped === undefined) this.fail(`bad escaped character in string literal ('\\${String.fromCharCode(c)}')`);
        this.capper.add(escaped);
        this.state = 0;
        run = i + 1;
        continue;
      }
      const digit = hexValue(c);
      if (digit < 0) this.fail('bad Unicode escape in string literal');
      this.unit = this.unit * 16 + digit;
      if (this.state++ === 5) {
        this.capper.add(String.fromCharCode(this.unit));
        this.state = 0;
        run = i + 1;
      }
    }
    if (this.state === 0 && run < n) this.capper.add(this.decoder.decode(bytes.subarray(run, n), { stream: true }));
    return -1;
  }

  done(): string {
    return this.capper.done();
  }

  /** Decodes a run of plain bytes and ends the UTF-8 sequence (an escape or the quote follows). */
  private flush(bytes: Buffer, from: number, to: number): void {
    this.capper.add(this.decoder.decode(bytes.subarray(from, to), { stream: true }));
    this.capper.add(this.decoder.decode());
  }

  private fail(message: string): never {
    throw new DecodeError(`invalid JSON in ${this.where()}: ${message}`);
  }
}

/** The bytes of one oversized record, with its long strings replaced by their capped form. */
export class ItemCompactor {
  private readonly out: Buffer[] = [];
  private outBytes = 0;
  private inString = false;
  private escape = false;
  /** Raw content of the current string while it is still short enough to pass through. */
  private raw: Buffer[] = [];
  private rawBytes = 0;
  private long: StreamingString | null = null;

  constructor(private readonly where: () => string) {}

  /** Bytes held: the compacted record so far plus the current string's pending raw bytes. */
  get size(): number {
    return this.outBytes + this.rawBytes;
  }

  write(part: Buffer): void {
    const n = part.length;
    let i = 0;
    while (i < n) {
      if (this.long !== null) {
        const end = this.long.write(part, i);
        if (end === -1) return;
        this.push(Buffer.from(JSON.stringify(this.long.done()), 'utf8'));
        this.long = null;
        this.inString = false;
        i = end;
        continue;
      }
      if (!this.inString) {
        const quote = part.indexOf(QUOTE, i);
        if (quote === -1) {
          this.push(part.subarray(i));
          return;
        }
        this.push(part.subarray(i, quote));
        this.inString = true;
        this.raw = [];
        this.rawBytes = 0;
        i = quote + 1;
        continue;
      }
      let j = i;
      let escape = this.escape;
      for (; j < n; j++) {
        if (escape) {
          escape = false;
          continue;
        }
        const c = part[j];
        if (c === BACKSLASH) escape = true;
        else if (c === QUOTE) break;
      }
      this.escape = escape;
      if (j < n) {
        // The string ends here and was short: its bytes pass through, quotes included.
        this.push(QUOTE_BYTES);
        for (const piece of this.raw) this.push(piece);
        this.push(part.subarray(i, j + 1));
        this.raw = [];
        this.rawBytes = 0;
        this.inString = false;
        i = j + 1;
        continue;
      }
      const rest = part.subarray(i);
      this.raw.push(rest);
      this.rawBytes += rest.length;
      if (this.rawBytes > LONG_STRING_BYTES) {
        // Too long to keep: stream the content into a capper; its capped form is written with its quotes.
        this.startLong();
      }
      return;
    }
  }

  /** The compacted record. */
  finish(): Buffer {
    if (this.long !== null || this.inString) throw new DecodeError(`truncated JSON: ${this.where()} ends inside a string`);
    return Buffer.concat(this.out, this.outBytes);
  }

  private startLong(): void {
    this.long = new StreamingString(this.where);
    this.escape = false;
    for (const piece of this.raw) {
      if (this.long.write(piece, 0) !== -1) throw new Error('unreachable: a closing quote inside pending string bytes');
    }
    this.raw = [];
    this.rawBytes = 0;
  }

  private push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.out.push(bytes);
    this.outBytes += bytes.length;
  }
}
