export const id = 59;
export const ids = [59];
export const modules = {

/***/ 12059:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runScanWorker: () => (/* binding */ runScanWorker)
});

// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(75919);
// EXTERNAL MODULE: ./src/decode/index.ts + 7 modules
var decode = __webpack_require__(96024);
// EXTERNAL MODULE: ./src/detection/denied-invocations.ts
var denied_invocations = __webpack_require__(28750);
// EXTERNAL MODULE: ./src/detection/suppress.ts
var suppress = __webpack_require__(83968);
// EXTERNAL MODULE: ./src/parallel/describe-error.ts
var describe_error = __webpack_require__(32721);
// EXTERNAL MODULE: ./src/sources/direct-get.ts + 1 modules
var direct_get = __webpack_require__(14917);
;// CONCATENATED MODULE: ./src/sources/remote.ts

/**
 * How a scan worker thread reads a small object the main thread listed (`SourceObject.remote`): one direct GET,
 * signed here, over this thread's own keep-alive connections (through the same proxy, if any); the SDK is never
 * loaded here. Null when that read failed in any way: the main thread then reads the object through the SDK, whose
 * retries, resumes and error messages apply.
 */
function readRemote(read) {
    if (read.session !== undefined)
        (0,direct_get/* offerTlsSession */.kK)(read.direct, read.maxSockets, read.session);
    return (0,direct_get/* getWholeObject */.nj)(read.direct, read.key, read.maxSockets, read.maxBytes);
}

// EXTERNAL MODULE: ./src/sources/whole-body.ts
var whole_body = __webpack_require__(25086);
;// CONCATENATED MODULE: ./src/parallel/worker.ts







/** Chunks of one file as they arrive from the main thread, consumed by decodeCloudTrail; each pull is acknowledged. */
class ChunkQueue {
    ack;
    chunks = [];
    ended = false;
    aborted = false;
    wake = null;
    constructor(ack) {
        this.ack = ack;
    }
    push(chunk) {
        this.chunks.push(chunk);
        this.notify();
    }
    end() {
        this.ended = true;
        this.notify();
    }
    abort() {
        this.aborted = true;
        this.notify();
    }
    notify() {
        const wake = this.wake;
        this.wake = null;
        wake?.();
    }
    async *[Symbol.asyncIterator]() {
        for (;;) {
            const chunk = this.chunks.shift();
            if (chunk !== undefined) {
                this.ack();
                yield chunk;
                continue;
            }
            // The bytes that arrived before the source failed are decoded first, as the main thread decodes what a
            // failing stream yielded: their records are counted (and scanned), not dropped.
            if (this.aborted)
                throw new Error('source stream failed');
            if (this.ended)
                return;
            await new Promise((resolve) => (this.wake = resolve));
        }
    }
}
/** The body of a scan worker thread: decodes the files the main thread streams to it and detects in them. */
function runScanWorker() {
    const port = external_node_worker_threads_.parentPort;
    if (port === null)
        throw new Error('runScanWorker() outside a worker thread');
    // Set by the 'init' message, which the main thread posts before any file.
    let data;
    let selection;
    const files = new Map();
    const post = (message) => port.postMessage(message);
    /**
     * Decodes one file and reports its outcome. One detector per file: its partial travels back with the file's
     * outcome, so a worker that dies loses only the files it was reading.
     */
    const scan = async (id, open, bytesRead) => {
        const detector = new denied_invocations/* DeniedInvocations */.r9(selection);
        let parsed = 0;
        let stream;
        try {
            stream = await open();
            const result = await (0,decode/* decodeCloudTrail */.gh)(stream, {
                strategy: data.strategy,
                prefilter: data.prefilter,
                onRecord(record) {
                    parsed++;
                    detector.observe(record);
                }
            });
            post({ t: 'done', id, result, counted: result.records, parsed, partial: detector.partial(), bytesRead });
        }
        catch (error) {
            post({ t: 'done', id, error: (0,describe_error/* describeError */.U)(error), counted: (0,decode/* recordsBeforeError */._Q)(error) ?? parsed, parsed, partial: detector.partial(), bytesRead });
        }
    };
    const scanStreamed = async (id, queue) => {
        try {
            await scan(id, async () => queue);
        }
        finally {
            files.delete(id);
            // Later messages for this file find no queue: wake a read still waiting on it (a decode that failed early).
            queue.abort();
        }
    };
    /** An object this worker reads itself (S3): its request and its CPU stay off the main thread. */
    const scanRemote = async (id, read) => {
        let bytes = null;
        try {
            bytes = await readRemote(read);
        }
        catch {
            // Declined below: the main thread reads it and words any error.
        }
        if (bytes === null) {
            post({ t: 'done', id, declined: true, counted: 0, parsed: 0, partial: new denied_invocations/* DeniedInvocations */.r9(selection).partial() });
            return;
        }
        // Read over this thread's own connections (keep-alive-gets.ts): no one else holds the bytes.
        await scan(id, async () => (0,whole_body/* storedStream */.E)({ bytes: bytes, owned: true }), bytes.length);
    };
    port.on('message', (message) => {
        if (message.t === 'init') {
            data = message.config;
            selection = { ...data.selection, suppress: data.suppressRules.map(suppress/* ruleFromPlain */.d8) };
            return;
        }
        if (message.t === 'open') {
            if (message.remote !== undefined) {
                void scanRemote(message.id, message.remote);
                return;
            }
            const queue = new ChunkQueue(() => post({ t: 'ack', id: message.id }));
            files.set(message.id, queue);
            void scanStreamed(message.id, queue);
            return;
        }
        const queue = files.get(message.id);
        if (queue === undefined)
            return; // the file already finished (a decode error before its end)
        if (message.t === 'chunk')
            queue.push(Buffer.from(message.data));
        else if (message.t === 'end')
            queue.end();
        else
            queue.abort();
    });
}


/***/ })

};
