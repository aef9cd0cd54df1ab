import { isEnvelopeKey, type EnvelopeKey, type RecordSink } from './record-sink.js';
import { COMPACT_AFTER_BYTES, ItemCompactor } from './oversized.js';
import { markerAt, type CompiledPrefilter } from './prefilter.js';
import { DecodeError } from './types.js';
import { KernelEvent, KernelState, MAX_KERNEL_CHUNK, scannerKernel, type ScannerKernel } from './kernel/scanner-kernel.js';

/**
 * Structural byte scanner behind the `fast` and `full` strategies.
 *
 * It walks the decompressed bytes once, tracking only what it must: inside-string and escape state, bracket
 * depth (with an object/array stack so mismatched brackets are caught) and, at depth 1 of a top-level object,
 * the keys. That is enough to find every record's first and last byte, so each record is counted exactly,
 * while only the current record's bytes are kept (records are what is bounded; files are not).
 *
 * In `fast` mode a record is JSON.parse'd only when its raw bytes could decode to a record of interest: one of
 * its strings contains a marker of the `prefilter` (see prefilter.ts: the selection's event sources plus the
 * near-miss sources, matched ASCII-case-insensitively and conservatively for the Kelvin sign and U+0130), or a
 * backslash directly followed by `u` (a `\u0062edrock` escape, also inside a string-encoded record such as
 * lookup-events' CloudTrailEvent). Anything else is counted, never parsed. The first record of a file is always
 * parsed, for the shape checks. With no safe marker (prefilter null) every record is parsed.
 * A record larger than COMPACT_AFTER_BYTES is compacted as it arrives (oversized.ts) rather than buffered whole.
 * In `full` mode every record is parsed.
 *
 * Grammar inside records that are not parsed is only checked structurally (strings, brackets, items being
 * objects), which is what bounds the cost; a corrupt record that the fast path skips is still counted.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LOWER_U = 0x75;

/** Bytes that need attention inside a string: quote, backslash and the bytes a marker can start with. */
function stringSpecial(prefilter: CompiledPrefilter | null): Uint8Array {
  const table = new Uint8Array(256);
  table[QUOTE] = 1;
  table[BACKSLASH] = 1;
  if (prefilter !== null) for (let b = 0; b < 256; b++) if (prefilter.byFirstByte[b].length > 0) table[b] = 1;
  return table;
}

/** Whitespace JSON allows between tokens. */
const WHITESPACE = new Uint8Array(256);
WHITESPACE[0x20] = 1;
WHITESPACE[0x09] = 1;
WHITESPACE[0x0a] = 1;
WHITESPACE[0x0d] = 1;

const MAX_DEPTH = 4096;
/** Bytes of a chunk-split key kept to compare it: longer keys (escapes included) can't be a key of interest. */
const MAX_KEY_CARRY = 128;
/**
 * A single record (or non-envelope top-level object) is refused when, with its long strings capped (see
 * oversized.ts), it is still larger than this: only deeply nested or very many short values can do that.
 */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** What the scanner is doing with the current top-level value. */
const enum Mode {
  /** Between top-level values. */
  Between,
  /** Inside a top-level object that is captured whole (a record, EventBridge event, digest) unless it turns out to be an envelope. */
  WholeObject,
  /** Inside a top-level object whose Records/Events/events array is being streamed item by item. */
  Envelope,
  /** After the envelope array closed: the rest of the object is skipped structurally. */
  EnvelopeDone,
  /** Inside a top-level array whose elements are items. */
  TopArray
}

const KEY_BYTES: ReadonlyArray<[string, Buffer]> = ['Records', 'Events', 'events', 'digestStartTime'].map((key) => [
  key,
  Buffer.from(key, 'latin1')
]);

/**
 * The name of a depth-1 key if it is one the scanner cares about (Records, Events, events, digestStartTime),
 * else null. Compared in place: this runs for every top-level key of every NDJSON line, so no allocation,
 * except for a key with escapes (`Rec\u006frds`), decoded as JSON would decode it.
 */
function keyName(key: Buffer, start: number, end: number): string | null {
  const length = end - start;
  // Bounded search: Buffer#indexOf would scan to the end of the chunk for every key (quadratic on NDJSON).
  let escaped = false;
  for (let k = start; k < end; k++) {
    if (key[k] === BACKSLASH) {
      escaped = true;
      break;
    }
  }
  if (escaped) {
    if (length > MAX_KEY_CARRY) return null; // six bytes per escaped character at most: longer can't spell a 15-letter key
    let decoded: unknown;
    try {
      decoded = JSON.parse(`"${key.toString('utf8', start, end)}"`);
    } catch {
      return null; // the record's own parse reports it
    }
    return KEY_BYTES.some(([name]) => name === decoded) ? (decoded as string) : null;
  }
  if (length !== 6 && length !== 7 && length !== 15) return null;
  for (const [name, bytes] of KEY_BYTES) {
    if (bytes.length !== length) continue;
    let same = true;
    for (let k = 0; k < length; k++) {
      if (key[start + k] !== bytes[k]) {
        same = false;
        break;
      }
    }
    if (same) return name;
  }
  return null;
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

export class RecordScanner {
  private readonly parseAll: boolean;
  private readonly stringSpecial: Uint8Array;
  private readonly markers: ReadonlyArray<ReadonlyArray<Uint8Array>>;

  // Structural state, kept across chunks.
  private depth = 0;
  private readonly stack = new Uint8Array(MAX_DEPTH + 1);
  private inString = false;
  /** The previous chunk ended with a backslash inside a string: the first byte of this chunk is escaped. */
  private escapePending = false;
  private mode = Mode.Between;
  private envelopeKey: EnvelopeKey = 'Records';
  /** Depth of the container whose direct children are items; -1 when no items are expected. */
  private itemContainerDepth = 0;

  // The current item.
  private inItem = false;
  private itemMarker = false;
  private itemParts: Buffer[] = [];
  private itemPartsBytes = 0;
  /** Set once the current item outgrew COMPACT_AFTER_BYTES: its bytes go here instead of itemParts. */
  private compactor: ItemCompactor | null = null;
  /** Index in the current chunk where the item (or its continuation) starts. */
  private itemStart = 0;

  // Depth-1 keys of a WholeObject.
  private expectKey = false;
  /** Index in the current chunk where the key being read starts (0 when it began in an earlier chunk); -1 when none. */
  private keyStart = -1;
  private keyCarry: Buffer | null = null;
  private lastKey = '';
  private sawDigestStartTime = false;
  private sawRecordsKey = false;

  private offset = 0;
  /** The WebAssembly loop that scans the common states (kernel/); null when unavailable or not wanted. */
  private readonly kernel: ScannerKernel | null;
  private readonly kernelPrefilter: CompiledPrefilter | null;

  constructor(
    private readonly sink: RecordSink,
    strategy: 'fast' | 'full',
    prefilter: CompiledPrefilter | null,
    options: { kernel?: boolean } = {}
  ) {
    this.parseAll = strategy === 'full' || prefilter === null;
    this.stringSpecial = stringSpecial(this.parseAll ? null : prefilter);
    this.markers = prefilter?.byFirstByte ?? [];
    this.kernelPrefilter = this.parseAll ? null : prefilter;
    this.kernel = options.kernel === false ? null : scannerKernel();
  }

  /** Decompressed bytes consumed so far. */
  get bytes(): number {
    return this.offset;
  }

  write(chunk: Buffer): void {
    if (this.kernel !== null && chunk.length > MAX_KERNEL_CHUNK) {
      // The scanner takes any chunking: pieces keep the kernel's memory bounded.
      for (let start = 0; start < chunk.length; start += MAX_KERNEL_CHUNK) this.write(chunk.subarray(start, start + MAX_KERNEL_CHUNK));
      return;
    }
    const n = chunk.length;
    let i = 0;
    let depth = this.depth;
    let inString = this.inString;
    let marker = this.itemMarker;
    const STRING_SPECIAL = this.stringSpecial;

    if (this.escapePending && n > 0) {
      this.escapePending = false;
      if (chunk[0] === LOWER_U || chunk[0] === BACKSLASH) marker = true;
      i = 1;
    }

    // With the kernel, the bracket stack lives in its memory for the length of this call.
    const kernel = this.kernel !== null && this.kernel.usePrefilter(this.kernelPrefilter) ? this.kernel : null;
    let stack: Uint8Array = this.stack;
    if (kernel !== null) {
      kernel.load(chunk);
      stack = kernel.stack;
      stack.set(this.stack.subarray(0, depth + 1));
    }

    while (i < n) {
      if (kernel !== null && this.keyStart === -1) {
        // The kernel runs until a byte only this loop handles (or the end); then this loop takes one step.
        const state = kernel.state;
        state[KernelState.Depth] = depth;
        state[KernelState.InString] = inString ? 1 : 0;
        state[KernelState.Marker] = marker ? 1 : 0;
        state[KernelState.Mode] = this.mode;
        state[KernelState.ItemDepth] = this.itemContainerDepth;
        state[KernelState.ExpectKey] = this.expectKey ? 1 : 0;
        state[KernelState.InItem] = this.inItem ? 1 : 0;
        state[KernelState.LastKey] = this.lastKey === '' ? 0 : 1;
        i = kernel.scan(i, n);
        depth = state[KernelState.Depth];
        inString = state[KernelState.InString] === 1;
        marker = state[KernelState.Marker] === 1;
        // Record edges first: ending a top-level object resets expectKey and lastKey, which the kernel's state
        // then sets for the object it stopped in.
        this.replay(kernel, chunk);
        this.expectKey = state[KernelState.ExpectKey] === 1;
        if (state[KernelState.KeyCleared] === 1) this.lastKey = '';
        if (i >= n) break;
      }
      if (inString) {
        // Tight loop over string content: one table lookup per byte.
        for (;;) {
          if (i >= n) break;
          const c = chunk[i];
          if (STRING_SPECIAL[c] === 0) {
            i++;
            continue;
          }
          if (c === QUOTE) {
            inString = false;
            i++;
            if (this.keyStart !== -1) this.endKey(chunk, i - 1);
            break;
          }
          if (c === BACKSLASH) {
            if (i + 1 >= n) {
              this.escapePending = true;
              marker = true; // conservative: cannot see what follows
              i++;
              break;
            }
            const escaped = chunk[i + 1];
            // `\u` anywhere (also `\\u`, an escape inside a string-encoded record) could spell bedrock.
            if (escaped === LOWER_U || (escaped === BACKSLASH && (i + 2 >= n || chunk[i + 2] === LOWER_U))) marker = true;
            i += 2;
            continue;
          }
          // The first byte of a marker: check the rest (ASCII-case-insensitively, see prefilter.ts).
          if (!marker && markerAt(this.markers[c], chunk, i, n)) marker = true;
          i++;
        }
        continue;
      }

      const c = chunk[i];
      if (WHITESPACE[c] === 1) {
        i++;
        continue;
      }
      if (c === QUOTE) {
        if (depth === 0) this.fail(`not CloudTrail: top-level value is a string (at byte ${this.offset + i})`);
        if (depth === this.itemContainerDepth) this.notAnObject('a string', i);
        inString = true;
        if (this.expectKey && depth === 1) {
          this.expectKey = false;
          this.keyStart = i + 1;
        }
        i++;
        continue;
      }
      if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        if (depth === 0) {
          this.beginTopLevel(c, i);
          marker = false;
        } else if (depth === this.itemContainerDepth) {
          if (c !== OPEN_OBJECT) this.notAnObject('an array', i);
          this.beginItem(i);
          marker = false;
        } else if (depth === 1 && this.mode === Mode.WholeObject && c === OPEN_ARRAY && isEnvelopeKey(this.lastKey)) {
          // {"Records":[ ... : stream the array item by item instead of buffering the whole object.
          this.startEnvelope(this.lastKey);
        }
        if (depth >= MAX_DEPTH) this.fail(`JSON nested deeper than ${MAX_DEPTH} levels at byte ${this.offset + i}`);
        depth++;
        stack[depth] = c;
        if (depth === 1 && (this.mode === Mode.WholeObject || this.mode === Mode.EnvelopeDone)) this.expectKey = true;
        i++;
        continue;
      }
      if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (depth === 0) this.fail(`invalid JSON: unexpected ${describeByte(c)} at byte ${this.offset + i}`);
        if (stack[depth] !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) {
          this.fail(`invalid JSON: mismatched ${describeByte(c)} at byte ${this.offset + i}`);
        }
        depth--;
        i++;
        if (depth === this.itemContainerDepth && this.inItem) {
          this.itemMarker = marker;
          this.endItem(chunk, i);
          marker = false;
        } else if (depth === 1 && this.mode === Mode.Envelope) {
          this.mode = Mode.EnvelopeDone;
          this.itemContainerDepth = -1;
        }
        if (depth === 0) this.endTopLevel();
        continue;
      }
      if (depth === 0) {
        this.fail(
          this.offset + i === 0
            ? `not JSON: starts with ${describeByte(c)}`
            : `invalid JSON: unexpected ${describeByte(c)} at byte ${this.offset + i} between top-level values`
        );
      }
      if (depth === this.itemContainerDepth && c !== COMMA) this.notAnObject('a number or literal', i);
      if (depth === 1 && this.mode === Mode.WholeObject) {
        if (c === COMMA) this.expectKey = true;
        else if (c !== COLON) this.lastKey = '';
      } else if (depth === 1 && this.mode === Mode.EnvelopeDone && c === COMMA) {
        this.expectKey = true;
      }
      i++;
    }

    if (kernel !== null) this.stack.set(stack.subarray(0, depth + 1));
    this.depth = depth;
    this.inString = inString;
    this.itemMarker = marker;
    if (this.inItem) {
      this.keepPartialItem(chunk);
    }
    if (this.keyStart !== -1) {
      // A key split across chunks: keep its bytes so far; it continues at index 0 of the next chunk.
      // Keys longer than MAX_KEY_CARRY can't be one the scanner looks for: only their length is kept.
      const part = chunk.subarray(this.keyStart);
      if (this.keyCarry === null) this.keyCarry = Buffer.from(part);
      else if (this.keyCarry.length <= MAX_KEY_CARRY) this.keyCarry = Buffer.concat([this.keyCarry, part]);
      this.keyStart = 0;
    }
    this.offset += n;
  }

  /** Replays the record edges the kernel queued, in order, as this loop would have met them. */
  private replay(kernel: ScannerKernel, chunk: Buffer): void {
    const count = kernel.state[KernelState.Events];
    const events = kernel.events;
    for (let e = 0; e < count; e++) {
      const event = events[e];
      const at = event >>> 3;
      switch (event & 3) {
        case KernelEvent.ItemBegin:
          this.beginItem(at);
          break;
        case KernelEvent.ItemEnd:
          this.itemMarker = (event & 4) !== 0;
          this.endItem(chunk, at);
          break;
        case KernelEvent.TopBegin:
          this.beginTopLevel(OPEN_OBJECT, at);
          break;
        case KernelEvent.TopEnd:
          this.itemMarker = (event & 4) !== 0;
          this.endItem(chunk, at);
          this.endTopLevel();
          break;
      }
    }
  }

  /** End of input: anything still open means the JSON was cut short. */
  end(): void {
    if (this.depth > 0 || this.inString || this.escapePending) {
      const where = this.inItem ? ` inside record ${this.sink.records + 1}` : '';
      this.fail(`truncated JSON: unexpected end of input after ${this.offset} bytes${where}`);
    }
  }

  private fail(message: string): never {
    throw new DecodeError(message);
  }

  private notAnObject(what: string, i: number): never {
    const container = this.mode === Mode.Envelope ? `${this.envelopeKey}[] item` : 'array item';
    this.fail(`not CloudTrail: ${container} (record ${this.sink.records + 1}) is ${what}, expected an object (byte ${this.offset + i})`);
  }

  private beginTopLevel(c: number, i: number): void {
    if (c === OPEN_ARRAY) {
      this.mode = Mode.TopArray;
      this.itemContainerDepth = 1;
      this.sink.topLevelArrayStart();
      return;
    }
    // Captured as one item until (unless) a Records/Events/events array shows it is an envelope.
    this.mode = Mode.WholeObject;
    this.itemContainerDepth = 0;
    this.lastKey = '';
    this.sawDigestStartTime = false;
    this.sawRecordsKey = false;
    this.beginItem(i);
  }

  private endTopLevel(): void {
    this.mode = Mode.Between;
    this.itemContainerDepth = 0;
    this.expectKey = false;
  }

  private startEnvelope(key: EnvelopeKey): void {
    this.mode = Mode.Envelope;
    this.envelopeKey = key;
    this.itemContainerDepth = 2;
    this.inItem = false;
    this.itemParts = [];
    this.itemPartsBytes = 0;
    this.compactor = null;
    this.expectKey = false;
    this.sink.envelopeStart(key);
  }

  private beginItem(i: number): void {
    this.inItem = true;
    this.itemStart = i;
    this.itemParts = [];
    this.itemPartsBytes = 0;
    this.compactor = null;
  }

  private keepPartialItem(chunk: Buffer): void {
    const part = chunk.subarray(this.itemStart);
    this.itemStart = 0;
    if (this.compactor === null) {
      this.itemParts.push(part);
      this.itemPartsBytes += part.length;
      if (this.itemPartsBytes <= COMPACT_AFTER_BYTES) return;
      const position = this.sink.records + 1;
      this.compactor = new ItemCompactor(() => `record ${position}`);
      for (const held of this.itemParts) this.compactor.write(held);
      this.itemParts = [];
      this.itemPartsBytes = 0;
    } else {
      this.compactor.write(part);
    }
    if (this.compactor.size > MAX_RECORD_BYTES) {
      this.fail(
        `record ${this.sink.records + 1} is larger than ${MAX_RECORD_BYTES} bytes even with its long strings capped (at byte ${this.offset + chunk.length})`
      );
    }
  }

  private endKey(chunk: Buffer, quoteIndex: number): void {
    const closingQuoteAt = this.offset + quoteIndex;
    let key: Buffer = chunk;
    let start = this.keyStart;
    if (this.keyCarry !== null && this.keyCarry.length > MAX_KEY_CARRY) {
      this.keyCarry = null;
      this.keyStart = -1;
      this.lastKey = '';
      return;
    }
    if (this.keyCarry !== null) {
      key = Buffer.concat([this.keyCarry, chunk.subarray(start, quoteIndex)]);
      start = 0;
      quoteIndex = key.length;
      this.keyCarry = null;
    }
    this.keyStart = -1;
    this.lastKey = '';
    const name = keyName(key, start, quoteIndex);
    if (name === null) return;
    if (this.mode === Mode.EnvelopeDone) {
      if (isEnvelopeKey(name)) {
        this.fail(`not CloudTrail: duplicate envelope key "${name}" after the "${this.envelopeKey}" array (at byte ${closingQuoteAt})`);
      }
      return;
    }
    this.lastKey = name;
    if (name === 'digestStartTime') this.sawDigestStartTime = true;
    if (name === 'Records') this.sawRecordsKey = true;
  }

  private endItem(chunk: Buffer, end: number): void {
    this.inItem = false;
    const parse = this.parseAll || this.itemMarker || this.sink.records === 0;
    const whole = this.mode === Mode.WholeObject;
    const compactor = this.compactor;
    this.compactor = null;
    if (!parse) {
      this.itemParts = [];
      if (whole) this.sink.skippedTopLevelObject(this.sawDigestStartTime && !this.sawRecordsKey);
      else this.sink.skippedItem();
      return;
    }
    let bytes: Buffer;
    if (compactor !== null) {
      compactor.write(chunk.subarray(0, end));
      bytes = compactor.finish();
    } else if (this.itemParts.length === 0) {
      bytes = chunk.subarray(this.itemStart, end);
    } else {
      this.itemParts.push(chunk.subarray(0, end));
      bytes = Buffer.concat(this.itemParts);
      this.itemParts = [];
    }
    let value: unknown;
    try {
      value = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      this.fail(`invalid JSON in record ${this.sink.records + 1}: ${(error as Error).message}`);
    }
    if (whole) this.sink.topLevelObject(value);
    else if (this.mode === Mode.Envelope) this.sink.envelopeItem(this.envelopeKey, value);
    else this.sink.topLevelArrayItem(value);
  }
}
