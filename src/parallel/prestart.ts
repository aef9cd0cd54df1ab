import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { SCAN_WORKER_TAG } from './entry.js';
import { namesSourcesBeyondBedrock } from '../decode/prefilter.js';

// Kept apart from pool.ts so that src/index.ts can start workers before it loads anything else.

/** The most scanning threads the `workers` input allows: more only add memory (each holds its own JavaScript heap). */
export const MAX_WORKERS = 64;

/** What decides how many threads scan when the `workers` input is not set. */
export interface ThreadChoice {
  /** The `source` lines (exclusions left out). */
  sources: readonly string[];
  /** The `event-sources` selection. */
  eventSources: readonly string[];
}

const NETWORK_SOURCE = /^(s3|https?):\/\//i;
const DEFAULT_EVENT_SOURCE = 'bedrock.amazonaws.com';

/**
 * Scanning threads when the `workers` input is not set. Gunzip runs on libuv's thread pool, beside the scanning
 * threads, and for the default Bedrock selection it costs about as much CPU as scanning, so each scanning thread
 * keeps about two cores busy: half the cores scan (rounded up). Measured on 2 cores (220 MB bench corpus, whole
 * process), one scanning thread against two: 0.99x against 1.07x the gunzip floor on Node 20 (envelopes), 1.22x
 * against 1.29x and 1.25x against 1.38x on Node 24 (envelopes, NDJSON), 100 against 130 MB peak RSS; the second
 * thread's own heap, start-up and messages cost more CPU than it saved.
 * All the cores scan when the main thread has more to do: objects fetched over the network (S3, HTTPS: the main
 * thread makes the requests; 2 threads read 16 large S3 objects in 1.0 s against 1.27 s) or a selection that names
 * services besides Bedrock (most records are parsed: 2.31x against 2.67x the floor with five busy event sources).
 */
export function defaultWorkers(run: ThreadChoice): number {
  const cores = Math.min(MAX_WORKERS, availableParallelism());
  const network = run.sources.some((line) => NETWORK_SOURCE.test(line.trim()));
  return network || namesSourcesBeyondBedrock(run.eventSources) ? cores : Math.max(1, Math.ceil(cores / 2));
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
 * How many threads will scan in a run with this environment, read before the inputs are (as config.ts will read
 * them): the `workers` input, else BEDROCK_DENIED_SCAN_WORKERS, else defaultWorkers(); 1 for a value the input
 * check will refuse, 0 for another engine (nothing is scanned here).
 */
export function scanThreadsFromEnv(env: NodeJS.ProcessEnv): number {
  const engine = (env['INPUT_ENGINE'] ?? '').trim().toLowerCase();
  if (engine !== '' && engine !== 'runner') return 0;
  const raw = (env['INPUT_WORKERS'] ?? '').trim() || (env.BEDROCK_DENIED_SCAN_WORKERS ?? '').trim();
  return raw === '' ? defaultWorkers(threadChoiceFromEnv(env)) : /^\d+$/.test(raw) ? Math.max(1, Math.min(MAX_WORKERS, Number(raw))) : 1;
}

/** How many workers a run with this environment will use: scanThreadsFromEnv() minus the main thread. */
export function workersToPrestart(env: NodeJS.ProcessEnv): number {
  return Math.max(0, scanThreadsFromEnv(env) - 1);
}

/** libuv's own pool size, kept when the scan makes network requests (see sizeInflatePool). */
const LIBUV_DEFAULT_POOL = 4;
/**
 * Sources fetched over the network while the scan runs (those the main thread requests object by object, and
 * artifacts, downloaded first): each new connection's DNS lookup runs on libuv's pool.
 */
const fetchedSource = (line: string): boolean => NETWORK_SOURCE.test(line) || /^artifact:/i.test(line);

/**
 * Sizes libuv's thread pool, where gunzip inflates, to one thread per scanning thread (UV_THREADPOOL_SIZE, unless
 * it is set already). With libuv's default of 4, a scanning thread's files inflate up to 4 at a time, and on a
 * 2-core runner those threads take the cores from the one thread that scans what they inflate: the scan's slowest
 * stage. Measured on the 200 MB bench corpus, Node 24, 2 cores, one scanning thread, medians of 7: NDJSON 0.43 s
 * instead of 0.49 s (DuckDB 0.46 s), envelopes 0.45 s instead of 0.48 s, 40 ms less CPU; 2 pool threads were no
 * better than 4. A run that fetches its sources (S3, HTTPS, an artifact) keeps at least libuv's 4: its connections'
 * DNS lookups (getaddrinfo) also run on the pool, 64 at the start of an S3 scan, and a slow resolver would hold
 * inflating up behind them (on loopback S3, without DNS, 2 and 4 pool threads measured the same). In a local scan
 * the pool sees DNS only when the results are published; a lookup that hangs there delays file writes until the
 * resolver gives up, no longer.
 * Must run before anything uses the pool: libuv reads the variable once, when the pool starts. Node 22 and later
 * start it on first use (after this); Node 20 starts it before the main module runs and keeps its 4 threads.
 * Another engine (Athena) keeps the default: it scans nothing here.
 */
export function sizeInflatePool(env: NodeJS.ProcessEnv): void {
  const threads = scanThreadsFromEnv(env);
  if (threads === 0 || (env.UV_THREADPOOL_SIZE ?? '').trim() !== '') return;
  const fetches = threadChoiceFromEnv(env).sources.some((line) => fetchedSource(line.trim()));
  env.UV_THREADPOOL_SIZE = String(fetches ? Math.max(LIBUV_DEFAULT_POOL, threads) : threads);
}

/** The `source` and `event-sources` inputs as config.ts will read them (comments and exclusions left out). */
function threadChoiceFromEnv(env: NodeJS.ProcessEnv): ThreadChoice {
  const sources = (env['INPUT_SOURCE'] ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#') && !line.startsWith('!'));
  const listed = (env['INPUT_EVENT-SOURCES'] ?? '')
    .split(/[,\n]/)
    .map((source) => source.trim())
    .filter((source) => source.length > 0);
  return { sources, eventSources: listed.length > 0 ? listed : [DEFAULT_EVENT_SOURCE] };
}
