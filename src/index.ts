#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { isMainThread, workerData } from 'node:worker_threads';
import { isScanWorker, setWorkerEntry } from './parallel/entry.js';

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
  if (process.env.BEDROCK_DENIED_SCAN_V8_GROWTH !== '1') setFlagsFromString('--semi-space-growth-factor=1');
  setWorkerEntry(new URL(import.meta.url));
  const { isCommandLine, runCli } = await import('./cli/index.js');
  if (isCommandLine(process.argv, process.env)) {
    process.exitCode = await runCli(process.argv.slice(2));
  } else {
    const { run } = await import('./main.js');
    await run();
  }
}
