export const id = 599;
export const ids = [599];
export const modules = {

/***/ 56599:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runEngine: () => (/* binding */ runEngine)
/* harmony export */ });
/* harmony import */ var _scan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(52130);

async function runEngine(config, selection, warn = () => undefined) {
    const common = {
        selection,
        accounts: config.accounts,
        regions: config.regions,
        region: config.awsRegion || undefined,
        queryTimeoutMs: config.queryTimeoutMs,
        maxScanBytes: config.maxScanBytes
    };
    let run;
    if (config.engine === 'athena') {
        const { runAthena } = await __webpack_require__.e(/* import() */ 411).then(__webpack_require__.bind(__webpack_require__, 24792));
        run = await runAthena({
            ...common,
            table: config.athenaTable,
            workgroup: config.athenaWorkgroup,
            outputLocation: config.athenaOutputLocation,
            partitions: config.athenaPartitionColumns,
            endpoint: config.athenaEndpoint,
            warn
        });
    }
    else {
        const { runLake } = await __webpack_require__.e(/* import() */ 922).then(__webpack_require__.bind(__webpack_require__, 31922));
        run = await runLake({ ...common, eventDataStore: config.eventDataStore, endpoint: config.cloudtrailEndpoint });
    }
    const details = run.source.details;
    const totals = (0,_scan_js__WEBPACK_IMPORTED_MODULE_0__/* .emptyScanTotals */ .MJ)();
    // What the engine read, in the report's terms: bytes scanned (compressed, as billed); files and records are the engine's business.
    totals.bytes = details.dataScannedBytes;
    return { detection: run.detection, sources: [run.source], totals };
}


/***/ })

};
