#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import { isCommandLine } from './cli/is-command-line.js';
import { isScanWorker, setWorkerEntry } from './parallel/entry.js';
import { prestartScanWorkers, sizeInflatePool, workersToPrestart } from './parallel/prestart.js';

// One file for three roles: worker threads run this same script (the bundle) and branch here, before the
// action (and its GitHub and AWS clients) is loaded; the runner starts it with INPUT_* variables; a person
// or another CI runs `bedrock-denied-scan [options] <source...>`.
if (!isMainThread && isScanWorker(workerData)) {
  const { runScanWorker } = await import('./parallel/worker.js');
  runScanWorker();
} else {
  // Keep V8's young generation at its initial size rather than letting it grow to 16 MiB semi-spaces: scavenges
  // stay cheap (little survives them), and buffers the scan has dropped (decompressed chunks, socket reads) are
  // freed promptly instead of piling up between scavenges. Measured: about 30 MB less peak RSS reading 2,016
  // small S3 objects, no slower. Worker threads get a small young generation through resourceLimits (pool.ts).
  // And size the old generation for memory (--optimize-for-size: it grows by smaller steps, and full collections
  // compact fragmented pages and give them back): the records parsed while scanning that outlive a scavenge
  // otherwise leave the heap at two to three times what is live. Measured on 5,000 denied users: about 40 MB
  // less peak RSS (165-185 MB to 125-133 MB); on the 200 MB bench corpus about 10 MB less, for about 5% more CPU
  // time (more frequent full collections). Set for the whole process before any worker thread starts, so the
  // workers' heaps are sized alike.
  // BEDROCK_DENIED_SCAN_V8_GROWTH=1 leaves V8's defaults (for comparison).
  if (process.env.BEDROCK_DENIED_SCAN_V8_GROWTH !== '1') {
    setFlagsFromString('--semi-space-growth-factor=1');
    setFlagsFromString('--optimize-for-size');
  }
  setWorkerEntry(new URL(import.meta.url));
  if (isCommandLine(process.argv, process.env)) {
    const { runCli } = await import('./cli/index.js');
    process.exitCode = await runCli(process.argv.slice(2));
  } else {
    sizeInflatePool(process.env);
    // The scan's worker threads boot on the other cores while this thread loads the action.
    prestartScanWorkers(new URL(import.meta.url), workersToPrestart(process.env));
    const { run } = await import('./main.js');
    await run();
  }
}
