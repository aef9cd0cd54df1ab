export const id = 105;
export const ids = [105];
export const modules = {

/***/ 86105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runScanWorker: () => (/* binding */ runScanWorker)
/* harmony export */ });
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(75919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _decode_index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(57010);
/* harmony import */ var _detection_denied_invocations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28750);
/* harmony import */ var _detection_suppress_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83968);
/* harmony import */ var _describe_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(32721);





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
    const port = node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.parentPort;
    if (port === null)
        throw new Error('runScanWorker() outside a worker thread');
    // Set by the 'init' message, which the main thread posts before any file.
    let data;
    let selection;
    const files = new Map();
    const post = (message) => port.postMessage(message);
    const scan = async (id, queue) => {
        // One detector per file: its partial travels back with the file's outcome, so a worker that dies loses
        // only the files it was reading.
        const detector = new _detection_denied_invocations_js__WEBPACK_IMPORTED_MODULE_2__/* .DeniedInvocations */ .r9(selection);
        let parsed = 0;
        try {
            const result = await (0,_decode_index_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeCloudTrail */ .gh)(queue, {
                strategy: data.strategy,
                prefilter: data.prefilter,
                onRecord(record) {
                    parsed++;
                    detector.observe(record);
                }
            });
            post({ t: 'done', id, result, counted: result.records, parsed, partial: detector.partial() });
        }
        catch (error) {
            post({ t: 'done', id, error: (0,_describe_error_js__WEBPACK_IMPORTED_MODULE_4__/* .describeError */ .U)(error), counted: (0,_decode_index_js__WEBPACK_IMPORTED_MODULE_1__/* .recordsBeforeError */ ._Q)(error) ?? parsed, parsed, partial: detector.partial() });
        }
        finally {
            files.delete(id);
            // Later messages for this file find no queue: wake a read still waiting on it (a decode that failed early).
            queue.abort();
        }
    };
    port.on('message', (message) => {
        if (message.t === 'init') {
            data = message.config;
            selection = { ...data.selection, suppress: data.suppressRules.map(_detection_suppress_js__WEBPACK_IMPORTED_MODULE_3__/* .ruleFromPlain */ .d8) };
            return;
        }
        if (message.t === 'open') {
            const queue = new ChunkQueue(() => post({ t: 'ack', id: message.id }));
            files.set(message.id, queue);
            void scan(message.id, queue);
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
