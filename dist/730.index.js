export const id = 730;
export const ids = [730];
export const modules = {

/***/ 32508:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FW: () => (/* binding */ TextCapper),
/* harmony export */   Xs: () => (/* binding */ isCappedText),
/* harmony export */   rn: () => (/* binding */ MAX_TEXT_UNITS),
/* harmony export */   yA: () => (/* binding */ capText)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Strings from the logs are kept at most this long (UTF-16 code units, JavaScript's string length), the cap
 * marker included. Longer ones keep their head and end with a marker naming the full length and a hash of the
 * full value, so different long values stay different and the same long value is always capped the same way.
 */
const MAX_TEXT_UNITS = 8192;
/** Hex digits of the SHA-256 shown in the marker (48 bits: a collision between two log values is not a concern). */
const HASH_HEX = 12;
function capped(head, length, sha256Hex) {
    const marker = `…[truncated: ${length} chars, sha256:${sha256Hex.slice(0, HASH_HEX)}]`;
    let kept = head.slice(0, MAX_TEXT_UNITS - marker.length);
    // Never end on half a surrogate pair.
    const last = kept.charCodeAt(kept.length - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        kept = kept.slice(0, -1);
    return kept + marker;
}
/**
 * `value` if it is at most MAX_TEXT_UNITS long, else its head and `…[truncated: N chars, sha256:0123456789ab]`
 * (N in UTF-16 code units; the hash is over the value's UTF-16LE code units, so lone surrogates count).
 * Idempotent: a capped value is returned unchanged.
 */
function capText(value) {
    if (value.length <= MAX_TEXT_UNITS)
        return value;
    return capped(value, value.length, (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(value, 'utf16le').digest('hex'));
}
const CAPPED = /…\[truncated: \d+ chars, sha256:[0-9a-f]{12}\]$/;
/** Whether `value` ends as capText() ends a value it capped. */
function isCappedText(value) {
    return value.endsWith(']') && CAPPED.test(value);
}
/** capText() built piece by piece, for a string too long to hold: the same result without the whole value. */
class TextCapper {
    head = '';
    length = 0;
    hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    add(piece) {
        if (piece.length === 0)
            return;
        if (this.head.length < MAX_TEXT_UNITS)
            this.head += piece.slice(0, MAX_TEXT_UNITS - this.head.length);
        this.length += piece.length;
        this.hash.update(piece, 'utf16le');
    }
    /** The capped value (or the whole value, if it turned out to fit). */
    done() {
        if (this.length <= MAX_TEXT_UNITS)
            return this.head;
        return capped(this.head, this.length, this.hash.digest('hex'));
    }
}


/***/ }),

/***/ 96024:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  gh: () => (/* reexport */ decodeCloudTrail),
  _Q: () => (/* reexport */ recordsBeforeError)
});

// UNUSED EXPORTS: DEFAULT_PREFILTER, DecodeError

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/decode/types.ts
var types = __webpack_require__(71015);
;// CONCATENATED MODULE: ./src/decode/decompress.ts


/** zlib output chunk size: larger chunks mean fewer callbacks into the scanner. */
const GUNZIP_CHUNK_BYTES = 256 * 1024;
/**
 * The output chunk size when most records are parsed (a selection of busy services, or every record): then each
 * thread's dead output buffers pile up to 60-70 MB before V8 collects them (a collection forced every 25 ms took
 * the run from 203 to 110 MB), and smaller ones do not. Measured with five busy event sources on 2 threads: 111-123
 * MB peak RSS instead of 170-224 MB (Node 20 and 24) in the same time (128 KiB: 128-149 MB; 64 KiB: 107-118 MB but
 * slower on Node 20). With the Bedrock selection, where few records are parsed, 256 KiB chunks stay: a few percent
 * faster.
 */
const PARSING_GUNZIP_CHUNK_BYTES = 96 * 1024;
/**
 * A gzip'd input at most this big that arrives whole (one chunk, then the end: CloudTrail's 5-15 KB files, read
 * whole by the S3 source or in one read from disk) is inflated in one synchronous call: for those a zlib stream
 * with its 256 KiB output buffer, transforms and async iterators cost more than the inflating itself.
 * Measured on the S3 bench (2,016 objects of ~12 KB): 5.1 s of CPU instead of 6.3 s, the same peak RSS.
 */
const WHOLE_INFLATE_INPUT_BYTES = 64 * 1024;
/**
 * A whole input that inflates to more than this is streamed instead: memory stays bounded even with many small
 * objects in flight, each a hostile gzip bomb (a CloudTrail file of 64 KiB gzip'd is well under 1 MiB).
 */
const WHOLE_INFLATE_MAX_BYTES = 1024 * 1024;
const isGzip = (bytes) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
/**
 * A whole gzip input inflated in one call, or null when that is not plain sailing (corrupt, truncated, inflating
 * to nothing, to more gzip or past WHOLE_INFLATE_MAX_BYTES): the stream then reads it and fails, if it does,
 * with its own message.
 */
function inflateWhole(stored) {
    // The gzip trailer's ISIZE (the last member's size, mod 2^32) sizes the output buffer: most files inflate into
    // one allocation instead of 16 KiB pieces joined at the end.
    const isize = stored.length >= 18 ? stored.readUInt32LE(stored.length - 4) : 0;
    const chunkSize = Math.min(Math.max(isize + 64, 16 * 1024), WHOLE_INFLATE_MAX_BYTES);
    let inflated;
    try {
        inflated = (0,external_node_zlib_.gunzipSync)(stored, { chunkSize, maxOutputLength: WHOLE_INFLATE_MAX_BYTES });
    }
    catch {
        return null;
    }
    return inflated.length === 0 || isGzip(inflated) ? null : inflated;
}
function toBuffer(chunk) {
    if (Buffer.isBuffer(chunk))
        return chunk;
    if (typeof chunk === 'string')
        return Buffer.from(chunk, 'utf8');
    if (chunk instanceof Uint8Array)
        return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    throw new types/* DecodeError */.X(`unreadable input: stream yielded ${typeof chunk}`);
}
/**
 * The decompressed bytes of `input`, chunk by chunk. Gzip is recognised by its magic bytes (1f 8b), not by
 * the file name; concatenated gzip members are read one after another, as zlib and gunzip do.
 * A leading UTF-8 byte-order mark is dropped.
 */
async function* decompressedChunks(input, chunkBytes = GUNZIP_CHUNK_BYTES) {
    const iterator = input[Symbol.asyncIterator]();
    const head = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < 3) {
        const next = await iterator.next();
        if (next.done) {
            ended = true;
            break;
        }
        const chunk = toBuffer(next.value);
        head.push(chunk);
        headBytes += chunk.length;
    }
    const first = head.length === 1 ? head[0] : Buffer.concat(head);
    // A small gzip input may be whole already: one look ahead tells.
    let peeked = null;
    /** The input failed during that look ahead: thrown once the bytes before it are decoded. */
    let peekFailure = null;
    if (!ended && isGzip(first) && first.length <= WHOLE_INFLATE_INPUT_BYTES) {
        try {
            const next = await iterator.next();
            if (next.done)
                ended = true;
            else
                peeked = toBuffer(next.value);
        }
        catch (error) {
            peekFailure = { error };
        }
    }
    const inflated = ended ? inflatedWhole(first) : null;
    if (inflated !== null) {
        yield inflated;
        return;
    }
    async function* raw() {
        if (first.length > 0)
            yield first;
        if (peeked !== null)
            yield peeked;
        if (peekFailure !== null)
            throw peekFailure.error;
        if (ended)
            return;
        for (;;) {
            const next = await iterator.next();
            if (next.done)
                return;
            yield toBuffer(next.value);
        }
    }
    if (isGzip(first)) {
        const gunzip = (0,external_node_zlib_.createGunzip)({ chunkSize: chunkBytes });
        // Fed by hand rather than piped: when the input fails, what arrived before it is still inflated and decoded
        // (its records counted), then the input's error is thrown; a pipeline would destroy the gunzip with that
        // output unread.
        let inputFailure = null;
        const feeding = (async () => {
            try {
                for await (const chunk of raw()) {
                    if (gunzip.destroyed)
                        return;
                    if (!gunzip.write(chunk))
                        await drainedOrClosed(gunzip);
                }
            }
            catch (error) {
                inputFailure = { error };
            }
            // A sync flush first: without it, zlib drops the output of the last writes when the input was cut short
            // (its "unexpected end of file" comes before that output is pushed, and how much is lost depends on chunking).
            // Then the end, once the flushed output has been read: a cut-short input makes end() fail the stream, and a
            // failed stream's unread output is dropped, so ending at once lost the last inflated bytes whenever the reader
            // was slower than zlib (every time on Node 24 in test/decode.test.ts, "however slowly they are read").
            const endOnceRead = () => {
                if (gunzip.destroyed)
                    return;
                if (gunzip.readableLength === 0)
                    gunzip.end();
                else
                    setImmediate(endOnceRead);
            };
            if (!gunzip.destroyed)
                gunzip.flush(external_node_zlib_.constants.Z_SYNC_FLUSH, endOnceRead);
        })();
        let atStart = true;
        try {
            for await (const chunk of gunzip) {
                yield atStart ? withoutBom(chunk) : chunk;
                atStart = false;
            }
            await feeding;
            if (inputFailure !== null)
                throw inputFailure.error;
        }
        catch (error) {
            // Output cut short because the input failed: the input's error, not zlib's "unexpected end of file". (A
            // failure is recorded before the gunzip is ended; corrupt data fails it while the input is still read, and
            // is not waited for: the caller releases the input.)
            if (inputFailure !== null)
                throw inputFailure.error;
            if (error instanceof types/* DecodeError */.X)
                throw error;
            const code = error.code;
            if (typeof code === 'string' && code.startsWith('Z_')) {
                throw new types/* DecodeError */.X(`corrupt gzip: ${error.message}`);
            }
            throw error;
        }
        finally {
            gunzip.destroy();
        }
        return;
    }
    let atStart = true;
    for await (const chunk of raw()) {
        yield atStart ? withoutBom(chunk) : chunk;
        atStart = false;
    }
}
/** Resolves when `stream` wants more, or is closed (destroyed, failed or finished). */
function drainedOrClosed(stream) {
    return new Promise((resolve) => {
        const done = () => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
    });
}
function withoutBom(chunk) {
    return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}
/**
 * A whole stored input inflated in one call (BOM dropped), when it is gzip, at most WHOLE_INFLATE_INPUT_BYTES and
 * inflates plainly; else null (then the stream path reads it, and fails, if it does, with its own message).
 */
function inflatedWhole(stored) {
    if (!isGzip(stored) || stored.length > WHOLE_INFLATE_INPUT_BYTES)
        return null;
    const inflated = inflateWhole(stored);
    return inflated === null ? null : withoutBom(inflated);
}
/**
 * Frees a buffer's memory at once, when nothing will read it again: it is detached, and every view of it then reads
 * as empty. Otherwise each waits for a garbage collection, and on Node 24 thousands of small files' bytes piled up:
 * 2,016 files of 12 KB took 115 MB peak RSS instead of 80 MB from disk, and 12% longer, once their inflated bytes
 * were freed; 6 MB less and 3% faster again from S3 once their stored bytes were too. Call it only on a buffer no
 * one else holds (inflatedWhole's output, a source's own read). A slice of Buffer's shared pool (which Node marks
 * untransferable) is left to the collector, as everything is on Node 20, which has no ArrayBuffer.prototype.transfer.
 */
function releaseBytes(bytes) {
    const memory = bytes.buffer;
    // A pool slab is Buffer.poolSize bytes: skipped without the cost of a throw (small files' bytes mostly are).
    if (typeof memory.transfer !== 'function' || memory.byteLength === Buffer.poolSize)
        return;
    try {
        memory.transfer(0);
    }
    catch {
        // Untransferable: not ours to free.
    }
}

// EXTERNAL MODULE: ./src/decode/prefilter.ts
var decode_prefilter = __webpack_require__(13453);
;// CONCATENATED MODULE: ./src/decode/record-sink.ts

const ENVELOPE_FORMAT = {
    Records: 'records-envelope',
    Events: 'lookup-events',
    events: 'cloudwatch-logs'
};
function isEnvelopeKey(key) {
    return key === 'Records' || key === 'Events' || key === 'events';
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
/** A digest document (log-file validation) has these and no Records. */
function isDigestDocument(value) {
    return 'digestStartTime' in value && !('Records' in value);
}
/** EventBridge wraps the record in `detail`; a CloudTrail record itself never has a top-level `detail`. */
function isEventBridgeEvent(value) {
    return 'detail' in value && !('eventName' in value);
}
/**
 * Turns decoded items into records, counts them and works out the file's format.
 * Every strategy (fast, full, stream) drives the same sink, so shape rules and counts cannot drift apart.
 *
 * Shape checks (eventName present, known top-level keys) apply to the first record of a file: that is what
 * tells a CloudTrail file from some other JSON. Later items are only required to be objects, because the
 * fast path does not parse items that cannot be Bedrock records and all strategies must agree.
 */
class RecordSink {
    onRecord;
    records = 0;
    formatSeen;
    recordsFromBareObjects = 0;
    pendingArray = false;
    constructor(onRecord) {
        this.onRecord = onRecord;
    }
    get format() {
        if (this.formatSeen === undefined)
            return this.pendingArray ? 'json-array' : 'empty';
        // One record object per line, or several concatenated: NDJSON rather than a single record.
        if (this.formatSeen === 'single-record' && this.recordsFromBareObjects > 1)
            return 'ndjson';
        return this.formatSeen;
    }
    setFormat(format) {
        if (this.formatSeen === undefined)
            this.formatSeen = format;
    }
    envelopeStart(key) {
        this.setFormat(ENVELOPE_FORMAT[key]);
    }
    topLevelArrayStart() {
        // The format is decided by the first element (EventBridge events or records); empty array: json-array.
        if (this.formatSeen === undefined)
            this.pendingArray = true;
    }
    /** Counted without parsing: the fast path proved the bytes cannot hold a Bedrock record. */
    skippedItem() {
        this.records++;
    }
    /** A whole top-level object that was not parsed; digests hold no records. */
    skippedTopLevelObject(isDigest) {
        if (isDigest)
            return;
        this.recordsFromBareObjects++;
        this.records++;
    }
    envelopeItem(key, item) {
        const position = this.records + 1;
        if (!isPlainObject(item)) {
            throw new types/* DecodeError */.X(`not CloudTrail: ${key}[] item (record ${position}) is ${describe(item)}, expected an object`);
        }
        if (key === 'Records') {
            this.emit(item);
            return;
        }
        // lookup-events and filter-log-events carry the record as a JSON string.
        const field = key === 'Events' ? 'CloudTrailEvent' : 'message';
        const text = item[field];
        if (typeof text !== 'string') {
            throw new types/* DecodeError */.X(`not CloudTrail: ${key}[] item (record ${position}) has no string ${field}`);
        }
        let record;
        try {
            record = JSON.parse(text);
        }
        catch (error) {
            throw new types/* DecodeError */.X(`not CloudTrail: ${key}[] item (record ${position}) ${field} is not JSON: ${error.message}`);
        }
        this.emit(record, `${key}[].${field}`);
    }
    topLevelArrayItem(item) {
        const position = this.records + 1;
        if (!isPlainObject(item)) {
            throw new types/* DecodeError */.X(`not CloudTrail: array item (record ${position}) is ${describe(item)}, expected an object`);
        }
        if (isEventBridgeEvent(item)) {
            if (this.pendingArray)
                this.formatSeen = 'eventbridge';
            this.pendingArray = false;
            this.emit(item.detail, 'EventBridge detail');
            return;
        }
        if (this.pendingArray)
            this.formatSeen = 'json-array';
        this.pendingArray = false;
        this.emit(item);
    }
    /** A whole top-level object: an envelope whose key was escaped, a digest, an EventBridge event or a record. */
    topLevelObject(value) {
        if (!isPlainObject(value)) {
            throw new types/* DecodeError */.X(`not CloudTrail: top-level value is ${describe(value)}`);
        }
        const keys = ['Records', 'Events', 'events'].filter((key) => key in value);
        if (keys.length > 1) {
            throw new types/* DecodeError */.X(`not CloudTrail: duplicate envelope key "${keys[1]}" after the "${keys[0]}" array`);
        }
        for (const key of keys) {
            const items = value[key];
            if (!Array.isArray(items)) {
                throw new types/* DecodeError */.X(`not CloudTrail: "${key}" is ${describe(items)}, expected an array`);
            }
            this.envelopeStart(key);
            for (const item of items)
                this.envelopeItem(key, item);
            return;
        }
        if (isDigestDocument(value)) {
            this.setFormat('digest');
            return;
        }
        if (isEventBridgeEvent(value)) {
            this.setFormat('eventbridge');
            this.emit(value.detail, 'EventBridge detail');
            return;
        }
        if (!('eventName' in value) && this.records === 0) {
            throw new types/* DecodeError */.X('not CloudTrail: top-level object has none of Records/Events/events/detail/eventName/digestStartTime');
        }
        this.setFormat('single-record');
        this.recordsFromBareObjects++;
        this.emit(value);
    }
    emit(record, what = 'record') {
        const position = this.records + 1;
        if (!isPlainObject(record)) {
            throw new types/* DecodeError */.X(`not CloudTrail: ${what} (record ${position}) is ${describe(record)}, expected an object`);
        }
        if (position === 1 && record.eventType === 'AwsCloudTrailInsight') {
            // A CloudTrail Insights file: its records describe unusual activity, not API calls (no top-level
            // eventName/eventSource), so the detection never selects them; they are still counted and seen.
            this.formatSeen = 'insight';
        }
        else if (position === 1 && !('eventName' in record)) {
            throw new types/* DecodeError */.X(`not CloudTrail: first ${what} has no eventName`);
        }
        this.records++;
        this.onRecord(record);
    }
}

// EXTERNAL MODULE: ./src/decode/cap-text.ts
var cap_text = __webpack_require__(32508);
;// CONCATENATED MODULE: ./src/decode/oversized.ts


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
const COMPACT_AFTER_BYTES = 1024 * 1024;
/**
 * Strings longer than this (raw bytes between the quotes) are capped while streaming. At most 6 bytes spell
 * one UTF-16 code unit (`\uXXXX`), so such a string is always longer than MAX_TEXT_UNITS and would be capped anyway.
 */
const LONG_STRING_BYTES = 64 * 1024;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const QUOTE_BYTES = Buffer.from('"');
const SIMPLE_ESCAPES = {
    0x22: '"',
    0x5c: '\\',
    0x2f: '/',
    0x62: '\b',
    0x66: '\f',
    0x6e: '\n',
    0x72: '\r',
    0x74: '\t'
};
function hexValue(c) {
    if (c >= 0x30 && c <= 0x39)
        return c - 0x30;
    if (c >= 0x61 && c <= 0x66)
        return c - 0x57;
    if (c >= 0x41 && c <= 0x46)
        return c - 0x37;
    return -1;
}
/** The content of one long JSON string, decoded as it streams by, into a TextCapper. */
class StreamingString {
    where;
    capper = new cap_text/* TextCapper */.FW();
    decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    /** 0: plain bytes; 1: after a backslash; 2..5: reading the hex digits of `\u`. */
    state = 0;
    unit = 0;
    constructor(where) {
        this.where = where;
    }
    /** Consumes `bytes` from `start`; returns the index after the closing quote, or -1 if the string goes on. */
    write(bytes, start) {
        const n = bytes.length;
        let run = start;
        for (let i = start; i < n; i++) {
            const c = bytes[i];
            if (this.state === 0) {
                if (c === QUOTE || c === BACKSLASH) {
                    this.flush(bytes, run, i);
                    if (c === QUOTE)
                        return i + 1;
                    this.state = 1;
                }
                else if (c < 0x20) {
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
                if (escaped === undefined)
                    this.fail(`bad escaped character in string literal ('\\${String.fromCharCode(c)}')`);
                this.capper.add(escaped);
                this.state = 0;
                run = i + 1;
                continue;
            }
            const digit = hexValue(c);
            if (digit < 0)
                this.fail('bad Unicode escape in string literal');
            this.unit = this.unit * 16 + digit;
            if (this.state++ === 5) {
                this.capper.add(String.fromCharCode(this.unit));
                this.state = 0;
                run = i + 1;
            }
        }
        if (this.state === 0 && run < n)
            this.capper.add(this.decoder.decode(bytes.subarray(run, n), { stream: true }));
        return -1;
    }
    done() {
        return this.capper.done();
    }
    /** Decodes a run of plain bytes and ends the UTF-8 sequence (an escape or the quote follows). */
    flush(bytes, from, to) {
        this.capper.add(this.decoder.decode(bytes.subarray(from, to), { stream: true }));
        this.capper.add(this.decoder.decode());
    }
    fail(message) {
        throw new types/* DecodeError */.X(`invalid JSON in ${this.where()}: ${message}`);
    }
}
/** The bytes of one oversized record, with its long strings replaced by their capped form. */
class ItemCompactor {
    where;
    out = [];
    outBytes = 0;
    inString = false;
    escape = false;
    /** Raw content of the current string while it is still short enough to pass through. */
    raw = [];
    rawBytes = 0;
    long = null;
    constructor(where) {
        this.where = where;
    }
    /** Bytes held: the compacted record so far plus the current string's pending raw bytes. */
    get size() {
        return this.outBytes + this.rawBytes;
    }
    write(part) {
        const n = part.length;
        let i = 0;
        while (i < n) {
            if (this.long !== null) {
                const end = this.long.write(part, i);
                if (end === -1)
                    return;
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
                if (c === BACKSLASH)
                    escape = true;
                else if (c === QUOTE)
                    break;
            }
            this.escape = escape;
            if (j < n) {
                // The string ends here and was short: its bytes pass through, quotes included.
                this.push(QUOTE_BYTES);
                for (const piece of this.raw)
                    this.push(piece);
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
    finish() {
        if (this.long !== null || this.inString)
            throw new types/* DecodeError */.X(`truncated JSON: ${this.where()} ends inside a string`);
        return Buffer.concat(this.out, this.outBytes);
    }
    startLong() {
        this.long = new StreamingString(this.where);
        this.escape = false;
        for (const piece of this.raw) {
            if (this.long.write(piece, 0) !== -1)
                throw new Error('unreachable: a closing quote inside pending string bytes');
        }
        this.raw = [];
        this.rawBytes = 0;
    }
    push(bytes) {
        if (bytes.length === 0)
            return;
        this.out.push(bytes);
        this.outBytes += bytes.length;
    }
}

;// CONCATENATED MODULE: ./src/decode/kernel/record-scanner-kernel.wasm.ts
// Generated by `npm run build:kernel` from record-scanner-kernel.c: do not edit.
// Built with: Debian clang version 14.0.6
/** The record scanner kernel, a WebAssembly module (see record-scanner-kernel.c), base64-encoded. */
const RECORD_SCANNER_KERNEL = 'AGFzbQEAAAABDwNgAAF/YAF/AGACf38BfwMODQAAAAAAAAAAAAECAgIEBQFwAQEBBQMBAAMGCAF/AUHQ1AgLB9MBDAZtZW1vcnkCAAVpbnB1dAAADXN0YWNr' +
    'X2FkZHJlc3MAAQ1zdGF0ZV9hZGRyZXNzAAIOZXZlbnRzX2FkZHJlc3MAAxVtYXJrZXJfc3RhcnRzX2FkZHJlc3MABBVtYXJrZXJfb2Zmc2V0X2FkZHJlc3MA' +
    'BRVtYXJrZXJfbGVuZ3RoX2FkZHJlc3MABhRtYXJrZXJfYnl0ZXNfYWRkcmVzcwAHFHZlY3Rvcl9ieXRlc19hZGRyZXNzAAgQc2V0X3ZlY3Rvcl9jb3VudAAJ' +
    'BHNjYW4ACgrJMA0IAEHQ1IiAAAsIAEGAioCAAAsIAEGQqoCAAAsIAEHAqoCAAAsIAEHAqoSAAAsIAEHAsoSAAAsIAEHAs4SAAAsIAEHAtISAAAsIAEHA1ISA' +
    'AAsNAEEAIAA2AsjUhIAAC6gqChp/BXsEfgV7Bn4BfwJ+An8CfgR/I4CAgIAAQeAAayICJICAgIAAQQAoAqiqgIAAIQNBACgCpKqAgAAhBEEAKAKgqoCAACEF' +
    'QQAoApyqgIAAIQZBACgCmKqAgAAhB0EAKAKUqoCAACEIQQAoApCqgIAAIQkCQAJAIAAgAUgNAEEAIQpBACELDAELQQEgAWshDEEAKALI1ISAACINQXxxIQ4g' +
    'DUEDcSEPQQAoArSqgIAAIRAgDUF/akEDSSERIAAhEkEAIQtBACEKA0AgBUEBIAVBAUobIRMgBkF9cSEUIApBAEcgEEVyIRUgCSEWIAQhFwNAAkACQAJAAkAC' +
    'QAJAIAAgEk4NACAWIQkMAQsCQCAAQcAAaiIEIAFMDQAgFiEJDAELAkAgFiAFSg0AIBYhCQwBCwJAIBZBAU4NACAWIQkMAQsCQCAUQQFHDQBBASEJIBZBAUsg' +
    'FXJFDQEgFUUNAkHQ1IiAACAAaiESIAEgAGshGCAWIQkDQCAEIRlBwAAhGgJAQdDUiIAAIABqIhv9AAAQIhz9DFxcXFxcXFxcXFxcXFxcXFwiHf0j/WStQhCG' +
    'IBv9AAAAIh4gHf0j/WSthCAb/QAAICIfIB39I/1krUIghoQgG/0AADAiICAd/SP9ZK1CMIaEQgBRDQAgCSEWDAYLAkAgBw0AIA1BAE4NAEEAIQcgCSEWDAYL' +
    'QgAhISAc/QwiIiIiIiIiIiIiIiIiIiIiIh39I/1krUIQhiAeIB39I/1krYQgHyAd/SP9ZK1CIIaEICAgHf0j/WStQjCGhCIiQgGGICKFIiNCAoYgI4UiI0IE' +
    'hiAjhSIjQgiGICOFIiNCEIYgI4UiI0J/QgAgCBuFICNCIIaFISQgHP0MICAgICAgICAgICAgICAgICId/VAiJf0MfX19fX19fX19fX19fX19fSIm/SP9ZK1C' +
    'EIYgHiAd/VAiJyAm/SP9ZK2EIB8gHf1QIiggJv0j/WStQiCGhCAgIB39UCIpICb9I/1krUIwhoQhKiAl/Qx7e3t7e3t7e3t7e3t7e3t7Ih39I/1krUIQhiAn' +
    'IB39I/1krYQgKCAd/SP9ZK1CIIaEICkgHf0j/WStQjCGhCErQgAhLAJAIAcNAAJAAkAgDUEBTg0AQgAhIwwBC0EAIQRCACEjA0AgIyAEQcDUhIAAav0HAAAi' +
    'HSAe/SP9ZK2EIB0gHP0j/WStQhCGhCAdIB/9I/1krUIghoQgHSAg/SP9ZK1CMIaEISMgDSAEQQFqIgRHDQALCyAjICSDISwLICogK4QgJEJ/hSIjgyIqICxC' +
    'f4WDIS0gLCAqhCEuIBz9DCwsLCwsLCwsLCwsLCwsLCwiHf0j/WStQhCGIB4gHf0j/WSthCAfIB39I/1krUIghoQgICAd/SP9ZK1CMIaEICODIS8gG0EBaiEw' +
    'ICQgIoMhMSAiICODITIDQCAJITMCQAJAAkACQANAIC4gIUJ/hSIjg3oiKqchNAJAIDNBAUcNACAvQn9CfyAqhkJ/hSA0QcAARhsgI4MiI4MiNSAxICODIiKE' +
    'IjZQDQACQCA1QgGGICNCACAjfYNCACAXG4QgI4MgNiAjhXwgIoMiI1ANAANAAkACQCAjeiIipyIEQT9GDQACQCAEIBtqQQFqLQAAIhZBu39qDiEBAgICAgIC' +
    'AgICAgICAQICAgICAgICAgICAgICAgICAQEACyAWQSJHDQELQQEhFgJAIDJCfiAihoMiIVBFDQBBASEXDAgLQQEhFyAwIARqICF6pyAEQX9zahCLgICAAA0H' +
    'CyAjQn98ICODIiNCAFINAAsLIDUgNnlCP4WIp0EBcSEXCyA0QcAARg0BQn9CPyAqfYghIUIBICqGIiMgLINQDQIgBw0AC0EAIQcgMyEJQdDUiIAAIAAgNGoi' +
    'BGotAABBAnRBwKqEgABqKAIAIghFDQQgEiA0aiE3IBggNGshOCABIARrITkDQAJAAkAgOSAIaEECdCI0QcCzhIAAaigCACIEIDkgBEgbIhZBAUgNACAEIDgg' +
    'BCA4SBshFiA0QcCyhIAAaigCAEHAtISAAGohBCA3ITQDQAJAIDQtAAAiOiAELQAAIglGDQACQCAJQZ9/akH/AXFBGUsNACA6QSByIAlGDQELAkAgCUHrAEcN' +
    'ACA6QeIBRg0JCyAJQekARiA6QcQBRnENCCAWRQ0IDAMLIDRBAWohNCAEQQFqIQQgFkF/aiIWDQAMBwsLIBYNAEEBIQcgLSEuIDMhCQwGCyAIQX9qIAhxIggN' +
    'AAsgMyEJDAQLIBJBwABqIRIgGEFAaiEYICRCP4giI6chCCAZIQAgMyEJIBlBwABqIgQgAUwNBCAjpyEIIBkhACAzIRYMCQsgGyA0ai0AACEEAkACQAJAICMg' +
    'K4NQDQAgM0H/H0oNASAzQYGKgIAAaiAEOgAAIDNBAWohCQwFC0H7AEHbACAEQf8BcUH9AEYbIDNBgIqAgABqLQAARg0BCyAqISIgMyEWDAELIDNBf2ohCSAq' +
    'ISIgMyEWIDNBAUoNAgsgACAip2ohAAwGCyAtIS5BASEHIDMhCQwACwsLQQEhCSAWQQFLDQELAkAgCEUNAANAAkACQAJAAkAgBw0AIA0NAQsDQAJAIABBEGoi' +
    'BCABTA0AIAAgAU4NBANAQdDUiIAAIABqLQAAIgRBIkYNBSAEQdwARg0FIAEgAEEBaiIARw0ADAQLC0HQ1IiAACAAaiE0IAQhACA0/QAAACId/QxcXFxcXFxc' +
    'XFxcXFxcXFxc/SMgHf0MIiIiIiIiIiIiIiIiIiIiIv0j/VD9ZCI0RQ0ACyA0aCAEakFwaiEADAILAkACQCANQQFODQAgACEWDAELQQAhBCACITQDQCA0IARB' +
    'wNSEgABq/QcAAP0LBAAgNEEQaiE0IA0gBEEBaiIERw0ACwNAIAAiFkEQaiIAIAFKDQFB0NSIgAAgFmr9AAAAIh39DFxcXFxcXFxcXFxcXFxcXFz9IyAd/Qwi' +
    'IiIiIiIiIiIiIiIiIiIi/SP9UCEcQQAhNAJAIBENAEEAITQgAiEEA0AgHCAdIAT9AAQA/SP9UCAdIARBEGr9AAQA/SP9UCAdIARBIGr9AAQA/SP9UCAdIARB' +
    'MGr9AAQA/SP9UCEcIARBwABqIQQgDiA0QQRqIjRHDQALCwJAIA9FDQAgAiA0QQR0aiEEIA8hNANAIBwgHSAE/QAEAP0j/VAhHCAEQRBqIQQgNEF/aiI0DQAL' +
    'CyAc/WQiBEUNAAsgBGggFmohAAwCCwJAIBYgAUgNACAWIQAMAgsDQAJAQdDUiIAAIBZqLQAAIgRBIkcNACAWIQAMAwsCQCAEQdwARw0AIBYhAAwDCwJAIARB' +
    'AnRBwKqEgABqKAIARQ0AIBYhAAwDCyABIBZBAWoiFkcNAAsLIBchBCABIQAMCQsCQCAAIAFIDQAgFyEEDAkLAkACQAJAQdDUiIAAIABqIjMtAAAiBEHcAEYN' +
    'ACAEQSJGDQggB0UNASAAQQFqIQAMAwsCQCAAQQFqIgQgAUgNACAXIQQMCwtBAiEbAkBB0NSIgAAgBGotAAAiBEH1AEYNACAEQdwARw0CIABBAmoiBCABTg0A' +
    'QdDUiIAAIARqLQAAQfUARw0CC0EBIQcgAEECaiEADAILAkAgBEECdEHAqoSAAGooAgAiOkUNACABIABrIRkDQAJAAkACQCAZIDpoQQJ0IjRBwLOEgABqKAIA' +
    'IgQgGSAESBsiFkEBSA0AIDRBwLKEgABqKAIAQcC0hIAAaiEEIDMhNANAAkAgNC0AACIwIAQtAAAiB0YNAAJAIAdBn39qQf8BcUEZSw0AIDBBIHIgB0YNAQtB' +
    'ASEbAkAgB0HrAEcNACAwQeIBRw0AQQEhByAAQQFqIQAMCQsgB0HpAEYgMEHEAUZxRQ0DQQEhByAAQQFqIQAMCAtBASEbIDRBAWohNCAEQQFqIQRBASEHIBZB' +
    'f2oiFg0ADAYLCyAWDQFBASEHIABBAWohAAwFC0EBIQcgFkUNAwsgOkF/aiA6cSI6DQALC0EBIRtBACEHCyAAIBtqIQAMAAsLAkACQEHQ1IiAACAAaiIWLQAA' +
    'IjRBgIiAgABqLQAADQBBACEIAkAgC0H+/wBMDQAgFyEEDAkLAkACQAJAIDRBIkcNAAJAIAkNACAXIQQMDAsCQCAJIAVHDQAgFyEEDAwLQQEhCCAAQQFqITMg' +
    'F0UNAiAJQQFHDQICQCAzIAFIDQBBASEJDAILIAwgAGohG0EAIQhBACEEAkADQEEBIQlB0NSIgAAgACAEaiIwakEBai0AACI0QSJGDQECQCA0QdwARw0AIBch' +
    'BAwOC0EBIQkgGyAEQQFqIgRqDQALIBchBAwMC0EBIQkCQCAWQQFqIAQQi4CAgABFDQAgFyEEDAwLAkAgBw0AQQAhByAzIDBBAWpODQBBACE0A0ACQEHQ1IiA' +
    'ACAzIDRqIgBqLQAAQQJ0QcCqhIAAaigCAEUNACAAIAEQjICAgABFDQBBASEHDAILIAQgNEEBaiI0Rw0AC0EAIQcLIDBBAmohAEEBIQpBACEEQQAhCEEBIQkM' +
    'BAsCQAJAAkACQAJAAkACQAJAIDRB3wFxIgRB2wBHDQACQCAJDQBBACEIIDRB+wBHDQIgBg0CIAtBAnRBwKqAgABqIABBA3RBAnI2AgBBASEKIAtBAWohC0EA' +
    'IQdBASEDQQAhBUEBIQYMBwsCQCAJIAVHDQAgNEH7AEcNBCALQQJ0QcCqgIAAaiAAQQN0NgIAQQEhAyALQQFqIQtBACEHDAYLIAlBAUcNBSAGQQFHDQUgNEHb' +
    'AEcNBSAKDQUgEEUNBUEAIQogFyEEQQEhBkEAIQhBASEJDBILAkAgBEHdAEcNAEEAIQggCUUNAQJAQfsAQdsAIDRB/QBGGyAJQYCKgIAAai0AAEYNACAXIQQM' +
    'EwsCQCAJQX9qIgkgBUcNACADRQ0AAkAgBQ0AIAZBAUYNAEEBIQlBACEFDAoLIAtBAnRBwKqAgABqIAdBAnQgAEEBaiIAQQN0ckEBQQMgBRtyNgIAQQAhAyAX' +
    'QQAgBRshBCAGQQAgBRshBiALQQFqIQtBACEHQQAhCCAFIQkMDAsCQCAJDQBBASEJIBchBAwTCyAJQQFHDQogBkECRw0KQQIhBiAXIQRBAiEJDBILQQAhCCAJ' +
    'DQELIBchBEEAIQkMEAsgCSAFRw0BIDRBLEYNAQsgFyEEIAUhCQwOCwJAAkACQAJAIAlBAUcNACAGQQFHDQBBASEEIDRBVGoODwMBAQEBAQEBAQEBAQEBAgEL' +
    'QQEgFyA0QSxGGyAXIAZBA0YbIBcgCUEBRhshBAwCC0EBIQoLIBchBAsgAEEBaiEADAILIAlB/x9MDQAgFyEEDAwLIAlBgYqAgABqIDQ6AAAgF0EBIBcgBkF9' +
    'cUEBRhsgCRshBCAAQQFqIQAgCUEBaiEJC0EAIQgMAwsgFyEEQQAhCAwJCyAXIQQgMyEADAELIABBAWohAEEAIQggFyEECyAAIAFIDQUMBgtB0NSIgAAgAGoh' +
    'GCABIABrITkCQANAIAQhOEHAACEaQdDUiIAAIABqIhn9AAAQIhz9DFxcXFxcXFxcXFxcXFxcXFwiHf0j/WStQhCGIBn9AAAAIh4gHf0j/WSthCAZ/QAAICIf' +
    'IB39I/1krUIghoQgGf0AADAiICAd/SP9ZK1CMIaEQgBSDQMCQCAHDQAgDUEATg0AQQAhBwwEC0IAISogHP0MIiIiIiIiIiIiIiIiIiIiIiId/SP9ZK1CEIYg' +
    'HiAd/SP9ZK2EIB8gHf0j/WStQiCGhCAgIB39I/1krUIwhoQiI0IBhiAjhSIjQgKGICOFIiNCBIYgI4UiI0IIhiAjhSIjQhCGICOFIiNCf0IAIAgbhSAjQiCG' +
    'hSEsIBz9DCAgICAgICAgICAgICAgICAiHf1QIiX9DH19fX19fX19fX19fX19fX0iJv0j/WStQhCGIB4gHf1QIicgJv0j/WSthCAfIB39UCIoICb9I/1krUIg' +
    'hoQgICAd/VAiKSAm/SP9ZK1CMIaEISIgJf0Me3t7e3t7e3t7e3t7e3t7eyId/SP9ZK1CEIYgJyAd/SP9ZK2EICggHf0j/WStQiCGhCApIB39I/1krUIwhoQh' +
    'MgJAIAcNAAJAAkAgDUEBTg0AQgAhIwwBC0EAIQRCACEjA0AgIyAEQcDUhIAAav0HAAAiHSAe/SP9ZK2EIB0gHP0j/WStQhCGhCAdIB/9I/1krUIghoQgHSAg' +
    '/SP9ZK1CMIaEISMgDSAEQQFqIgRHDQALCyAjICyDISoLAkAgKiAiIDKEICxCf4WDhCIheiIjpyIEQcAARg0AICpCf4UhLgNAAkACQEIBICOGIiIgKoNQDQAg' +
    'Bw0BQQAhB0HQ1IiAACAEIABqIjRqLQAAQQJ0QcCqhIAAaigCACIJRQ0BIBggBGohEiA5IARrIQggASA0ayE6AkADQAJAAkAgOiAJaEECdCI0QcCzhIAAaigC' +
    'ACIEIDogBEgbIjBBAUgNACAEIAggBCAISBshMCA0QcCyhIAAaigCAEHAtISAAGohBCASITQDQAJAIDQtAAAiMyAELQAAIhtGDQACQCAbQZ9/akH/AXFBGUsN' +
    'ACAzQSByIBtGDQELAkAgG0HrAEcNACAzQeIBRg0GCyAbQekARiAzQcQBRnENBSAwDQMMBQsgNEEBaiE0IARBAWohBCAwQX9qIjANAAwECwsgMEUNAgsgCUF/' +
    'aiAJcSIJDQAMAwsLICEgLoMhIUEBIQcMAQsgGSAEai0AACEEAkAgIiAyg1ANACAWQf8fSg0FIBZBgYqAgABqIAQ6AAAgFkEBaiEWDAELQfsAQdsAIARB/wFx' +
    'Qf0ARhsgFkGAioCAAGotAABHDQQgFkF/aiIEIBNMDQQgBCEWCyAhQn9CPyAjfYhCf4WDeiIjpyIEQcAARw0ACwsgGEHAAGohGCA5QUBqITkgLEI/iCIjpyEI' +
    'IDghACA4QcAAaiIEIAFMDQALICOnIQggOCEADAILIAAgI6dqIQALQQEhGkEAIQgLIBogAGohEiAAIAFIDQEgFyEEIBYhCQwDC0EAIQggCSEWIABBAWoiACAB' +
    'SA0ACwsgFyEEC0EAIAs2ArCqgIAAQQAgCjYCrKqAgABBACADNgKoqoCAAEEAIAQ2AqSqgIAAQQAgBTYCoKqAgABBACAGNgKcqoCAAEEAIAc2ApiqgIAAQQAg' +
    'CDYClKqAgABBACAJNgKQqoCAACACQeAAaiSAgICAACAAC68DAQF/QQAhAgJAAkACQAJAAkACQCABQXpqDgoBAgUFBQUFBQUABQsgAC0AAEHkAEcNBCAALQAB' +
    'QekARw0EIAAtAAJB5wBHDQQgAC0AA0HlAEcNBCAALQAEQfMARw0EIAAtAAVB9ABHDQQgAC0ABkHTAEcNBCAALQAHQfQARw0EIAAtAAhB4QBHDQQgAC0ACUHy' +
    'AEcNBCAALQAKQfQARw0EIAAtAAtB1ABHDQQgAC0ADEHpAEcNBCAALQANQe0ARw0EIAAtAA5B5QBGDwtBACEBIAAtAAAiAkHlAEYNASACQcUARw0CIAAtAAFB' +
    '9gBHDQIgAC0AAkHlAEcNAiAALQADQe4ARw0CIAAtAARB9ABHDQJBASECIAAtAAVB8wBHDQIMAwsgAC0AAEHSAEcNAiAALQABQeUARw0CIAAtAAJB4wBHDQIg' +
    'AC0AA0HvAEcNAiAALQAEQfIARw0CIAAtAAVB5ABHDQIgAC0ABkHzAEYPCyAALQABQfYARw0AIAAtAAJB5QBHDQAgAC0AA0HuAEcNACAALQAEQfQARw0AIAAt' +
    'AAVB8wBGIQELIAEhAgsgAguMAgEHfwJAQdDUiIAAIABqIgItAABBAnRBwKqEgABqKAIAIgNFDQAgASAAayEEA0ACQAJAAkAgBCADaEECdCIBQcCzhIAAaigC' +
    'ACIAIAQgAEgbIgVBAUgNACABQcCyhIAAaigCAEHAtISAAGohACACIQEDQAJAIAEtAAAiBiAALQAAIgdGDQACQCAHQZ9/akH/AXFBGUsNACAGQSByIAdGDQEL' +
    'QQEhCAJAIAdB6wBHDQAgBkHiAUYNBAsgB0HpAEYgBkHEAUZxDQMgBUUNAwwEC0EBIQggAUEBaiEBIABBAWohACAFQX9qIgUNAAwCCwsgBQ0BQQEhCAsgCA8L' +
    'IANBf2ogA3EiAw0ACwtBAAsLiAIBAEGACAuAAgAAAAAAAAAAAAEBAAABAAAAAAAAAAAAAAAAAAAAAAAAAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
    'AAAAAAAAAAAAAAAAAAA=';

;// CONCATENATED MODULE: ./src/decode/kernel/scanner-kernel.ts

/**
 * The WebAssembly half of RecordScanner (see record-scanner-kernel.c): one instance per thread, shared by every
 * scanner on it (write() is synchronous, so they never overlap); each call loads the caller's state in and out.
 */
/** Indices into the kernel's state array (record-scanner-kernel.c). */
var KernelState;
(function (KernelState) {
    KernelState[KernelState["Depth"] = 0] = "Depth";
    KernelState[KernelState["InString"] = 1] = "InString";
    KernelState[KernelState["Marker"] = 2] = "Marker";
    KernelState[KernelState["Mode"] = 3] = "Mode";
    KernelState[KernelState["ItemDepth"] = 4] = "ItemDepth";
    KernelState[KernelState["ExpectKey"] = 5] = "ExpectKey";
    KernelState[KernelState["InItem"] = 6] = "InItem";
    KernelState[KernelState["KeyCleared"] = 7] = "KeyCleared";
    KernelState[KernelState["Events"] = 8] = "Events";
    /** 1 when the JS side holds a depth-1 key it tracks (lastKey): the kernel then leaves depth 1 to the byte loop. */
    KernelState[KernelState["LastKey"] = 9] = "LastKey";
})(KernelState || (KernelState = {}));
/** Event types in the low two bits of an event (the marker flag is bit 2, the position the bits above). */
var KernelEvent;
(function (KernelEvent) {
    KernelEvent[KernelEvent["ItemBegin"] = 0] = "ItemBegin";
    KernelEvent[KernelEvent["ItemEnd"] = 1] = "ItemEnd";
    KernelEvent[KernelEvent["TopBegin"] = 2] = "TopBegin";
    KernelEvent[KernelEvent["TopEnd"] = 3] = "TopEnd";
})(KernelEvent || (KernelEvent = {}));
const WebAssemblyApi = globalThis.WebAssembly;
const MAX_MARKERS = 32;
const MAX_MARKER_BYTES = 4096;
const MAX_VECTOR_BYTES = 6;
/**
 * Larger chunks are scanned in pieces of this size, so the kernel's memory (one per thread, never shrunk) stays
 * small whatever a stream hands over; positions fit the events' 29 bits with room to spare.
 */
const MAX_KERNEL_CHUNK = 4 * 1024 * 1024;
const PADDING = 16;
class ScannerKernel {
    exports;
    inputAddress;
    /** Views into the kernel's memory; rebuilt when it grows. */
    input;
    stack;
    state;
    events;
    loaded = undefined;
    constructor(module) {
        this.exports = new WebAssemblyApi.Instance(module, {}).exports;
        this.inputAddress = this.exports.input();
        this.views();
    }
    views() {
        const buffer = this.exports.memory.buffer;
        this.input = new Uint8Array(buffer, this.inputAddress);
        this.stack = new Uint8Array(buffer, this.exports.stack_address(), 4097);
        this.state = new Int32Array(buffer, this.exports.state_address(), 10);
        this.events = new Uint32Array(buffer, this.exports.events_address(), 16384);
    }
    /** Copies `chunk` to the kernel's input, growing its memory when needed. */
    load(chunk) {
        const needed = this.inputAddress + chunk.length + PADDING;
        const memory = this.exports.memory;
        if (needed > memory.buffer.byteLength) {
            memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
            this.views();
        }
        this.input.set(chunk);
    }
    /**
     * Loads the prefilter's markers unless they are already loaded; false when the kernel can't hold them
     * (the JS loop scans instead).
     */
    usePrefilter(prefilter) {
        if (prefilter === this.loaded)
            return true;
        const buffer = this.exports.memory.buffer;
        const starts = new Uint32Array(buffer, this.exports.marker_starts_address(), 256);
        const offsets = new Int32Array(buffer, this.exports.marker_offset_address(), MAX_MARKERS);
        const lengths = new Int32Array(buffer, this.exports.marker_length_address(), MAX_MARKERS);
        const bytes = new Uint8Array(buffer, this.exports.marker_bytes_address(), MAX_MARKER_BYTES);
        starts.fill(0);
        const distinct = [];
        let used = 0;
        for (let b = 0; b < 256 && prefilter !== null; b++) {
            for (const marker of prefilter.byFirstByte[b]) {
                const key = Buffer.from(marker).toString('latin1');
                let index = distinct.indexOf(key);
                if (index < 0) {
                    if (distinct.length === MAX_MARKERS || used + marker.length > MAX_MARKER_BYTES) {
                        this.loaded = undefined;
                        return false;
                    }
                    index = distinct.push(key) - 1;
                    offsets[index] = used;
                    lengths[index] = marker.length;
                    bytes.set(marker, used);
                    used += marker.length;
                }
                starts[b] |= 1 << index;
            }
        }
        const firstBytes = [];
        for (let b = 0; b < 256; b++)
            if (starts[b] !== 0)
                firstBytes.push(b);
        const vector = new Uint8Array(buffer, this.exports.vector_bytes_address(), MAX_VECTOR_BYTES);
        if (firstBytes.length <= MAX_VECTOR_BYTES)
            vector.set(firstBytes);
        this.exports.set_vector_count(firstBytes.length <= MAX_VECTOR_BYTES ? firstBytes.length : -1);
        this.loaded = prefilter;
        return true;
    }
    scan(i, n) {
        return this.exports.scan(i, n);
    }
}
let compiled;
let shared = null;
/** This thread's kernel, or null where WebAssembly SIMD is unavailable (the JS loop scans alone then). */
function scannerKernel() {
    if (shared !== null)
        return shared;
    if (compiled === undefined) {
        try {
            compiled = new WebAssemblyApi.Module(Buffer.from(RECORD_SCANNER_KERNEL, 'base64'));
        }
        catch {
            compiled = null;
        }
    }
    if (compiled === null)
        return null;
    shared = new ScannerKernel(compiled);
    return shared;
}

;// CONCATENATED MODULE: ./src/decode/record-scanner.ts





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
const record_scanner_QUOTE = 0x22;
const record_scanner_BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const LOWER_U = 0x75;
/** Bytes that need attention inside a string: quote, backslash and the bytes a marker can start with. */
function stringSpecial(prefilter) {
    const table = new Uint8Array(256);
    table[record_scanner_QUOTE] = 1;
    table[record_scanner_BACKSLASH] = 1;
    if (prefilter !== null)
        for (let b = 0; b < 256; b++)
            if (prefilter.byFirstByte[b].length > 0)
                table[b] = 1;
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
const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** What the scanner is doing with the current top-level value. */
var Mode;
(function (Mode) {
    /** Between top-level values. */
    Mode[Mode["Between"] = 0] = "Between";
    /** Inside a top-level object that is captured whole (a record, EventBridge event, digest) unless it turns out to be an envelope. */
    Mode[Mode["WholeObject"] = 1] = "WholeObject";
    /** Inside a top-level object whose Records/Events/events array is being streamed item by item. */
    Mode[Mode["Envelope"] = 2] = "Envelope";
    /** After the envelope array closed: the rest of the object is skipped structurally. */
    Mode[Mode["EnvelopeDone"] = 3] = "EnvelopeDone";
    /** Inside a top-level array whose elements are items. */
    Mode[Mode["TopArray"] = 4] = "TopArray";
})(Mode || (Mode = {}));
const KEY_BYTES = ['Records', 'Events', 'events', 'digestStartTime'].map((key) => [
    key,
    Buffer.from(key, 'latin1')
]);
/**
 * The name of a depth-1 key if it is one the scanner cares about (Records, Events, events, digestStartTime),
 * else null. Compared in place: this runs for every top-level key of every NDJSON line, so no allocation,
 * except for a key with escapes (`Rec\u006frds`), decoded as JSON would decode it.
 */
function keyName(key, start, end) {
    const length = end - start;
    // Bounded search: Buffer#indexOf would scan to the end of the chunk for every key (quadratic on NDJSON).
    let escaped = false;
    for (let k = start; k < end; k++) {
        if (key[k] === record_scanner_BACKSLASH) {
            escaped = true;
            break;
        }
    }
    if (escaped) {
        if (length > MAX_KEY_CARRY)
            return null; // six bytes per escaped character at most: longer can't spell a 15-letter key
        let decoded;
        try {
            decoded = JSON.parse(`"${key.toString('utf8', start, end)}"`);
        }
        catch {
            return null; // the record's own parse reports it
        }
        return KEY_BYTES.some(([name]) => name === decoded) ? decoded : null;
    }
    if (length !== 6 && length !== 7 && length !== 15)
        return null;
    for (const [name, bytes] of KEY_BYTES) {
        if (bytes.length !== length)
            continue;
        let same = true;
        for (let k = 0; k < length; k++) {
            if (key[start + k] !== bytes[k]) {
                same = false;
                break;
            }
        }
        if (same)
            return name;
    }
    return null;
}
function describeByte(byte) {
    return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
class RecordScanner {
    sink;
    parseAll;
    stringSpecial;
    markers;
    // Structural state, kept across chunks.
    depth = 0;
    stack = new Uint8Array(MAX_DEPTH + 1);
    inString = false;
    /** The previous chunk ended with a backslash inside a string: the first byte of this chunk is escaped. */
    escapePending = false;
    mode = Mode.Between;
    envelopeKey = 'Records';
    /** Depth of the container whose direct children are items; -1 when no items are expected. */
    itemContainerDepth = 0;
    // The current item.
    inItem = false;
    itemMarker = false;
    itemParts = [];
    itemPartsBytes = 0;
    /** Set once the current item outgrew COMPACT_AFTER_BYTES: its bytes go here instead of itemParts. */
    compactor = null;
    /** Index in the current chunk where the item (or its continuation) starts. */
    itemStart = 0;
    // Depth-1 keys of a WholeObject.
    expectKey = false;
    /** Index in the current chunk where the key being read starts (0 when it began in an earlier chunk); -1 when none. */
    keyStart = -1;
    keyCarry = null;
    lastKey = '';
    sawDigestStartTime = false;
    sawRecordsKey = false;
    offset = 0;
    /** The WebAssembly loop that scans the common states (kernel/); null when unavailable or not wanted. */
    kernel;
    kernelPrefilter;
    constructor(sink, strategy, prefilter, options = {}) {
        this.sink = sink;
        this.parseAll = strategy === 'full' || prefilter === null;
        this.stringSpecial = stringSpecial(this.parseAll ? null : prefilter);
        this.markers = prefilter?.byFirstByte ?? [];
        this.kernelPrefilter = this.parseAll ? null : prefilter;
        this.kernel = options.kernel === false ? null : scannerKernel();
    }
    /** Decompressed bytes consumed so far. */
    get bytes() {
        return this.offset;
    }
    write(chunk) {
        if (this.kernel !== null && chunk.length > MAX_KERNEL_CHUNK) {
            // The scanner takes any chunking: pieces keep the kernel's memory bounded.
            for (let start = 0; start < chunk.length; start += MAX_KERNEL_CHUNK)
                this.write(chunk.subarray(start, start + MAX_KERNEL_CHUNK));
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
            if (chunk[0] === LOWER_U || chunk[0] === record_scanner_BACKSLASH)
                marker = true;
            i = 1;
        }
        // With the kernel, the bracket stack lives in its memory for the length of this call.
        const kernel = this.kernel !== null && this.kernel.usePrefilter(this.kernelPrefilter) ? this.kernel : null;
        let stack = this.stack;
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
                if (state[KernelState.KeyCleared] === 1)
                    this.lastKey = '';
                if (i >= n)
                    break;
            }
            if (inString) {
                // Tight loop over string content: one table lookup per byte.
                for (;;) {
                    if (i >= n)
                        break;
                    const c = chunk[i];
                    if (STRING_SPECIAL[c] === 0) {
                        i++;
                        continue;
                    }
                    if (c === record_scanner_QUOTE) {
                        inString = false;
                        i++;
                        if (this.keyStart !== -1)
                            this.endKey(chunk, i - 1);
                        break;
                    }
                    if (c === record_scanner_BACKSLASH) {
                        if (i + 1 >= n) {
                            this.escapePending = true;
                            marker = true; // conservative: cannot see what follows
                            i++;
                            break;
                        }
                        const escaped = chunk[i + 1];
                        // `\u` anywhere (also `\\u`, an escape inside a string-encoded record) could spell bedrock.
                        if (escaped === LOWER_U || (escaped === record_scanner_BACKSLASH && (i + 2 >= n || chunk[i + 2] === LOWER_U)))
                            marker = true;
                        i += 2;
                        continue;
                    }
                    // The first byte of a marker: check the rest (ASCII-case-insensitively, see prefilter.ts).
                    if (!marker && (0,decode_prefilter/* markerAt */.el)(this.markers[c], chunk, i, n))
                        marker = true;
                    i++;
                }
                continue;
            }
            const c = chunk[i];
            if (WHITESPACE[c] === 1) {
                i++;
                continue;
            }
            if (c === record_scanner_QUOTE) {
                if (depth === 0)
                    this.fail(`not CloudTrail: top-level value is a string (at byte ${this.offset + i})`);
                if (depth === this.itemContainerDepth)
                    this.notAnObject('a string', i);
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
                }
                else if (depth === this.itemContainerDepth) {
                    if (c !== OPEN_OBJECT)
                        this.notAnObject('an array', i);
                    this.beginItem(i);
                    marker = false;
                }
                else if (depth === 1 && this.mode === Mode.WholeObject && c === OPEN_ARRAY && isEnvelopeKey(this.lastKey)) {
                    // {"Records":[ ... : stream the array item by item instead of buffering the whole object.
                    this.startEnvelope(this.lastKey);
                }
                if (depth >= MAX_DEPTH)
                    this.fail(`JSON nested deeper than ${MAX_DEPTH} levels at byte ${this.offset + i}`);
                depth++;
                stack[depth] = c;
                if (depth === 1 && (this.mode === Mode.WholeObject || this.mode === Mode.EnvelopeDone))
                    this.expectKey = true;
                i++;
                continue;
            }
            if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
                if (depth === 0)
                    this.fail(`invalid JSON: unexpected ${describeByte(c)} at byte ${this.offset + i}`);
                if (stack[depth] !== (c === CLOSE_OBJECT ? OPEN_OBJECT : OPEN_ARRAY)) {
                    this.fail(`invalid JSON: mismatched ${describeByte(c)} at byte ${this.offset + i}`);
                }
                depth--;
                i++;
                if (depth === this.itemContainerDepth && this.inItem) {
                    this.itemMarker = marker;
                    this.endItem(chunk, i);
                    marker = false;
                }
                else if (depth === 1 && this.mode === Mode.Envelope) {
                    this.mode = Mode.EnvelopeDone;
                    this.itemContainerDepth = -1;
                }
                if (depth === 0)
                    this.endTopLevel();
                continue;
            }
            if (depth === 0) {
                this.fail(this.offset + i === 0
                    ? `not JSON: starts with ${describeByte(c)}`
                    : `invalid JSON: unexpected ${describeByte(c)} at byte ${this.offset + i} between top-level values`);
            }
            if (depth === this.itemContainerDepth && c !== COMMA)
                this.notAnObject('a number or literal', i);
            if (depth === 1 && this.mode === Mode.WholeObject) {
                if (c === COMMA)
                    this.expectKey = true;
                else if (c !== COLON)
                    this.lastKey = '';
            }
            else if (depth === 1 && this.mode === Mode.EnvelopeDone && c === COMMA) {
                this.expectKey = true;
            }
            i++;
        }
        if (kernel !== null)
            this.stack.set(stack.subarray(0, depth + 1));
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
            if (this.keyCarry === null)
                this.keyCarry = Buffer.from(part);
            else if (this.keyCarry.length <= MAX_KEY_CARRY)
                this.keyCarry = Buffer.concat([this.keyCarry, part]);
            this.keyStart = 0;
        }
        this.offset += n;
    }
    /** Replays the record edges the kernel queued, in order, as this loop would have met them. */
    replay(kernel, chunk) {
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
    end() {
        if (this.depth > 0 || this.inString || this.escapePending) {
            const where = this.inItem ? ` inside record ${this.sink.records + 1}` : '';
            this.fail(`truncated JSON: unexpected end of input after ${this.offset} bytes${where}`);
        }
    }
    fail(message) {
        throw new types/* DecodeError */.X(message);
    }
    notAnObject(what, i) {
        const container = this.mode === Mode.Envelope ? `${this.envelopeKey}[] item` : 'array item';
        this.fail(`not CloudTrail: ${container} (record ${this.sink.records + 1}) is ${what}, expected an object (byte ${this.offset + i})`);
    }
    beginTopLevel(c, i) {
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
    endTopLevel() {
        this.mode = Mode.Between;
        this.itemContainerDepth = 0;
        this.expectKey = false;
    }
    startEnvelope(key) {
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
    beginItem(i) {
        this.inItem = true;
        this.itemStart = i;
        this.itemParts = [];
        this.itemPartsBytes = 0;
        this.compactor = null;
    }
    keepPartialItem(chunk) {
        const part = chunk.subarray(this.itemStart);
        this.itemStart = 0;
        if (this.compactor === null) {
            this.itemParts.push(part);
            this.itemPartsBytes += part.length;
            if (this.itemPartsBytes <= COMPACT_AFTER_BYTES)
                return;
            const position = this.sink.records + 1;
            this.compactor = new ItemCompactor(() => `record ${position}`);
            for (const held of this.itemParts)
                this.compactor.write(held);
            this.itemParts = [];
            this.itemPartsBytes = 0;
        }
        else {
            this.compactor.write(part);
        }
        if (this.compactor.size > MAX_RECORD_BYTES) {
            this.fail(`record ${this.sink.records + 1} is larger than ${MAX_RECORD_BYTES} bytes even with its long strings capped (at byte ${this.offset + chunk.length})`);
        }
    }
    endKey(chunk, quoteIndex) {
        const closingQuoteAt = this.offset + quoteIndex;
        let key = chunk;
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
        if (name === null)
            return;
        if (this.mode === Mode.EnvelopeDone) {
            if (isEnvelopeKey(name)) {
                this.fail(`not CloudTrail: duplicate envelope key "${name}" after the "${this.envelopeKey}" array (at byte ${closingQuoteAt})`);
            }
            return;
        }
        this.lastKey = name;
        if (name === 'digestStartTime')
            this.sawDigestStartTime = true;
        if (name === 'Records')
            this.sawRecordsKey = true;
    }
    endItem(chunk, end) {
        this.inItem = false;
        const parse = this.parseAll || this.itemMarker || this.sink.records === 0;
        const whole = this.mode === Mode.WholeObject;
        const compactor = this.compactor;
        this.compactor = null;
        if (!parse) {
            this.itemParts = [];
            if (whole)
                this.sink.skippedTopLevelObject(this.sawDigestStartTime && !this.sawRecordsKey);
            else
                this.sink.skippedItem();
            return;
        }
        let bytes;
        if (compactor !== null) {
            compactor.write(chunk.subarray(0, end));
            bytes = compactor.finish();
        }
        else if (this.itemParts.length === 0) {
            bytes = chunk.subarray(this.itemStart, end);
        }
        else {
            this.itemParts.push(chunk.subarray(0, end));
            bytes = Buffer.concat(this.itemParts);
            this.itemParts = [];
        }
        let value;
        try {
            value = JSON.parse(bytes.toString('utf8'));
        }
        catch (error) {
            this.fail(`invalid JSON in record ${this.sink.records + 1}: ${error.message}`);
        }
        if (whole)
            this.sink.topLevelObject(value);
        else if (this.mode === Mode.Envelope)
            this.sink.envelopeItem(this.envelopeKey, value);
        else
            this.sink.topLevelArrayItem(value);
    }
}

;// CONCATENATED MODULE: ./src/decode/cloudtrail.ts




/**
 * Decodes one stored CloudTrail file into records, whatever its shape (recognised by content, not name):
 * gzip or plain; `{"Records":[...]}` (compact or pretty); NDJSON; a JSON array; a single record; a digest
 * (0 records); `aws cloudtrail lookup-events` pages; EventBridge events; CloudWatch Logs filter-log-events
 * output. An empty file is format `empty` with 0 records, not an error.
 *
 * Rejects with DecodeError when the bytes are not CloudTrail (corrupt gzip, truncated or invalid JSON,
 * JSON of another shape, a record that is not an object). Other errors (the input stream failing) pass through.
 *
 * `result.records` counts every record; `onRecord` sees every record in `full` mode (and with a `recordDecoder`), and in
 * `fast` mode (default) at least every record whose bytes could hold one of the `prefilter` event sources.
 */
async function decodeCloudTrail(input, options) {
    const strategy = options.strategy ?? 'fast';
    const sink = new RecordSink(options.onRecord);
    const prefilter = (0,decode_prefilter/* compilePrefilter */.DX)(options.prefilter);
    const parsesMost = strategy === 'full' || prefilter === null || (0,decode_prefilter/* namesSourcesBeyondBedrock */.kC)(options.prefilter ?? decode_prefilter/* DEFAULT_PREFILTER */.oQ);
    const chunkBytes = parsesMost ? PARSING_GUNZIP_CHUNK_BYTES : GUNZIP_CHUNK_BYTES;
    let bytes = 0;
    try {
        if (options.recordDecoder) {
            await options.recordDecoder(decompressedChunks(input, chunkBytes), sink, (n) => {
                bytes += n;
            });
        }
        else {
            const scanner = new RecordScanner(sink, strategy, prefilter, { kernel: options.kernel });
            // A small gzip'd object read whole is inflated and scanned in one synchronous pass, without the stream.
            const { wholeBytes: whole, wholeBytesOwned } = input;
            const inflated = Buffer.isBuffer(whole) ? inflatedWhole(whole) : null;
            if (inflated !== null) {
                scanner.write(inflated);
                scanner.end();
                // Decoded: neither is read again (the parsed records are copies).
                releaseBytes(inflated);
                if (wholeBytesOwned === true)
                    releaseBytes(whole);
                return { format: sink.format, records: sink.records, bytes: scanner.bytes };
            }
            for await (const chunk of decompressedChunks(input, chunkBytes))
                scanner.write(chunk);
            scanner.end();
            bytes = scanner.bytes;
        }
    }
    catch (error) {
        // The error passes through unchanged; how many records were read before it can be asked for.
        if (typeof error === 'object' && error !== null)
            countedBefore.set(error, sink.records);
        throw error;
    }
    return { format: sink.format, records: sink.records, bytes };
}
const countedBefore = new WeakMap();
/**
 * Records a failed decodeCloudTrail() had read (and counted) before it threw `error`, parsed or not;
 * undefined for an error that did not come from decodeCloudTrail.
 */
function recordsBeforeError(error) {
    return typeof error === 'object' && error !== null ? countedBefore.get(error) : undefined;
}

;// CONCATENATED MODULE: ./src/decode/index.ts





/***/ }),

/***/ 71015:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ DecodeError)
/* harmony export */ });
/** A file that is not readable as CloudTrail: corrupt gzip, truncated JSON, an unknown shape. */
class DecodeError extends Error {
    name = 'DecodeError';
}


/***/ }),

/***/ 28750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SV: () => (/* binding */ fingerprintKey),
/* harmony export */   TR: () => (/* binding */ fingerprintOfKey),
/* harmony export */   r9: () => (/* binding */ DeniedInvocations)
/* harmony export */ });
/* unused harmony exports compareFindings, suppressedEntry */
/* harmony import */ var _fields_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(89994);
/* harmony import */ var _intern_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(25071);
/* harmony import */ var _user_context_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(80422);
/* harmony import */ var _metadata_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(48010);
/* harmony import */ var _deny_reason_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(50902);
/* harmony import */ var _suppress_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83968);






const BY_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'vendor_product', 'dest', 'signature', 'vendor_region', 'result', 'result_id'];
const lower = (values) => new Set(values.map((v) => v.toLowerCase()));
const DENIED_CODES = lower(_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .DENIED_ERROR_CODES */ .qR);
const INVOKE_NAMES = lower(_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .INVOKE_EVENT_NAMES */ .lE);
/** Splunk `field=value`: whole value, case-insensitive; a missing field never matches. */
function matchesAny(value, allowed) {
    const s = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .scalarText */ .ws)(value);
    return s !== null && allowed.has(s.toLowerCase());
}
/** Findings sorted as the report shows them: count desc, lastTime desc, then by fields for a stable order. */
function compareFindings(a, b) {
    if (a.count !== b.count)
        return b.count - a.count;
    const la = a.lastTime ?? '';
    const lb = b.lastTime ?? '';
    if (la !== lb)
        return la < lb ? 1 : -1;
    for (const f of BY_FIELDS) {
        const x = a[f] ?? '';
        const y = b[f] ?? '';
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return 0;
}
/** The baseline identity of an event: (user, vendor_account, src, modelId, deny_reason) as a JSON array. */
function fingerprintKey(fp) {
    return JSON.stringify([fp.user, fp.vendor_account, fp.src, fp.modelId, fp.deny_reason]);
}
/** A fingerprint keyed by the numbers (Texts) of its user, account, address and model, and its deny reason. */
const compactFingerprint = (user, account, src, modelId, reason) => `${user},${account},${src},${modelId},${reason}`;
/** The fingerprint a key stands for (count 0). */
function fingerprintOfKey(key) {
    const [user, vendor_account, src, modelId, deny_reason] = JSON.parse(key);
    return { user, vendor_account, src, modelId, deny_reason };
}
/** What a rule's entry in the report says: its count, and for a file rule its owner, reason, expiry and place. */
function suppressedEntry(rule, count) {
    if (!rule.ownership)
        return { rule: rule.text, count };
    const { reason, owner, expires, expired, location } = rule.ownership;
    return { rule: rule.text, count, reason, owner, expires, expired, location };
}
/**
 * The detection itself: feed it every record (`observe`), then read the Splunk-shaped rows (`result`).
 * Pure: no I/O, so it is tested with plain objects. Detectors fed disjoint parts of the input (one per worker
 * thread) give, once their `partial()`s are `merge`d into one, exactly the result of one detector fed it all.
 */
class DeniedInvocations {
    selection;
    sources;
    names;
    codes;
    /** Each distinct field value once; groups and fingerprints are keyed by their values' numbers. */
    texts = new _intern_js__WEBPACK_IMPORTED_MODULE_4__/* .Texts */ .NT();
    /** By the numbers of the ten by-fields, comma-separated (see group()). */
    groups = new Map();
    nearMisses = new Map();
    matched = 0;
    droppedByParity = 0;
    outsideWindow = 0;
    suppress;
    suppressedBy = new Map();
    /** Matched events by the numbers of (user, vendor_account, src, modelId) and the deny reason (see compactFingerprint). */
    fingerprints = new Map();
    context = new _user_context_js__WEBPACK_IMPORTED_MODULE_1__/* .UserActivityFacts */ .iR(this.texts);
    constructor(selection) {
        this.selection = selection;
        this.suppress = selection.suppress ?? [];
        this.sources = lower(selection.eventSources);
        this.names = lower(selection.eventNames);
        this.codes = lower(selection.errorCodes);
    }
    /** Events counted in the findings so far (for a progress line while the scan runs). */
    get matchedSoFar() {
        return this.matched;
    }
    observe(record) {
        const selected = matchesAny(record.eventSource, this.sources) && matchesAny(record.eventName, this.names) && matchesAny(record.errorCode, this.codes);
        if (!selected && !this.isDeniedBedrockInvoke(record)) {
            this.observeBedrockCall(record);
            return;
        }
        const time = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .eventTimeOf */ .F1)(record);
        if (!this.inWindow(time)) {
            if (selected)
                this.outsideWindow++;
            return;
        }
        if (!selected) {
            this.countNearMiss(record);
            return;
        }
        const fields = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .cimFields */ .ZW)(record);
        const modelId = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .modelIdOf */ .MC)(record);
        if (this.suppress.length > 0) {
            const rule = (0,_suppress_js__WEBPACK_IMPORTED_MODULE_3__/* .matchingRule */ .wn)(this.suppress, fields, modelId);
            if (rule) {
                this.suppressedBy.set(rule, (this.suppressedBy.get(rule) ?? 0) + 1);
                return;
            }
        }
        if (this.selection.splunkParity && BY_FIELDS.some((f) => fields[f] === null)) {
            // Splunk's `stats ... by` drops an event when any by-field is null.
            this.droppedByParity++;
            return;
        }
        this.matched++;
        const group = this.group(fields);
        this.context.denied(record, group.fields.user, group.fields.src, time);
        const texts = this.texts;
        const fp = compactFingerprint(texts.id(group.fields.user), texts.id(group.fields.vendor_account), texts.id(group.fields.src), texts.id(modelId), group.reason);
        this.fingerprints.set(fp, (this.fingerprints.get(fp) ?? 0) + 1);
        group.count++;
        if (time !== null) {
            if (group.first === null || time < group.first)
                group.first = time;
            if (group.last === null || time > group.last)
                group.last = time;
        }
        if (modelId !== null)
            group.modelIds = (0,_intern_js__WEBPACK_IMPORTED_MODULE_4__/* .addFew */ .cA)(group.modelIds, texts.text(modelId));
    }
    /** The group of these by-fields, created (count 0) on first sight with its own copy of the fields, each text kept once. */
    group(fields) {
        const t = this.texts;
        const ids = [t.id(fields.src), t.id(fields.user), t.id(fields.user_agent), t.id(fields.vendor_account), t.id(fields.vendor_product), t.id(fields.dest), t.id(fields.signature), t.id(fields.vendor_region), t.id(fields.result), t.id(fields.result_id)];
        const key = ids.join(',');
        let group = this.groups.get(key);
        if (!group) {
            const [src, user, user_agent, vendor_account, vendor_product, dest, signature, vendor_region, result, result_id] = ids.map((id) => t.value(id));
            const kept = { src, user, user_agent, vendor_account, vendor_product: vendor_product, dest, signature, vendor_region, result, result_id };
            group = { fields: kept, count: 0, first: null, last: null, modelIds: undefined, reason: (0,_deny_reason_js__WEBPACK_IMPORTED_MODULE_5__/* .denyReasonOf */ .YG)(kept.result) };
            this.groups.set(key, group);
        }
        return group;
    }
    /** A compact fingerprint key as the baseline's fingerprint (count 0). */
    fingerprintOf(compact) {
        const parts = compact.split(',');
        const t = this.texts;
        return { user: t.value(Number(parts[0])), vendor_account: t.value(Number(parts[1])), src: t.value(Number(parts[2])), modelId: t.value(Number(parts[3])), deny_reason: parts[4] };
    }
    result() {
        // Many groups share their first and last times: one string per distinct time.
        const times = new Map();
        const timeText = (ms) => {
            if (ms === null)
                return null;
            let text = times.get(ms);
            if (text === undefined)
                times.set(ms, (text = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .splunkTime */ .tr)(ms)));
            return text;
        };
        const findings = [];
        for (const g of this.groups.values()) {
            const f = g.fields;
            // Written out rather than spread ({ ...f, count }): V8 gives every object spread-then-extended a map of its own.
            findings.push({
                src: f.src,
                user: f.user,
                user_agent: f.user_agent,
                vendor_account: f.vendor_account,
                vendor_product: f.vendor_product,
                dest: f.dest,
                signature: f.signature,
                vendor_region: f.vendor_region,
                result: f.result,
                result_id: f.result_id,
                count: g.count,
                firstTime: timeText(g.first),
                lastTime: timeText(g.last),
                // values() sorts lexicographically; sortTexts, like the default sort, compares UTF-16 code units.
                modelIds: (0,_intern_js__WEBPACK_IMPORTED_MODULE_4__/* .sortTexts */ .re)((0,_intern_js__WEBPACK_IMPORTED_MODULE_4__/* .fewValues */ .dp)(g.modelIds)),
                deny_reason: g.reason
            });
        }
        findings.sort(compareFindings);
        const nearMisses = [...this.nearMisses.values()]
            .map(({ reason, include, count }) => ({ reason, include, count }))
            .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
        const suppressed = this.suppress.map((rule) => suppressedEntry(rule, this.suppressedBy.get(rule) ?? 0));
        const fingerprints = [...this.fingerprints]
            .map(([compact, count]) => {
            const fp = this.fingerprintOf(compact);
            return { key: fingerprintKey(fp), fingerprint: { user: fp.user, vendor_account: fp.vendor_account, src: fp.src, modelId: fp.modelId, deny_reason: fp.deny_reason, count } };
        })
            .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
            .map((entry) => entry.fingerprint);
        return {
            matched: this.matched,
            droppedByParity: this.droppedByParity,
            outsideWindow: this.outsideWindow,
            suppressed,
            findings,
            nearMisses,
            fingerprints,
            userContext: this.context.result(),
            deniedPerHour: this.context.hourly()
        };
    }
    /**
     * Reconnaissance calls and successful invokes: any other bedrock.amazonaws.com record in the window. Every
     * other record leaves after one type and length check (this runs for every record the decoder parses).
     */
    observeBedrockCall(record) {
        const source = record.eventSource;
        if (typeof source !== 'string' || source.length !== 21 || source.toLowerCase() !== 'bedrock.amazonaws.com')
            return;
        // Most Bedrock calls are neither reconnaissance nor invokes: skip them before parsing a time or a user.
        const name = (0,_user_context_js__WEBPACK_IMPORTED_MODULE_1__/* .trackedCallName */ .II)(record);
        if (name === undefined)
            return;
        const time = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .eventTimeOf */ .F1)(record);
        if (!this.inWindow(time))
            return;
        this.context.bedrockCall(record, name, (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .cimUser */ .dl)(record), time);
    }
    inWindow(time) {
        const { since, until } = this.selection;
        if (since === undefined && until === undefined)
            return true;
        // With a window, an event whose time can't be read can't be placed in it: counted as outside, not lost.
        if (time === null)
            return false;
        return (since === undefined || time >= since) && (until === undefined || time <= until);
    }
    /** A denied call to a Bedrock runtime API, whatever the selection says. */
    isDeniedBedrockInvoke(record) {
        const source = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .scalarText */ .ws)(record.eventSource)?.toLowerCase();
        if (source === undefined || !_metadata_js__WEBPACK_IMPORTED_MODULE_2__/* .BEDROCK_RUNTIME_SOURCES */ .hr.includes(source))
            return false;
        if (!matchesAny(record.errorCode, DENIED_CODES))
            return false;
        // The OpenAI-compatible endpoint has its own event names; every denied call there counts.
        return source !== 'bedrock.amazonaws.com' || matchesAny(record.eventName, INVOKE_NAMES);
    }
    countNearMiss(record) {
        const reasons = [];
        const includes = [];
        const widen = (input, current, field, value, allowed) => {
            if (matchesAny(value, allowed))
                return;
            const v = (0,_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .scalarText */ .ws)(value) ?? '';
            reasons.push(`${field}=${v}`);
            includes.push(`${input}: ${[...current, v].join(',')}`);
        };
        widen('event-sources', this.selection.eventSources, 'eventSource', record.eventSource, this.sources);
        widen('event-names', this.selection.eventNames, 'eventName', record.eventName, this.names);
        widen('error-codes', this.selection.errorCodes, 'errorCode', record.errorCode, this.codes);
        this.addNearMiss(reasons.join(' '), includes.join('; '), 1);
    }
    /**
     * Reasons differing only in case share a line; its text is the smallest spelling (code-unit order), so the
     * report does not depend on which file was read first (files are read concurrently, or by several workers).
     */
    addNearMiss(reason, include, count) {
        const key = reason.toLowerCase();
        const group = this.nearMisses.get(key);
        if (!group) {
            this.nearMisses.set(key, { reason, include, count });
            return;
        }
        group.count += count;
        if (reason < group.reason) {
            group.reason = reason;
            group.include = include;
        }
    }
    /** The running totals as plain data, to be merged into another detector of the same selection. */
    partial() {
        return {
            matched: this.matched,
            droppedByParity: this.droppedByParity,
            outsideWindow: this.outsideWindow,
            suppressed: this.suppress.map((rule) => this.suppressedBy.get(rule) ?? 0),
            groups: [...this.groups.values()].map((g) => ({ fields: g.fields, count: g.count, first: g.first, last: g.last, modelIds: (0,_intern_js__WEBPACK_IMPORTED_MODULE_4__/* .fewValues */ .dp)(g.modelIds) })),
            nearMisses: [...this.nearMisses].map(([key, n]) => ({ key, reason: n.reason, include: n.include, count: n.count })),
            fingerprints: [...this.fingerprints].map(([compact, count]) => [fingerprintKey(this.fingerprintOf(compact)), count]),
            users: this.context.partial()
        };
    }
    /** Adds another detector's partial (same selection, other records): as if this one had observed them too. */
    merge(partial) {
        this.matched += partial.matched;
        this.droppedByParity += partial.droppedByParity;
        this.outsideWindow += partial.outsideWindow;
        partial.suppressed.forEach((count, i) => {
            const rule = this.suppress[i];
            if (rule !== undefined && count > 0)
                this.suppressedBy.set(rule, (this.suppressedBy.get(rule) ?? 0) + count);
        });
        for (const g of partial.groups) {
            const group = this.group(g.fields);
            group.count += g.count;
            if (g.first !== null && (group.first === null || g.first < group.first))
                group.first = g.first;
            if (g.last !== null && (group.last === null || g.last > group.last))
                group.last = g.last;
            for (const m of g.modelIds)
                group.modelIds = (0,_intern_js__WEBPACK_IMPORTED_MODULE_4__/* .addFew */ .cA)(group.modelIds, this.texts.text(m));
        }
        for (const n of partial.nearMisses)
            this.addNearMiss(n.reason, n.include, n.count);
        const t = this.texts;
        for (const [key, count] of partial.fingerprints) {
            const fp = fingerprintOfKey(key);
            const compact = compactFingerprint(t.id(fp.user), t.id(fp.vendor_account), t.id(fp.src), t.id(fp.modelId), fp.deny_reason);
            this.fingerprints.set(compact, (this.fingerprints.get(compact) ?? 0) + count);
        }
        this.context.merge(partial.users);
    }
}


/***/ }),

/***/ 50902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R1: () => (/* binding */ denyReasonCounts),
/* harmony export */   YG: () => (/* binding */ denyReasonOf),
/* harmony export */   dk: () => (/* binding */ DENY_REASONS),
/* harmony export */   lL: () => (/* binding */ parseDenyReasons)
/* harmony export */ });
const DENY_REASONS = [
    'scp',
    'rcp',
    'identity-explicit-deny',
    'resource-explicit-deny',
    'permissions-boundary',
    'session-policy',
    'no-identity-allow',
    'model-access',
    'marketplace',
    'other'
];
/** Policy types as IAM names them after "with an explicit deny in a(n)" or "because no ... allows". */
const POLICY_TYPES = [
    ['service control policy', 'scp'],
    ['resource control policy', 'rcp'],
    ['identity-based policy', 'identity-explicit-deny'],
    ['resource-based policy', 'resource-explicit-deny'],
    ['permissions boundary', 'permissions-boundary'],
    ['session policy', 'session-policy']
];
/**
 * The deny reason of an errorMessage (case-insensitive; extra whitespace tolerated):
 * - `... with an explicit deny in a service control policy[: arn]` → `scp` (likewise `resource control policy`
 *   → `rcp`, `identity-based policy` → `identity-explicit-deny`, `resource-based policy` → `resource-explicit-deny`,
 *   `permissions boundary`, `session policy`);
 * - `... because no identity-based policy allows ...` → `no-identity-allow`; `because no service control policy
 *   allows` → `scp`, `because no permissions boundary allows` → `permissions-boundary`, `because no session policy
 *   allows` → `session-policy` (the policy that withheld the permission); any other "because no X allows" → `other`;
 * - `You don't have access to the model with the specified model ID.` → `model-access`;
 * - AWS Marketplace actions (`aws-marketplace:Subscribe`, "AWS Marketplace actions") → `marketplace`;
 * - anything else, or no message → `other`.
 */
function denyReasonOf(errorMessage) {
    if (errorMessage === null || errorMessage === '')
        return 'other';
    const m = errorMessage.toLowerCase().replace(/\s+/g, ' ');
    if (m.includes('aws-marketplace:') || m.includes('aws marketplace'))
        return 'marketplace';
    const explicit = m.indexOf('with an explicit deny in ');
    if (explicit >= 0) {
        const tail = m.slice(explicit + 'with an explicit deny in '.length).replace(/^an? /, '');
        for (const [pattern, reason] of POLICY_TYPES)
            if (tail.startsWith(pattern))
                return reason;
        return 'other';
    }
    const because = /because no ([a-z -]+?) allows/.exec(m);
    if (because) {
        const type = because[1];
        if (type === 'identity-based policy')
            return 'no-identity-allow';
        if (type === 'service control policy')
            return 'scp';
        if (type === 'resource control policy')
            return 'rcp';
        if (type === 'permissions boundary')
            return 'permissions-boundary';
        if (type === 'session policy')
            return 'session-policy';
        return 'other';
    }
    if (/you don'?t have access to the model/.test(m) || m.includes('do not have access to the model'))
        return 'model-access';
    return 'other';
}
/** Parses the `count-deny-reasons` list (comma or newline separated; `all` or empty = every reason). */
function parseDenyReasons(values, fail) {
    if (values.length === 0 || values.some((v) => v.toLowerCase() === 'all'))
        return [...DENY_REASONS];
    const out = new Set();
    for (const v of values) {
        const r = v.toLowerCase();
        if (!DENY_REASONS.includes(r))
            throw fail(v);
        out.add(r);
    }
    return DENY_REASONS.filter((r) => out.has(r));
}
/** Events per deny reason over the findings, every reason listed (0 when none). */
function denyReasonCounts(findings) {
    const counts = Object.fromEntries(DENY_REASONS.map((r) => [r, 0]));
    for (const f of findings)
        counts[f.deny_reason] += f.count;
    return counts;
}


/***/ }),

/***/ 89994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F1: () => (/* binding */ eventTimeOf),
/* harmony export */   MC: () => (/* binding */ modelIdOf),
/* harmony export */   ZD: () => (/* binding */ VENDOR_PRODUCT),
/* harmony export */   ZW: () => (/* binding */ cimFields),
/* harmony export */   dl: () => (/* binding */ cimUser),
/* harmony export */   tr: () => (/* binding */ splunkTime),
/* harmony export */   ws: () => (/* binding */ scalarText)
/* harmony export */ });
/* harmony import */ var _decode_cap_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32508);

const VENDOR_PRODUCT = 'AWS CloudTrail';
function objectAt(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/**
 * A field as Splunk would show it: strings as written, numbers and booleans as text, anything else null.
 * Every string the detection reads goes through here and is capped (capText: at most 8192 UTF-16 code units,
 * a longer one keeps its head plus `…[truncated: N chars, sha256:…]`), so selection, suppression, grouping
 * and the report all see the same bounded value, whether the decoder capped it already or not.
 */
function scalarText(value) {
    if (typeof value === 'string')
        return (0,_decode_cap_text_js__WEBPACK_IMPORTED_MODULE_0__/* .capText */ .yA)(value);
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    return null;
}
function presentText(value) {
    const s = scalarText(value);
    return s === null || s === '' ? null : s;
}
/** Last `/`-segment of the last `:`-segment: `arn:aws:iam::1:user/a/b` → `b`, `arn:aws:iam::1:root` → `root`. */
function arnName(arn) {
    const afterColon = arn.slice(arn.lastIndexOf(':') + 1);
    const name = afterColon.slice(afterColon.lastIndexOf('/') + 1);
    return name === '' ? null : name;
}
/**
 * The CIM `user` the Splunk Add-on for AWS derives: userName, else the session issuer's userName (an assumed
 * role gives the role, not the session), else the name at the end of the identity's ARN (root gives `root`),
 * or of requestParameters.roleArn when the identity has no ARN.
 */
function cimUser(record) {
    const identity = objectAt(record.userIdentity);
    const direct = presentText(identity?.userName);
    if (direct !== null)
        return direct;
    const issuer = objectAt(objectAt(identity?.sessionContext)?.sessionIssuer);
    const issuerName = presentText(issuer?.userName);
    if (issuerName !== null)
        return issuerName;
    const arn = presentText(identity?.arn) ?? presentText(objectAt(record.requestParameters)?.roleArn);
    if (arn === null)
        return null;
    // The tail of a capped ARN is the cap marker: show the capped ARN rather than a piece of the hash.
    return (0,_decode_cap_text_js__WEBPACK_IMPORTED_MODULE_0__/* .isCappedText */ .Xs)(arn) ? arn : arnName(arn);
}
/** The ten `stats by` fields of the Splunk search, mapped as the Splunk Add-on for AWS maps aws:cloudtrail. */
function cimFields(record) {
    const identity = objectAt(record.userIdentity);
    return {
        src: scalarText(record.sourceIPAddress),
        user: cimUser(record),
        user_agent: scalarText(record.userAgent),
        vendor_account: presentText(identity?.accountId) ?? scalarText(record.recipientAccountId),
        vendor_product: VENDOR_PRODUCT,
        dest: scalarText(record.eventSource),
        signature: scalarText(record.eventName),
        vendor_region: scalarText(record.awsRegion),
        result: scalarText(record.errorMessage),
        result_id: scalarText(record.errorCode)
    };
}
/** requestParameters.modelId, the one value `values(requestParameters.modelId)` collects. */
function modelIdOf(record) {
    return scalarText(objectAt(record.requestParameters)?.modelId);
}
/** eventTime in ms since epoch, or null when missing or not a date. */
function eventTimeOf(record) {
    if (typeof record.eventTime !== 'string')
        return null;
    const ms = Date.parse((0,_decode_cap_text_js__WEBPACK_IMPORTED_MODULE_0__/* .capText */ .yA)(record.eventTime));
    return Number.isNaN(ms) ? null : ms;
}
/** `security_content_ctime`: `%Y-%m-%dT%H:%M:%S` in UTC, no zone suffix. */
function splunkTime(ms) {
    return new Date(ms).toISOString().slice(0, 19);
}


/***/ }),

/***/ 25071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   NT: () => (/* binding */ Texts),
/* harmony export */   cA: () => (/* binding */ addFew),
/* harmony export */   dp: () => (/* binding */ fewValues),
/* harmony export */   re: () => (/* binding */ sortTexts),
/* harmony export */   uQ: () => (/* binding */ distinctSorted)
/* harmony export */ });
/**
 * Each distinct text once. The detection keeps thousands of groups and users whose fields repeat (the same
 * account, region, event source, user agent, error message…), and every record parsed from JSON brings its own
 * copy of each: a kept value goes through here, so the copies are dropped with the record. Each text also gets a
 * small number (1, 2, …; 0 is null), so a group is keyed by a few digits rather than by its fields' whole text.
 */
class Texts {
    ids = new Map();
    values = [];
    /** The number of `value` (0 for null), numbering it if it is new. */
    id(value) {
        if (value === null)
            return 0;
        let id = this.ids.get(value);
        if (id === undefined) {
            this.values.push(value);
            id = this.values.length;
            this.ids.set(value, id);
        }
        return id;
    }
    /** The text numbered `id` (null for 0). */
    value(id) {
        return id === 0 ? null : this.values[id - 1];
    }
    /** The kept copy of `value`. */
    text(value) {
        return this.values[this.id(value) - 1];
    }
}
function addFew(few, value) {
    if (few === undefined || few === value)
        return value;
    if (typeof few === 'string')
        return new Set([few, value]);
    few.add(value);
    return few;
}
/** The values of a Few, in insertion order. */
function fewValues(few) {
    if (few === undefined)
        return [];
    return typeof few === 'string' ? [few] : [...few];
}
/**
 * `values.sort()` (UTF-16 code-unit order), in place, without Array.prototype.sort's set-up for short lists:
 * V8 allocates about 1 KB of sort state per call, which thousands of users' two-value lists add up to.
 */
function sortTexts(values) {
    if (values.length > 16)
        return values.sort();
    for (let i = 1; i < values.length; i++) {
        const v = values[i];
        let j = i - 1;
        while (j >= 0 && values[j] > v) {
            values[j + 1] = values[j];
            j--;
        }
        values[j + 1] = v;
    }
    return values;
}
/** The distinct non-null values of `values`, in code-unit order (a new list). */
function distinctSorted(values) {
    let present = 0;
    for (const v of values)
        if (v !== null)
            present++;
    if (present === 0)
        return [];
    const out = new Array(present);
    present = 0;
    for (const v of values)
        if (v !== null)
            out[present++] = v;
    sortTexts(out);
    let n = 0;
    for (let i = 0; i < out.length; i++)
        if (i === 0 || out[i] !== out[n - 1])
            out[n++] = out[i];
    out.length = n;
    return out;
}


/***/ }),

/***/ 48010:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sm: () => (/* binding */ DETECTION),
/* harmony export */   hr: () => (/* binding */ BEDROCK_RUNTIME_SOURCES),
/* harmony export */   hv: () => (/* binding */ mitreTechniqueUrl),
/* harmony export */   lE: () => (/* binding */ INVOKE_EVENT_NAMES),
/* harmony export */   qR: () => (/* binding */ DENIED_ERROR_CODES),
/* harmony export */   u1: () => (/* binding */ MITRE_TECHNIQUES)
/* harmony export */ });
/* unused harmony export DEFAULT_SELECTION */
/** The Splunk ESCU detection this action ports, carried into every report, summary and issue. */
const DETECTION = {
    id: 'c53a8e62-f741-11ee-9f6e-acde48001122',
    name: 'AWS Bedrock Invoke Model Access Denied',
    version: 1,
    mitreAttack: ['T1078', 'T1550'],
    search: '`cloudtrail` eventSource=bedrock.amazonaws.com eventName=InvokeModel errorCode=AccessDenied | rename user_name as user | stats count min(_time) as firstTime max(_time) as lastTime values(requestParameters.modelId) as modelIds by src user user_agent vendor_account vendor_product dest signature vendor_region result result_id',
    riskMessage: 'User $user$ access denied when attempting to invoke AWS Bedrock models from $src$',
    knownFalsePositives: 'Legitimate users may encounter access denied errors when permissions are being adjusted, when testing model access after a policy change, or when an application is misconfigured. Investigate repeated denials, denials from unfamiliar users, source IPs or user agents, and denials across many models, which can indicate stolen credentials probing for model access (LLMjacking).',
    references: [
        'https://research.splunk.com/cloud/c53a8e62-f741-11ee-9f6e-acde48001122/',
        'https://docs.aws.amazon.com/bedrock/latest/userguide/logging-using-cloudtrail.html',
        'https://attack.mitre.org/techniques/T1078/',
        'https://attack.mitre.org/techniques/T1550/'
    ]
};
/** Splunk's selection, as defaults of the `event-sources`, `event-names` and `error-codes` inputs. */
const DEFAULT_SELECTION = {
    eventSources: ['bedrock.amazonaws.com'],
    eventNames: ['InvokeModel'],
    errorCodes: ['AccessDenied']
};
/** Bedrock sources whose denied invoke calls are counted as near misses when the selection leaves them out. */
const BEDROCK_RUNTIME_SOURCES = ['bedrock.amazonaws.com', 'bedrock-mantle.amazonaws.com'];
/** Invoke-family event names: a denied Converse is authorised as bedrock:InvokeModel but logged as Converse. */
const INVOKE_EVENT_NAMES = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'];
/** CloudTrail writes AccessDenied; AccessDeniedException is the SDK's name and shows up in some exports. */
const DENIED_ERROR_CODES = ['AccessDenied', 'AccessDeniedException'];
/** ATT&CK techniques we know and may link to; ids not listed here are shown as plain text. */
const MITRE_TECHNIQUES = {
    T1078: 'Valid Accounts',
    'T1078.004': 'Valid Accounts: Cloud Accounts',
    T1550: 'Use Alternate Authentication Material',
    'T1550.001': 'Use Alternate Authentication Material: Application Access Token',
    T1580: 'Cloud Infrastructure Discovery',
    'T1087.004': 'Account Discovery: Cloud Account'
};
/** The technique's page on attack.mitre.org, only for ids we know. */
function mitreTechniqueUrl(id) {
    if (!Object.prototype.hasOwnProperty.call(MITRE_TECHNIQUES, id))
        return null;
    const [technique, sub] = id.split('.');
    return `https://attack.mitre.org/techniques/${technique}/${sub ? `${sub}/` : ''}`;
}


/***/ }),

/***/ 83968:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EO: () => (/* binding */ ruleToPlain),
/* harmony export */   Uu: () => (/* binding */ parseSuppressionRules),
/* harmony export */   cK: () => (/* binding */ SUPPRESSIBLE_FIELDS),
/* harmony export */   d8: () => (/* binding */ ruleFromPlain),
/* harmony export */   uG: () => (/* binding */ patternFor),
/* harmony export */   wn: () => (/* binding */ matchingRule)
/* harmony export */ });
/* unused harmony exports foldCase, WildcardPattern, CidrPattern */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _deny_reason_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50902);



/** Fields a suppression rule may test: the Splunk by-fields, the model id and the deny reason. */
const SUPPRESSIBLE_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'dest', 'signature', 'vendor_region', 'result', 'result_id', 'modelId', 'deny_reason'];
/**
 * Case folding exactly as a RegExp with the `i` flag and no `u` flag (the ECMAScript Canonicalize operation):
 * each UTF-16 code unit maps to its upper case when that is a single code unit, and a non-ASCII unit never
 * maps to an ASCII one (so `ß`, `ſ` and the Kelvin sign stay themselves). Filled in lazily.
 */
const CANONICAL = new Int32Array(0x10000).fill(-1);
function canonical(unit) {
    let c = CANONICAL[unit];
    if (c < 0) {
        const upper = String.fromCharCode(unit).toUpperCase();
        c = upper.length === 1 && !(unit >= 128 && upper.charCodeAt(0) < 128) ? upper.charCodeAt(0) : unit;
        CANONICAL[unit] = c;
    }
    return c;
}
/** The string with every code unit canonicalised: two strings are equal case-insensitively iff their folds are. */
function foldCase(value) {
    // ASCII: toUpperCase is the same per-unit mapping, and fast.
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(value))
        return value.toUpperCase();
    const units = new Array(value.length);
    for (let i = 0; i < value.length; i++)
        units[i] = canonical(value.charCodeAt(i));
    let out = '';
    for (let i = 0; i < units.length; i += 8192)
        out += String.fromCharCode(...units.slice(i, i + 8192));
    return out;
}
/**
 * A Splunk-style value match: the whole value, case-insensitive, `*` matching any run of characters (none
 * included); every other character is literal. Matching takes linear time in practice and O(length of value ×
 * length of pattern) at worst, never exponential: the value is case-folded once, the text before the first `*`
 * must be a prefix and the text after the last `*` a suffix, and each piece between stars is found at its
 * leftmost place after the previous one (leftmost is always safe: it leaves the most room for the rest).
 * A backtracking regular expression took a minute on one 36 KB user agent with four stars.
 */
class WildcardPattern {
    /** The pattern as written (after unquoting). */
    text;
    /** An equivalent regular expression's source, for display and tests only: never executed. */
    source;
    /** The case-folded pieces between the stars (one piece when there is no star). */
    pieces;
    constructor(text) {
        this.text = text;
        this.source = new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*')}$`, 'i').source;
        this.pieces = text.split('*').map(foldCase);
    }
    test(value) {
        const v = foldCase(value);
        const pieces = this.pieces;
        const first = pieces[0];
        if (pieces.length === 1)
            return v === first;
        const last = pieces[pieces.length - 1];
        if (v.length < first.length + last.length || !v.startsWith(first) || !v.endsWith(last))
            return false;
        const end = v.length - last.length;
        let at = first.length;
        for (let k = 1; k < pieces.length - 1; k++) {
            const piece = pieces[k];
            if (piece === '')
                continue;
            const found = v.indexOf(piece, at);
            if (found < 0 || found + piece.length > end)
                return false;
            at = found + piece.length;
        }
        return true;
    }
}
/**
 * Parses the `suppress` input: one rule per line, each `field=value` conditions separated by spaces, values
 * with spaces in double quotes (`user_agent="aws-cli/2.* md/command#bedrock*"`). Lines starting with `#` are comments.
 */
function parseSuppressionRules(input) {
    const rules = [];
    for (const raw of input.split('\n')) {
        const text = raw.trim();
        if (text === '' || text.startsWith('#'))
            continue;
        const conditions = [];
        const token = /([A-Za-z_]+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))\s*/y;
        let at = 0;
        while (at < text.length) {
            token.lastIndex = at;
            const m = token.exec(text);
            if (!m)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .x(`Input 'suppress': cannot read '${text}' at '${text.slice(at)}'; write field=value pairs, e.g. user=ci-bot src=10.0.*`);
            const field = m[1];
            if (!SUPPRESSIBLE_FIELDS.includes(field)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigError */ .x(`Input 'suppress': unknown field '${m[1]}' in '${text}'; use one of ${SUPPRESSIBLE_FIELDS.join(', ')}`);
            }
            const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
            conditions.push({ field, pattern: new WildcardPattern(value) });
            at = token.lastIndex;
        }
        rules.push({ text, conditions });
    }
    return rules;
}
/** The first rule that matches the event, or undefined. A missing field never matches (as in Splunk); expired rules never match. */
function matchingRule(rules, fields, modelId) {
    let reason;
    return rules.find((rule) => rule.ownership?.expired !== true &&
        rule.conditions.every(({ field, pattern }) => {
            const value = field === 'modelId' ? modelId : field === 'deny_reason' ? (reason ??= (0,_deny_reason_js__WEBPACK_IMPORTED_MODULE_2__/* .denyReasonOf */ .YG)(fields.result)) : fields[field];
            return value !== null && pattern.test(value);
        }));
}
/** A CIDR block (`10.20.0.0/16`, `2001:db8::/32`) that `src` must fall in; a `src` that is not an IP address never matches. */
class CidrPattern {
    text;
    source;
    list = new node_net__WEBPACK_IMPORTED_MODULE_0__.BlockList();
    family;
    constructor(text) {
        this.text = text;
        const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
        const version = m ? (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(m[1]) : 0;
        const prefix = m ? Number(m[2]) : -1;
        if (!m || version === 0 || prefix > (version === 4 ? 32 : 128))
            throw new Error(`'${text}' is not a CIDR block (e.g. 10.20.0.0/16)`);
        this.family = version === 4 ? 'ipv4' : 'ipv6';
        this.list.addSubnet(m[1], prefix, this.family);
        this.source = `cidr:${text.trim()}`;
    }
    /** Whether `text` is written as a CIDR block (an address, a slash and a prefix length). */
    static looksLike(text) {
        return /^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(text.trim());
    }
    test(value) {
        const version = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(value);
        if (version === 0)
            return false;
        if (version === 4 && this.family === 'ipv4')
            return this.list.check(value, 'ipv4');
        if (version === 6 && this.family === 'ipv6')
            return this.list.check(value, 'ipv6');
        return false;
    }
}
/** The pattern a file rule's value makes: a CIDR block for `src` when written as one, else a wildcard. */
function patternFor(field, value) {
    return field === 'src' && CidrPattern.looksLike(value) ? new CidrPattern(value) : new WildcardPattern(value);
}
function ruleToPlain(rule) {
    return {
        text: rule.text,
        conditions: rule.conditions.map(({ field, pattern }) => ({ field, kind: pattern instanceof CidrPattern ? 'cidr' : 'wildcard', value: pattern.text })),
        ...(rule.ownership ? { ownership: rule.ownership } : {})
    };
}
function ruleFromPlain(plain) {
    return {
        text: plain.text,
        conditions: plain.conditions.map(({ field, kind, value }) => ({ field, pattern: kind === 'cidr' ? new CidrPattern(value) : new WildcardPattern(value) })),
        ...(plain.ownership ? { ownership: plain.ownership } : {})
    };
}


/***/ }),

/***/ 80422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   II: () => (/* binding */ trackedCallName),
/* harmony export */   iQ: () => (/* binding */ HOUR_MS),
/* harmony export */   iR: () => (/* binding */ UserActivityFacts)
/* harmony export */ });
/* unused harmony exports RECON_EVENT_NAMES, SUCCESS_EVENT_NAMES, credentialKindOf, addressKindOf, eventHistoryUrl */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _fields_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89994);
/* harmony import */ var _intern_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25071);
/**
 * Who it really is and what they tried next, per Splunk `user`: identity types, credential kinds, access keys,
 * role session names, MFA, source addresses; Bedrock reconnaissance calls and successful invokes in the same
 * window. Kept as order-independent facts (sets, counts, earliest denial, latest success per model) so partials
 * from worker threads merge exactly; "succeeded after denial" is decided at result time, after the merge.
 */



/** Bedrock control-plane calls that enumerate or unlock models: the reconnaissance LLMjacking starts with. */
const RECON_EVENT_NAMES = [
    'ListFoundationModels',
    'GetFoundationModelAvailability',
    'GetFoundationModel',
    'ListInferenceProfiles',
    'GetModelInvocationLoggingConfiguration',
    'PutUseCaseForModelAccess',
    'ListCustomModels'
];
/** Invoke-family calls whose success after a denial matters most. */
const SUCCESS_EVENT_NAMES = ['InvokeModel', 'InvokeModelWithResponseStream', 'Converse', 'ConverseStream'];
const RECON = new Map(RECON_EVENT_NAMES.map((n) => [n.toLowerCase(), n]));
const SUCCESS = new Set(SUCCESS_EVENT_NAMES.map((n) => n.toLowerCase()));
/**
 * The lower-cased eventName of a Bedrock call the per-user context counts (a reconnaissance call, or an invoke
 * that may have succeeded), else undefined: checked before anything else is read from the record.
 */
function trackedCallName(record) {
    const name = typeof record.eventName === 'string' ? record.eventName.toLowerCase() : undefined;
    return name !== undefined && (RECON.has(name) || SUCCESS.has(name)) ? name : undefined;
}
function objectAt(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/**
 * The kind of credential that signed the call: a Bedrock API key (bearer token: additionalEventData.callWithBearerToken,
 * or the BedrockAPIKey_ service-specific user), a console session (userIdentity.sessionCredentialFromConsole), a
 * long-term access key (AKIA…), temporary credentials (ASIA…), else unknown.
 */
function credentialKindOf(record) {
    const identity = objectAt(record.userIdentity);
    const extra = objectAt(record.additionalEventData);
    const bearer = extra?.callWithBearerToken;
    const userName = typeof identity?.userName === 'string' ? identity.userName : '';
    if (bearer === true || bearer === 'true' || userName.startsWith('BedrockAPIKey'))
        return 'api-key';
    const console = identity?.sessionCredentialFromConsole;
    if (console === true || console === 'true')
        return 'console';
    const key = typeof identity?.accessKeyId === 'string' ? identity.accessKeyId : '';
    if (key.startsWith('AKIA'))
        return 'long-term-key';
    if (key.startsWith('ASIA'))
        return 'temporary';
    return 'unknown';
}
const PRIVATE_V4 = [
    [0x0a000000, 8], // 10/8
    [0xac100000, 12], // 172.16/12
    [0xc0a80000, 16], // 192.168/16
    [0x64400000, 10], // 100.64/10 (carrier-grade NAT)
    [0x7f000000, 8], // loopback
    [0xa9fe0000, 16] // link-local
];
/** private (RFC 1918, CGNAT, loopback, link-local, IPv6 ULA/link-local), aws-internal (`AWS Internal` or an AWS service name), public, else unknown. */
function addressKindOf(src) {
    const lower = src.toLowerCase();
    if (lower === 'aws internal' || /^[a-z0-9.-]+\.amazonaws\.com$/.test(lower))
        return 'aws-internal';
    const version = (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIP)(src);
    if (version === 4) {
        const n = src.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
        return PRIVATE_V4.some(([net, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(net / 2 ** (32 - bits))) ? 'private' : 'public';
    }
    if (version === 6) {
        if (lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower))
            return 'private';
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
        return mapped ? addressKindOf(mapped[1]) : 'public';
    }
    return 'unknown';
}
const emptyFacts = () => ({
    identityTypes: undefined,
    credentialKinds: undefined,
    accessKeyIds: undefined,
    sessionNames: undefined,
    mfa: undefined,
    sources: undefined,
    regions: undefined,
    firstDenial: null,
    denials: 0,
    recon: undefined,
    successes: undefined,
    hours: undefined
});
/** Values shown per list at most; the sets are kept whole while scanning so partials merge exactly. */
const MAX_VALUES = 50;
/** A Few's values in code-unit order, at most MAX_VALUES of them. */
function sorted(few) {
    const values = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .sortTexts */ .re)((0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(few));
    if (values.length > MAX_VALUES)
        values.length = MAX_VALUES;
    return values;
}
const ACCESS_KEY = /^[A-Z0-9]{16,128}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** The CloudTrail console's event history filtered to one access key, or null for a malformed key or region. */
function eventHistoryUrl(accessKeyId, region) {
    if (!ACCESS_KEY.test(accessKeyId))
        return null;
    const r = region !== undefined && REGION.test(region) ? region : 'us-east-1';
    return `https://${r}.console.aws.amazon.com/cloudtrailv2/home?region=${r}#/events?AccessKeyId=${accessKeyId}`;
}
const HOUR_MS = 3_600_000;
const userKey = (user) => (user === null ? '\u0000null' : user);
class UserActivityFacts {
    texts;
    users = new Map();
    /** `texts` keeps each kept value once (the detector shares its own). */
    constructor(texts = new _intern_js__WEBPACK_IMPORTED_MODULE_2__/* .Texts */ .NT()) {
        this.texts = texts;
    }
    facts(user) {
        const key = userKey(user);
        let f = this.users.get(key);
        if (!f) {
            f = emptyFacts();
            this.users.set(this.texts.text(key), f);
        }
        return f;
    }
    /** A counted denial (after suppression and parity): who signed it and from where. */
    denied(record, user, src, time) {
        const f = this.facts(user);
        const t = this.texts;
        f.denials++;
        if (time !== null && (f.firstDenial === null || time < f.firstDenial))
            f.firstDenial = time;
        if (time !== null) {
            const hour = Math.floor(time / HOUR_MS);
            f.hours ??= new Map();
            f.hours.set(hour, (f.hours.get(hour) ?? 0) + 1);
        }
        const identity = objectAt(record.userIdentity);
        const type = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .scalarText */ .ws)(identity?.type);
        if (type)
            f.identityTypes = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.identityTypes, t.text(type));
        f.credentialKinds = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.credentialKinds, credentialKindOf(record));
        const key = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .scalarText */ .ws)(identity?.accessKeyId);
        if (key)
            f.accessKeyIds = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.accessKeyIds, t.text(key));
        const session = objectAt(identity?.sessionContext);
        const mfa = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .scalarText */ .ws)(objectAt(session?.attributes)?.mfaAuthenticated);
        if (mfa)
            f.mfa = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.mfa, t.text(mfa.toLowerCase()));
        const arn = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .scalarText */ .ws)(identity?.arn);
        if (type === 'AssumedRole' && arn) {
            const name = arn.slice(arn.lastIndexOf('/') + 1);
            if (name && arn.includes(':assumed-role/'))
                f.sessionNames = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.sessionNames, t.text(name));
        }
        if (src)
            f.sources = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.sources, t.text(src));
        const region = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .scalarText */ .ws)(record.awsRegion);
        if (region)
            f.regions = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.regions, t.text(region));
    }
    /**
     * Any other bedrock.amazonaws.com record in the window whose trackedCallName() is `name`: a reconnaissance call
     * (whatever its outcome), or a successful invoke.
     */
    bedrockCall(record, name, user, time) {
        const recon = RECON.get(name);
        if (recon !== undefined) {
            const f = this.facts(user);
            f.recon ??= new Map();
            f.recon.set(recon, (f.recon.get(recon) ?? 0) + 1);
            return;
        }
        if (!SUCCESS.has(name) || (record.errorCode !== undefined && record.errorCode !== null && record.errorCode !== ''))
            return;
        const f = this.facts(user);
        const model = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .modelIdOf */ .MC)(record) ?? '';
        f.successes ??= new Map();
        const s = f.successes.get(model);
        if (!s)
            f.successes.set(this.texts.text(model), { count: 1, last: time });
        else {
            s.count++;
            if (time !== null && (s.last === null || time > s.last))
                s.last = time;
        }
    }
    partial() {
        return [...this.users].map(([key, f]) => [
            key,
            {
                identityTypes: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.identityTypes),
                credentialKinds: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.credentialKinds),
                accessKeyIds: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.accessKeyIds),
                sessionNames: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.sessionNames),
                mfa: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.mfa),
                sources: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.sources),
                regions: (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .fewValues */ .dp)(f.regions),
                firstDenial: f.firstDenial,
                denials: f.denials,
                recon: Object.fromEntries(f.recon ?? []),
                successes: Object.fromEntries(f.successes ?? []),
                hours: [...(f.hours ?? [])]
            }
        ]);
    }
    merge(partial) {
        for (const [key, p] of partial) {
            let f = this.users.get(key);
            if (!f) {
                f = emptyFacts();
                this.users.set(this.texts.text(key), f);
            }
            const text = (v) => this.texts.text(v);
            for (const v of p.identityTypes)
                f.identityTypes = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.identityTypes, text(v));
            for (const v of p.credentialKinds)
                f.credentialKinds = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.credentialKinds, v);
            for (const v of p.accessKeyIds)
                f.accessKeyIds = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.accessKeyIds, text(v));
            for (const v of p.sessionNames)
                f.sessionNames = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.sessionNames, text(v));
            for (const v of p.mfa)
                f.mfa = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.mfa, text(v));
            for (const v of p.sources)
                f.sources = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.sources, text(v));
            for (const v of p.regions)
                f.regions = (0,_intern_js__WEBPACK_IMPORTED_MODULE_2__/* .addFew */ .cA)(f.regions, text(v));
            if (p.firstDenial !== null && (f.firstDenial === null || p.firstDenial < f.firstDenial))
                f.firstDenial = p.firstDenial;
            f.denials += p.denials;
            for (const [name, n] of Object.entries(p.recon)) {
                f.recon ??= new Map();
                f.recon.set(name, (f.recon.get(name) ?? 0) + n);
            }
            for (const [hour, n] of p.hours) {
                f.hours ??= new Map();
                f.hours.set(hour, (f.hours.get(hour) ?? 0) + n);
            }
            for (const [model, s] of Object.entries(p.successes)) {
                f.successes ??= new Map();
                const t = f.successes.get(model);
                if (!t)
                    f.successes.set(text(model), { count: s.count, last: s.last });
                else {
                    t.count += s.count;
                    if (s.last !== null && (t.last === null || s.last > t.last))
                        t.last = s.last;
                }
            }
        }
    }
    /** Per user with counted denials, by user: denials per UTC hour (exact after any merge: counts add per hour). */
    hourly() {
        const out = [];
        for (const [key, f] of this.users) {
            if (f.denials === 0)
                continue;
            const hours = [...(f.hours ?? [])];
            if (hours.length > 16)
                hours.sort((a, b) => a[0] - b[0]);
            else {
                // Most users have a few hours: an insertion sort spares Array#sort's set-up (about 1 KB a call).
                for (let i = 1; i < hours.length; i++) {
                    const entry = hours[i];
                    let j = i - 1;
                    for (; j >= 0 && hours[j][0] > entry[0]; j--)
                        hours[j + 1] = hours[j];
                    hours[j + 1] = entry;
                }
            }
            const timed = hours.reduce((n, [, c]) => n + c, 0);
            out.push({ user: key === '\u0000null' ? null : key, untimed: f.denials - timed, hours });
        }
        // By user (code-unit order, null last), so the result does not depend on which worker saw a user first.
        return out.sort((a, b) => (a.user === b.user ? 0 : a.user === null ? 1 : b.user === null ? -1 : a.user < b.user ? -1 : 1));
    }
    /**
     * One entry per user with counted denials: users who invoked a model successfully after their first denial
     * first, then by denied calls, then by name. A success counts as after the denial when the latest success of
     * that model is later than the earliest denial (both within the window).
     */
    result() {
        const out = [];
        for (const [key, f] of this.users) {
            if (f.denials === 0)
                continue;
            const region = sorted(f.regions)[0];
            const keys = sorted(f.accessKeyIds);
            const after = [...(f.successes ?? [])]
                .filter(([, s]) => f.firstDenial !== null && s.last !== null && s.last > f.firstDenial)
                .map(([model, s]) => ({ modelId: model === '' ? null : model, count: s.count, lastTime: new Date(s.last).toISOString().slice(0, 19) }))
                .sort((a, b) => (a.lastTime < b.lastTime ? 1 : a.lastTime > b.lastTime ? -1 : (a.modelId ?? '') < (b.modelId ?? '') ? -1 : 1));
            out.push({
                user: key === '\u0000null' ? null : key,
                denied: f.denials,
                identityTypes: sorted(f.identityTypes),
                credentialKinds: sorted(f.credentialKinds),
                accessKeyIds: keys,
                roleSessionNames: sorted(f.sessionNames),
                mfaAuthenticated: sorted(f.mfa),
                sourceIps: sorted(f.sources).map((address) => ({ address, kind: addressKindOf(address) })),
                eventHistoryLinks: keys
                    .map((k) => ({ accessKeyId: k, url: eventHistoryUrl(k, region) }))
                    .filter((l) => l.url !== null)
                    .slice(0, 5),
                recon: Object.fromEntries([...(f.recon ?? [])].sort(([a], [b]) => (a < b ? -1 : 1))),
                succeededAfterDenial: after
            });
        }
        return out.sort((a, b) => Number(b.succeededAfterDenial.length > 0) - Number(a.succeededAfterDenial.length > 0) ||
            b.denied - a.denied ||
            ((a.user ?? '') < (b.user ?? '') ? -1 : (a.user ?? '') > (b.user ?? '') ? 1 : 0));
    }
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ EngineError),
/* harmony export */   x: () => (/* binding */ ConfigError)
/* harmony export */ });
/** A problem with the user's configuration (bad input, nothing to scan, missing bucket): exit 2, the message names the input. */
class ConfigError extends Error {
    name = 'ConfigError';
}
/** A query engine (Athena, CloudTrail Lake) could not produce the findings: the message names the query id. Exit 2. */
class EngineError extends Error {
    name = 'EngineError';
}


/***/ }),

/***/ 32721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ describeError)
/* harmony export */ });
/* harmony import */ var _decode_types_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71015);

/** How a file's failure is named in the report: a decode error's message, else the error with its code. */
function describeError(error) {
    if (error instanceof _decode_types_js__WEBPACK_IMPORTED_MODULE_0__/* .DecodeError */ .X)
        return error.message;
    if (error instanceof Error) {
        const code = error.code;
        return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
    }
    return String(error);
}


/***/ }),

/***/ 25086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ storedStream),
/* harmony export */   l: () => (/* binding */ WHOLE_READ_BYTES)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);

/**
 * Stored objects at most this big (compressed, as listed) are read whole, one GET with its resumes, and handed to
 * the decoder as one chunk, which it then inflates in one call (decode/decompress.ts): CloudTrail delivers
 * 5-15 KB files, and for those a chain of streams costs more than the bytes.
 */
const WHOLE_READ_BYTES = 64 * 1024;
/**
 * An object read whole as a stream of its stored bytes in one chunk; or, when the read failed, the bytes read
 * before the failure and then the failure, as the streamed body would have given them.
 */
function storedStream(body) {
    if (body.failure !== undefined) {
        const { bytes, failure } = body;
        return node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from((async function* () {
            if (bytes.length > 0)
                yield bytes;
            throw failure;
        })(), { objectMode: false });
    }
    return oneChunk(body.bytes, body.owned === true);
}
/**
 * A stream of one buffer (no async iterator or transform in between), which also carries the buffer as
 * `wholeBytes` (decode/types.ts WholeInput): the decoder then takes the bytes without reading the stream.
 */
function oneChunk(bytes, owned) {
    let done = false;
    const stream = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable({
        highWaterMark: 0,
        read() {
            if (!done) {
                done = true;
                if (bytes.length > 0)
                    this.push(bytes);
            }
            this.push(null);
        }
    });
    return Object.assign(stream, { wholeBytes: bytes, wholeBytesOwned: owned });
}


/***/ })

};
