/**
 * Where worker threads start: the script that is running (the ncc bundle, `dist/index.js`), registered by
 * src/index.ts. A worker runs that same file and branches on `workerData` (isScanWorker) before loading the action,
 * which works whatever file names the bundler gave its chunks. Unregistered (tests importing src/ directly),
 * scans stay in the main thread.
 */
let entry: string | URL | undefined;

/** workerData key that tells src/index.ts it is a scan worker. */
export const SCAN_WORKER_TAG = 'bedrockDeniedScanWorker';

export function setWorkerEntry(script: string | URL | undefined): void {
  entry = script;
}

export function workerEntry(): string | URL | undefined {
  return entry;
}

export function isScanWorker(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[SCAN_WORKER_TAG] === true;
}
