import { createHash, type Hash } from 'node:crypto';

/**
 * Strings from the logs are kept at most this long (UTF-16 code units, JavaScript's string length), the cap
 * marker included. Longer ones keep their head and end with a marker naming the full length and a hash of the
 * full value, so different long values stay different and the same long value is always capped the same way.
 */
export const MAX_TEXT_UNITS = 8192;

/** Hex digits of the SHA-256 shown in the marker (48 bits: a collision between two log values is not a concern). */
const HASH_HEX = 12;

function capped(head: string, length: number, sha256Hex: string): string {
  const marker = `…[truncated: ${length} chars, sha256:${sha256Hex.slice(0, HASH_HEX)}]`;
  let kept = head.slice(0, MAX_TEXT_UNITS - marker.length);
  // Never end on half a surrogate pair.
  const last = kept.charCodeAt(kept.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) kept = kept.slice(0, -1);
  return kept + marker;
}

/**
 * `value` if it is at most MAX_TEXT_UNITS long, else its head and `…[truncated: N chars, sha256:0123456789ab]`
 * (N in UTF-16 code units; the hash is over the value's UTF-16LE code units, so lone surrogates count).
 * Idempotent: a capped value is returned unchanged.
 */
export function capText(value: string): string {
  if (value.length <= MAX_TEXT_UNITS) return value;
  return capped(value, value.length, createHash('sha256').update(value, 'utf16le').digest('hex'));
}

const CAPPED = /…\[truncated: \d+ chars, sha256:[0-9a-f]{12}\]$/;

/** Whether `value` ends as capText() ends a value it capped. */
export function isCappedText(value: string): boolean {
  return value.endsWith(']') && CAPPED.test(value);
}

/** capText() built piece by piece, for a string too long to hold: the same result without the whole value. */
export class TextCapper {
  private head = '';
  private length = 0;
  private readonly hash: Hash = createHash('sha256');

  add(piece: string): void {
    if (piece.length === 0) return;
    if (this.head.length < MAX_TEXT_UNITS) this.head += piece.slice(0, MAX_TEXT_UNITS - this.head.length);
    this.length += piece.length;
    this.hash.update(piece, 'utf16le');
  }

  /** The capped value (or the whole value, if it turned out to fit). */
  done(): string {
    if (this.length <= MAX_TEXT_UNITS) return this.head;
    return capped(this.head, this.length, this.hash.digest('hex'));
  }
}
