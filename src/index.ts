#!/usr/bin/env node
import { isMainThread, workerData } from 'node:worker_threads';
import { isScanWorker, setWorkerEntry } from './parallel/entry.js';

// One file for three roles: worker threads run this same script (the bundle) and branch here, before the
// action (and its GitHub and AWS clients) is loaded; the runner starts it with INPUT_* variables; a person
// or another CI runs `bedrock-denied-scan [options] <source...>`.
if (!isMainThread && isScanWorker(workerData)) {
  const { runScanWorker } = await import('./parallel/worker.js');
  runScanWorker();
} else {
  setWorkerEntry(new URL(import.meta.url));
  const { isCommandLine, runCli } = await import('./cli/index.js');
  if (isCommandLine(process.argv, process.env)) {
    process.exitCode = await runCli(process.argv.slice(2));
  } else {
    const { run } = await import('./main.js');
    await run();
  }
}
