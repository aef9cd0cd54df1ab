import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SCAN_WORKER_TAG } from './entry.js';

// Kept apart from pool.ts so that src/index.ts can start workers before it loads anything else.

/** The most scanning threads the `workers` input allows: more only add memory (each holds its own JavaScript heap). */
export const MAX_WORKERS = 64;

/** Scanning threads when the `workers` input is not set: the cores available. */
export function defaultWorkers(): number {
  return Math.min(MAX_WORKERS, availableParallelism());
}

/** Worker threads' young generation (resourceLimits.maxYoungGenerationSizeMb) unless the environment sets one. */
const WORKER_YOUNG_GENERATION_MB = 2;

/** A scan worker thread, booting (it waits for its 'init' message). */
export function startScanWorker(script: string | URL): Worker {
  const heapMb = Number(process.env.BEDROCK_DENIED_SCAN_WORKER_HEAP_MB);
  // A small young generation (default 2 MiB): a lane's garbage is mostly transferred chunks and decompressed
  // buffers, freed sooner this way; measured 150 vs 167 MB peak RSS on the 200 MB bench corpus, no slower.
  const youngMb = Number(process.env.BEDROCK_DENIED_SCAN_WORKER_YOUNG_MB || WORKER_YOUNG_GENERATION_MB);
  const resourceLimits = { ...(heapMb > 0 ? { maxOldGenerationSizeMb: heapMb } : {}), ...(youngMb > 0 ? { maxYoungGenerationSizeMb: youngMb } : {}) };
  return new Worker(script, { workerData: { [SCAN_WORKER_TAG]: true }, resourceLimits });
}

/** Workers started before the inputs were read, waiting to become lanes (unreferenced until then). */
const prestarted: Worker[] = [];

/**
 * Starts `count` scan workers now, so that their start-up (a V8 isolate, the decoder's code: about 0.1 s of CPU)
 * runs on the other cores while the main thread is still loading the action, instead of after the scan has
 * begun. Unused ones do not keep the process alive, and ScanPool.close() stops them.
 */
export function prestartScanWorkers(script: string | URL, count: number): void {
  for (let i = 0; i < count; i++) {
    const worker = startScanWorker(script);
    worker.unref();
    // A worker that fails to start is simply not used (the lane that would have taken it starts its own).
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const at = prestarted.indexOf(worker);
      if (at >= 0) prestarted.splice(at, 1);
    });
    prestarted.push(worker);
  }
}

/** A pre-started worker for a new lane, if one is left. */
export function takePrestartedWorker(): Worker | undefined {
  return prestarted.shift();
}

/**
 * Stops the pre-started workers no lane took, without waiting for them: one still booting stops only once its
 * start-up reaches JavaScript, and waiting for that held a one-file scan up for about 0.1 s (Node 24). They are
 * unreferenced, so they keep nothing alive meanwhile.
 */
export function stopPrestartedWorkers(): void {
  for (const worker of prestarted.splice(0)) worker.terminate().catch(() => undefined);
}

/**
 * How many workers a run with this environment will use, read before the inputs are (as config.ts will read
 * them): the `workers` input, else BEDROCK_DENIED_SCAN_WORKERS, else the cores available, minus the main thread;
 * 0 for another engine, or a value the input check will refuse.
 */
export function workersToPrestart(env: NodeJS.ProcessEnv): number {
  const engine = (env['INPUT_ENGINE'] ?? '').trim().toLowerCase();
  if (engine !== '' && engine !== 'runner') return 0;
  const raw = (env['INPUT_WORKERS'] ?? '').trim() || (env.BEDROCK_DENIED_SCAN_WORKERS ?? '').trim();
  const threads = raw === '' ? defaultWorkers() : /^\d+$/.test(raw) ? Math.min(MAX_WORKERS, Number(raw)) : 1;
  return Math.max(0, threads - 1);
}
