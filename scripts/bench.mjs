// `npm run bench`: how fast the action scans CloudTrail, compared with the cost of just gunzipping it.
// A report, not a test: it prints PASS/MISS per target and always exits 0.
//
//   BENCH_MB=200      corpus size (uncompressed MB; generated once under bench-data/, seeded)
//   BENCH_REPEAT=3    runs per timing (the fastest is kept: the machine is shared, noise only adds time)
//   BENCH_STREAM_MB=10  size of the subset the slow stream-json strategy is timed on
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { ensureCorpus } from './bench-corpus.mjs';
import { runDist } from './run-dist.mjs';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT) || 3);
const STREAM_MB = Number(process.env.BENCH_STREAM_MB) || 10;
const TARGETS = { envelopeRatio: 2, ndjsonRatio: 2, jqSpeedup: 4, peakRssMB: 200 };

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const secs = (ms) => (ms / 1000).toFixed(2) + ' s';
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

async function fastest(fn) {
  let best = Infinity;
  let value;
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    value = await fn();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, value };
}

/** The floor: read and gunzip every file with Node's zlib streams, sequentially, doing nothing else. */
async function gunzipAll(paths, options = {}) {
  let bytes = 0;
  for (const path of paths) {
    for await (const chunk of createReadStream(path).pipe(createGunzip(options))) bytes += chunk.length;
  }
  return bytes;
}

/** The decoder, compiled from src/ for in-process timing (the bundle in dist/ runs the whole action instead). */
async function loadDecoder(corpusDir) {
  const out = join(corpusDir, '.decoder-build');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = [tsc, '--outDir', out, '--rootDir', join(ROOT, 'src'), '--noEmit', 'false', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', join(ROOT, 'src', 'decode', 'index.ts')];
  const compiled = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`tsc failed:\n${compiled.stdout}${compiled.stderr}`);
  return import(pathToFileURL(join(out, 'decode', 'index.js')).href);
}

async function decodeAll(decodeCloudTrail, paths, strategy) {
  let records = 0;
  let parsed = 0;
  for (const path of paths) {
    const result = await decodeCloudTrail(createReadStream(path), { strategy, onRecord: () => parsed++ });
    records += result.records;
  }
  return { records, parsed };
}

/** The real product, `node dist/index.js` run as a GitHub runner would; the fastest of REPEAT runs, the highest peak RSS. */
async function bestAction(sourceDir) {
  let best = null;
  let peak = 0;
  for (let i = 0; i < REPEAT; i++) {
    const run = await runDist({ inputs: { source: sourceDir, 'fail-on-threshold': 'false' }, measureRss: true });
    if (!run.report) throw new Error(`dist/index.js wrote no report (exit ${run.status}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
    peak = Math.max(peak, run.peakRssBytes ?? 0);
    if (!best || run.wallMs < best.wallMs) best = run;
  }
  return {
    wallMs: best.wallMs,
    scanMs: best.report.scan.durationMs,
    peakRssBytes: peak,
    rssFrom: best.rssFrom,
    records: best.report.scan.records,
    matched: best.report.matched,
    failed: best.report.scan.filesFailed.length
  };
}

function runJq(paths) {
  const filter =
    '.Records[] | select((.eventSource | ascii_downcase) == "bedrock.amazonaws.com" and (.eventName | ascii_downcase) == "invokemodel" and .errorCode == "AccessDenied") | {eventSource, eventName, errorCode}';
  const started = performance.now();
  const child = spawnSync('bash', ['-c', 'set -o pipefail; zcat -- "$@" | jq -c "$JQ_FILTER" | wc -l', 'bench', ...paths], {
    env: { ...process.env, JQ_FILTER: filter },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024
  });
  const ms = performance.now() - started;
  if (child.status !== 0) return { error: (child.stderr || '').trim() || `exit ${child.status}` };
  return { ms, matched: Number(child.stdout.trim()) };
}

function hasCommand(name) {
  return spawnSync('bash', ['-c', `command -v ${name}`]).status === 0;
}

async function main() {
  const corpus = await ensureCorpus({ dir: join(ROOT, 'bench-data') });
  const envelopePaths = corpus.files.map((f) => join(corpus.envelopesDir, f));
  const ndjsonPaths = corpus.files.map((f) => join(corpus.ndjsonDir, f));
  console.log(`corpus: ${corpus.files.length} files x 2 layouts, ${mb(corpus.bytesUncompressed)} MB uncompressed, ${corpus.records} records, ${corpus.expectedDenied} denied InvokeModel (seeded, ${corpus.dir})`);
  console.log(`machine: node ${process.version}, ${(await import('node:os')).cpus().length} CPUs; best of ${REPEAT} runs\n`);

  const floorEnvelopes = await fastest(() => gunzipAll(envelopePaths));
  const floorNdjson = await fastest(() => gunzipAll(ndjsonPaths));
  console.log('(1) floor: plain gunzip with Node zlib streams');
  console.log(`    envelopes ${secs(floorEnvelopes.ms)} (${(floorEnvelopes.value / 1e6 / (floorEnvelopes.ms / 1000)).toFixed(0)} MB/s), ndjson ${secs(floorNdjson.ms)}`);
  // The decoder asks zlib for 256 KiB output chunks; most of the default floor is per-16 KiB-chunk overhead.
  const bigChunks = await fastest(() => gunzipAll(envelopePaths, { chunkSize: 256 * 1024 }));
  console.log(`    (for reference: gunzip with 256 KiB output chunks, as the decoder does: envelopes ${secs(bigChunks.ms)})\n`);

  const lines = [];
  let action = null;
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    console.log('(2)(3) dist/index.js not found: run `npm run bundle` first; skipping the action scan.\n');
  } else {
    const env = await bestAction(corpus.envelopesDir);
    const nd = await bestAction(corpus.ndjsonDir);
    action = { env, nd };
    for (const [label, run, floor, target] of [
      ['(2) action scan, envelopes', env, floorEnvelopes.ms, TARGETS.envelopeRatio],
      ['(3) action scan, ndjson   ', nd, floorNdjson.ms, TARGETS.ndjsonRatio]
    ]) {
      const ratio = run.scanMs / floor;
      const wallRatio = run.wallMs / floor;
      console.log(
        `${label}: scan ${secs(run.scanMs)} = ${ratio.toFixed(2)}x gunzip (target <= ${target}x: ${verdict(ratio <= target)}); ` +
          `process wall ${secs(run.wallMs)} = ${wallRatio.toFixed(2)}x; ${run.records} records, ${run.matched} matched (expected ${corpus.expectedDenied}${run.matched === corpus.expectedDenied ? ', ok' : ', WRONG'}), ${run.failed} files failed`
      );
      lines.push([label.trim(), ratio <= target]);
    }
    console.log('');
  }

  console.log('(4) zcat | jq, same selection, envelopes');
  if (!hasCommand('jq') || !hasCommand('zcat')) {
    console.log('    jq or zcat not installed: skipped\n');
  } else {
    const jq = runJq(envelopePaths);
    if (jq.error) console.log(`    jq failed: ${jq.error}\n`);
    else {
      console.log(`    jq ${secs(jq.ms)}, ${jq.matched} matched${jq.matched === corpus.expectedDenied ? '' : ` (expected ${corpus.expectedDenied})`}`);
      if (action) {
        const speedup = jq.ms / action.env.wallMs;
        console.log(`    action (process wall) is ${speedup.toFixed(1)}x faster (target >= ${TARGETS.jqSpeedup}x: ${verdict(speedup >= TARGETS.jqSpeedup)})\n`);
        lines.push(['(4) speedup over jq', speedup >= TARGETS.jqSpeedup]);
      } else console.log('');
    }
  }

  if (action) {
    const peak = Math.max(action.env.peakRssBytes, action.nd.peakRssBytes);
    console.log(`(5) peak RSS of the scan: ${mb(peak)} MB (${action.env.rssFrom}; envelopes ${mb(action.env.peakRssBytes)}, ndjson ${mb(action.nd.peakRssBytes)}) (target <= ${TARGETS.peakRssMB} MB: ${verdict(peak / 1024 / 1024 <= TARGETS.peakRssMB)})\n`);
    lines.push(['(5) peak RSS', peak / 1024 / 1024 <= TARGETS.peakRssMB]);
  }

  console.log('decode only (in process, src/decode compiled with tsc), ratio to the gunzip floor:');
  const { decodeCloudTrail } = await loadDecoder(join(ROOT, 'bench-data'));
  for (const [label, paths, floor] of [
    ['envelopes', envelopePaths, floorEnvelopes.ms],
    ['ndjson   ', ndjsonPaths, floorNdjson.ms]
  ]) {
    const fast = await fastest(() => decodeAll(decodeCloudTrail, paths, 'fast'));
    const full = await fastest(() => decodeAll(decodeCloudTrail, paths, 'full'));
    console.log(
      `    ${label}  fast ${(fast.ms / floor).toFixed(2)}x (${secs(fast.ms)}, parsed ${fast.value.parsed} of ${fast.value.records})   full ${(full.ms / floor).toFixed(2)}x (${secs(full.ms)})` +
        `   [vs 256 KiB-chunk gunzip: fast ${(fast.ms / bigChunks.ms).toFixed(2)}x, full ${(full.ms / bigChunks.ms).toFixed(2)}x]`
    );
  }
  // stream-json is tens of times slower: time it on a subset and compare with gunzip of the same subset.
  const subset = [];
  let subsetBytes = 0;
  for (const f of corpus.files) {
    if (subsetBytes >= STREAM_MB * 1024 * 1024) break;
    subset.push(join(corpus.envelopesDir, f));
    subsetBytes = await gunzipAll(subset);
  }
  const subsetFloor = await fastest(() => gunzipAll(subset));
  const stream = await fastest(() => decodeAll(decodeCloudTrail, subset, 'stream'));
  const streamRatio = stream.ms / subsetFloor.ms;
  console.log(
    `    envelopes  stream ${streamRatio.toFixed(1)}x (measured on a ${mb(subsetBytes)} MB subset: ${secs(stream.ms)} vs gunzip ${secs(subsetFloor.ms)}; extrapolated to the corpus: ~${secs(streamRatio * floorEnvelopes.ms)})\n`
  );

  console.log('targets:');
  for (const [label, ok] of lines) console.log(`    ${verdict(ok)}  ${label}`);
  if (lines.length === 0) console.log('    (none measured)');
}

main()
  .catch((error) => {
    console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
  })
  .finally(() => {
    process.exitCode = 0;
  });
