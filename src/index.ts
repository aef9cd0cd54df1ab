import { isMainThread, workerData } from 'node:worker_threads';
import { isScanWorker, setWorkerEntry } from './parallel/entry.js';

// One file for both roles: worker threads run this same script (the bundle) and branch here, before the
// action (and its GitHub and AWS clients) is loaded.
if (!isMainThread && isScanWorker(workerData)) {
  const { runScanWorker } = await import('./parallel/worker.js');
  runScanWorker();
} else {
  setWorkerEntry(new URL(import.meta.url));
  const { run } = await import('./main.js');
  await run();
}
