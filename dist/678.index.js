export const id = 678;
export const ids = [678];
export const modules = {

/***/ 3678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ArtifactSource: () => (/* binding */ ArtifactSource)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _local_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(89765);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);





/** `artifact:NAME`: a workflow artifact, downloaded to a temp dir and read as local files. */
class ArtifactSource {
    line;
    options;
    artifactName;
    findBy;
    counters = (0,_local_js__WEBPACK_IMPORTED_MODULE_3__/* .newLocalFileCounters */ .ns)();
    downloadPath;
    artifactId;
    artifactBytes;
    constructor(line, options = {}) {
        this.line = line;
        this.options = options;
        this.artifactName = line.slice('artifact:'.length).trim();
        if (!this.artifactName)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'source': '${line}' names no artifact; use artifact:NAME`);
        this.findBy = this.resolveFindBy();
    }
    /** Another run (or repository) is read through the public API, which needs a run id and a token. */
    resolveFindBy() {
        const env = this.options.env ?? process.env;
        const runId = (this.options.runId ?? '').trim();
        const repository = (this.options.repository ?? '').trim();
        if (!runId) {
            if (repository) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'artifact-run-id' is required when 'artifact-repository' is set (reading '${this.line}')`);
            }
            return undefined;
        }
        if (!/^\d+$/.test(runId))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'artifact-run-id' must be a workflow run id (a number), got '${runId}'`);
        const ownerAndName = repository || env.GITHUB_REPOSITORY || '';
        const match = /^([^/\s]+)\/([^/\s]+)$/.exec(ownerAndName);
        if (!match) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(repository
                ? `Input 'artifact-repository' must be owner/name, got '${repository}'`
                : `Input 'artifact-repository' is required (owner/name) when GITHUB_REPOSITORY is not set`);
        }
        const token = (this.options.token ?? '').trim();
        if (!token) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'github-token' is required to download '${this.line}' from run ${runId} (it needs actions:read)`);
        }
        return { token, workflowRunId: Number(runId), repositoryOwner: match[1], repositoryName: match[2] };
    }
    objects() {
        return this.generateObjects();
    }
    async *generateObjects() {
        const dir = await this.download();
        yield* (0,_local_js__WEBPACK_IMPORTED_MODULE_3__/* .localFileObjects */ .s6)('.', dir, this.counters, {
            nameFor: (file) => `artifact:${this.artifactName}/${(0,_local_js__WEBPACK_IMPORTED_MODULE_3__/* .relativeName */ .IC)(dir, file)}`,
            noMatchMessage: `artifact '${this.artifactName}' contains no files`
        });
    }
    async download() {
        const env = this.options.env ?? process.env;
        const client = this.options.client ?? new (await Promise.all(/* import() */[__webpack_require__.e(921), __webpack_require__.e(351), __webpack_require__.e(659), __webpack_require__.e(656)]).then(__webpack_require__.bind(__webpack_require__, 56656))).DefaultArtifactClient();
        const base = this.options.tempDir ?? env.RUNNER_TEMP ?? node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir();
        await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir(base, { recursive: true });
        const dir = await node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp(node_path__WEBPACK_IMPORTED_MODULE_2__.join(base, 'bedrock-denied-scan-artifact-'));
        const where = this.findBy
            ? `run ${this.findBy.workflowRunId} of ${this.findBy.repositoryOwner}/${this.findBy.repositoryName}`
            : 'this workflow run';
        let found;
        try {
            found = await client.getArtifact(this.artifactName, this.findBy ? { findBy: this.findBy } : undefined);
        }
        catch (err) {
            throw this.translate(err, where);
        }
        this.artifactId = found.artifact.id;
        this.artifactBytes = found.artifact.size;
        let result;
        try {
            result = await client.downloadArtifact(found.artifact.id, {
                path: dir,
                expectedHash: found.artifact.digest,
                ...(this.findBy ? { findBy: this.findBy } : {})
            });
        }
        catch (err) {
            throw this.translate(err, where);
        }
        if (result.digestMismatch) {
            throw new Error(`${this.line}: the downloaded artifact does not match its recorded digest ${found.artifact.digest ?? ''}`);
        }
        this.downloadPath = result.downloadPath ?? dir;
        return this.downloadPath;
    }
    translate(err, where) {
        const name = err?.name ?? '';
        const message = err?.message ?? String(err);
        if (name === 'ArtifactNotFoundError') {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'source': artifact '${this.artifactName}' was not found in ${where} (expired, or never uploaded?)`);
        }
        if (/ACTIONS_RUNTIME_TOKEN|ACTIONS_RESULTS_URL/.test(message)) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'source': '${this.line}' from the current run needs the Actions runtime, available only inside a workflow job; ` +
                `set 'artifact-run-id' and 'github-token' to read another run's artifact`);
        }
        if (/\b(401|403)\b|Bad credentials|Resource not accessible/i.test(message)) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigError */ .x(`Input 'github-token': cannot read artifacts of ${where}; the token needs actions:read (${message})`);
        }
        return new Error(`${this.line}: ${message}`, { cause: err });
    }
    describe() {
        return {
            kind: 'artifact',
            location: this.line,
            details: {
                artifact: this.artifactName,
                artifactId: this.artifactId ?? null,
                artifactBytes: this.artifactBytes ?? null,
                runId: this.findBy?.workflowRunId ?? null,
                repository: this.findBy ? `${this.findBy.repositoryOwner}/${this.findBy.repositoryName}` : null,
                downloadPath: this.downloadPath ?? null,
                ...this.counters
            }
        };
    }
}


/***/ })

};
