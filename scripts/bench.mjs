// `npm run bench`: how fast the action scans CloudTrail, compared with the cost of just gunzipping it.
// A report, not a test: it prints PASS/MISS per target and always exits 0.
//
//   BENCH_MB=200      corpus size (uncompressed MB; generated once under bench-data/, seeded)
//   BENCH_REPEAT=3    runs per in-process timing (the fastest is kept)
//   BENCH_PAIRS=5     rounds of the whole-process comparison: floor, action and DuckDB run one after another in each
//                     round (paired, interleaved, so load on a shared machine hits all three alike); medians reported
//   BENCH_STARTUP=15  runs of the start-up comparison (node dist/index.js on a tiny file vs node -e 0)
//   BENCH_STREAM_MB=10  size of the subset the slow stream-json strategy is timed on
//   BENCH_THREADS=1     0 skips (5), the scan with one thread against every core
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { ensureCorpus, ensureSmallObjectsCorpus, ensureUsersCorpus } from './bench-corpus.mjs';
import { mb, median, secs, timedChild, verdict } from './bench-common.mjs';
import { runDist } from './run-dist.mjs';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT) || 3);
const STREAM_MB = Number(process.env.BENCH_STREAM_MB) || 10;
const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS) || 5);
const STARTUP_RUNS = Math.max(1, Number(process.env.BENCH_STARTUP) || 15);
const THREADS = process.env.BENCH_THREADS !== '0';
/** Busy services besides Bedrock: with these most records are parsed, which is where more threads pay off. */
const WIDE_EVENT_SOURCES = 'bedrock.amazonaws.com,ec2.amazonaws.com,s3.amazonaws.com,iam.amazonaws.com,sts.amazonaws.com';
const TARGETS = { floorRatio: 1.2, duckdbRatio: 1.0, jqSpeedup: 4, peakRssMB: 150, startupMs: 150 };
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

/**
 * The decoder, compiled from src/ for in-process timing (the bundle in dist/ runs the whole action instead),
 * with the tests' stream-json oracle beside it.
 */
async function loadDecoder(corpusDir) {
  const out = join(corpusDir, '.decoder-build');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const entries = [join(ROOT, 'src', 'decode', 'index.ts'), join(ROOT, 'test', 'helpers', 'stream-json-decoder.ts')];
  const args = [tsc, '--outDir', out, '--rootDir', ROOT, '--noEmit', 'false', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', ...entries];
  const compiled = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`tsc failed:\n${compiled.stdout}${compiled.stderr}`);
  const decoder = await import(pathToFileURL(join(out, 'src', 'decode', 'index.js')).href);
  const oracle = await import(pathToFileURL(join(out, 'test', 'helpers', 'stream-json-decoder.js')).href);
  return { ...decoder, decodeWithStreamJson: oracle.decodeWithStreamJson };
}

async function decodeAll(decodeCloudTrail, paths, strategy, recordDecoder, kernel = true) {
  let records = 0;
  let parsed = 0;
  for (const path of paths) {
    const result = await decodeCloudTrail(createReadStream(path), { strategy, recordDecoder, kernel, onRecord: () => parsed++ });
    records += result.records;
  }
  return { records, parsed };
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

/**
 * (5) The scan with one thread (`workers: 1`) against every core (`workers` = os.availableParallelism()), whole
 * process, interleaved rounds: the speed-up from 1 to N threads, and the findings must not change. Printed for the
 * Bedrock selection (what the default runs with one thread on 2 cores), a wide selection that parses most records,
 * and a trail of 2,016 small files.
 */
async function threadSpeedups(corpus, lines) {
  const { availableParallelism } = await import('node:os');
  const cores = availableParallelism();
  const small = await ensureSmallObjectsCorpus({ dir: join(ROOT, 'bench-data-small') });
  const smallWindow = { since: small.since, until: small.until };
  console.log(`(5) scanning threads: workers 1 against ${cores} (every core), medians of ${PAIRS} interleaved rounds; same findings required:`);
  if (cores < 2) {
    console.log('    one core: nothing to compare\n');
    return;
  }
  for (const [label, inputs] of [
    ['envelopes, Bedrock selection', { source: corpus.envelopesDir }],
    ['ndjson, Bedrock selection', { source: corpus.ndjsonDir }],
    ['envelopes, 5 busy event-sources', { source: corpus.envelopesDir, 'event-sources': WIDE_EVENT_SOURCES }],
    ['2,016 small files', { source: small.envelopesDir, ...smallWindow }]
  ]) {
    const one = [];
    const all = [];
    let same = true;
    for (let i = 0; i < PAIRS; i++) {
      const a = await runDist({ inputs: { ...inputs, 'fail-on-threshold': 'false', workers: '1' }, measureRss: true });
      const b = await runDist({ inputs: { ...inputs, 'fail-on-threshold': 'false', workers: String(cores) }, measureRss: true });
      one.push(a);
      all.push(b);
      same &&= a.report !== null && b.report !== null && JSON.stringify(a.report.findings) === JSON.stringify(b.report.findings) && a.report.scan.records === b.report.scan.records;
    }
    const wall = (runs) => median(runs.map((r) => r.wallMs));
    const peak = (runs) => Math.max(...runs.map((r) => r.peakRssBytes ?? 0));
    const rss = (runs) => mb(peak(runs));
    const speedup = median(one.map((r, i) => r.wallMs / all[i].wallMs));
    console.log(
      `    ${label.padEnd(32)} 1 thread ${secs(wall(one))} (${rss(one)} MB)   ${cores} threads ${secs(wall(all))} (${rss(all)} MB)   speed-up ${speedup.toFixed(2)}x` +
        `   same findings: ${same ? 'yes' : 'NO'}`
    );
    for (const [threads, runs] of [[1, one], [cores, all]]) {
      lines.push([`(5) ${label}, ${threads} thread${threads === 1 ? '' : 's'}: peak RSS <= ${TARGETS.peakRssMB} MB`, peak(runs) / 1024 / 1024 <= TARGETS.peakRssMB]);
    }
    lines.push([`(5) ${label}: same findings with 1 and ${cores} threads`, same]);
  }
  console.log('');
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
  const bigChunks = await fastest(() => gunzipAll(envelopePaths, { chunkSize: 256 * 1024 }));
  const lines = [];
  let action = null;
  const child = join(ROOT, 'scripts', 'bench-child.mjs');
  const { default: os } = await import('node:os');
  console.log(`load average before the runs: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.availableParallelism()} cores available)\n`);
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    console.log('(1)-(3) dist/index.js not found: run `npm run bundle` first; skipping the action scan.\n');
  } else {
    // (1) Whole processes, paired and interleaved: each round runs the floor, the action and DuckDB on the same files.
    console.log(`(1) whole process (node start-up included), medians of ${PAIRS} interleaved rounds; ratios per round, then the median:`);
    action = {};
    for (const [layout, dir, paths] of [
      ['envelopes', corpus.envelopesDir, envelopePaths],
      ['ndjson', corpus.ndjsonDir, ndjsonPaths]
    ]) {
      const rounds = [];
      let duckdbError = null;
      for (let i = 0; i < PAIRS; i++) {
        const floor = await timedChild([child, 'gunzip', ...paths]);
        const run = await runDist({ inputs: { source: dir, 'fail-on-threshold': 'false' }, measureRss: true });
        if (!run.report) throw new Error(`dist/index.js wrote no report (exit ${run.status}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
        let duck = null;
        if (!duckdbError) {
          try {
            duck = await timedChild([child, 'duckdb', layout, ...paths]);
            duck.value = JSON.parse(duck.stdout);
          } catch (error) {
            duckdbError = error.message.split('\n')[0];
          }
        }
        rounds.push({ floor: floor.ms, action: run.wallMs, duck: duck?.ms ?? null, duckMatched: duck?.value.matched, run });
      }
      const m = {
        floor: median(rounds.map((r) => r.floor)),
        action: median(rounds.map((r) => r.action)),
        duck: duckdbError ? null : median(rounds.map((r) => r.duck)),
        vsFloor: median(rounds.map((r) => r.action / r.floor)),
        vsDuck: duckdbError ? null : median(rounds.map((r) => r.action / r.duck)),
        duckVsFloor: duckdbError ? null : median(rounds.map((r) => r.duck / r.floor))
      };
      const last = rounds[rounds.length - 1].run;
      const peak = Math.max(...rounds.map((r) => r.run.peakRssBytes ?? 0));
      action[layout] = { ...m, peak, rssFrom: last.rssFrom };
      console.log(
        `    ${layout.padEnd(9)} floor (gunzip, 1 thread, 256 KiB chunks) ${secs(m.floor)}   action ${secs(m.action)} = ${m.vsFloor.toFixed(2)}x floor (target <= ${TARGETS.floorRatio}: ${verdict(m.vsFloor <= TARGETS.floorRatio)})` +
          (duckdbError ? `   DuckDB failed: ${duckdbError}` : `   DuckDB ${secs(m.duck)} = ${m.duckVsFloor.toFixed(2)}x floor; action/DuckDB ${m.vsDuck.toFixed(2)}x (target <= ${TARGETS.duckdbRatio}: ${verdict(m.vsDuck <= TARGETS.duckdbRatio)})`)
      );
      console.log(
        `              ${last.report.scan.records} records, ${last.report.matched} matched (expected ${corpus.expectedDenied}${last.report.matched === corpus.expectedDenied ? ', ok' : ', WRONG'})` +
          `${duckdbError ? '' : `, DuckDB ${rounds[0].duckMatched}`}; ${last.report.scan.filesFailed.length} files failed; peak RSS ${mb(peak)} MB; per round action/floor ${rounds.map((r) => (r.action / r.floor).toFixed(2)).join(' ')}`
      );
      lines.push([`(1) ${layout}: action <= ${TARGETS.floorRatio}x floor`, m.vsFloor <= TARGETS.floorRatio]);
      if (!duckdbError) lines.push([`(1) ${layout}: action <= ${TARGETS.duckdbRatio}x DuckDB`, m.vsDuck <= TARGETS.duckdbRatio]);
      lines.push([`(1) ${layout}: peak RSS <= ${TARGETS.peakRssMB} MB`, peak / 1024 / 1024 <= TARGETS.peakRssMB]);
    }
    console.log('');

    // (2) Start-up: the action on a tiny file against bare node, interleaved.
    const temp = mkdtempSync(join(tmpdir(), 'bench-startup-'));
    const tiny = join(temp, 'tiny.json');
    writeFileSync(tiny, '{"Records":[]}');
    const bare = [];
    const act = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      bare.push((await timedChild(['-e', '0'])).ms);
      act.push((await runDist({ inputs: { source: tiny, 'fail-on-threshold': 'false' } })).wallMs);
    }
    rmSync(temp, { recursive: true, force: true });
    const startup = median(act) - median(bare);
    console.log(`(2) start-up: node dist/index.js on a tiny file ${secs(median(act))} vs node -e 0 ${secs(median(bare))} (medians of ${STARTUP_RUNS}): +${startup.toFixed(0)} ms (target <= ${TARGETS.startupMs} ms: ${verdict(startup <= TARGETS.startupMs)})\n`);
    lines.push([`(2) start-up <= ${TARGETS.startupMs} ms above node`, startup <= TARGETS.startupMs]);

    // (3) Many findings: 5,000 denied users.
    const users = await ensureUsersCorpus({ dir: join(ROOT, 'bench-data-users') });
    let usersPeak = 0;
    let usersRun = null;
    for (let i = 0; i < Math.min(3, PAIRS); i++) {
      usersRun = await runDist({ inputs: { source: users.dir, 'fail-on-threshold': 'false' }, measureRss: true });
      usersPeak = Math.max(usersPeak, usersRun.peakRssBytes ?? 0);
    }
    console.log(
      `(3) ${users.users} denied users: ${usersRun.report.matched} matched (>= ${users.expectedDenied} expected), ${usersRun.report.findings.length} findings, ${secs(usersRun.wallMs)}; peak RSS ${mb(usersPeak)} MB (target <= ${TARGETS.peakRssMB} MB: ${verdict(usersPeak / 1024 / 1024 <= TARGETS.peakRssMB)})\n`
    );
    lines.push([`(3) ${users.users} users: peak RSS <= ${TARGETS.peakRssMB} MB`, usersPeak / 1024 / 1024 <= TARGETS.peakRssMB]);
    action.env = { wallMs: action.envelopes.action };
    if (THREADS) await threadSpeedups(corpus, lines);
  }
  console.log(`(in process, for reference: gunzip with 16 KiB chunks ${secs(floorEnvelopes.ms)} envelopes / ${secs(floorNdjson.ms)} ndjson; with 256 KiB chunks ${secs(bigChunks.ms)} envelopes)\n`);

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

  console.log('decode only (in process, src/decode compiled with tsc), ratio to the gunzip floor:');
  const { decodeCloudTrail, decodeWithStreamJson } = await loadDecoder(join(ROOT, 'bench-data'));
  for (const [label, paths, floor] of [
    ['envelopes', envelopePaths, floorEnvelopes.ms],
    ['ndjson   ', ndjsonPaths, floorNdjson.ms]
  ]) {
    const fast = await fastest(() => decodeAll(decodeCloudTrail, paths, 'fast'));
    const full = await fastest(() => decodeAll(decodeCloudTrail, paths, 'full'));
    const js = await fastest(() => decodeAll(decodeCloudTrail, paths, 'fast', undefined, false));
    console.log(
      `    ${label}  fast ${(fast.ms / floor).toFixed(2)}x (${secs(fast.ms)}, parsed ${fast.value.parsed} of ${fast.value.records})   full ${(full.ms / floor).toFixed(2)}x (${secs(full.ms)})` +
        `   fast without the WebAssembly kernel ${(js.ms / floor).toFixed(2)}x (${secs(js.ms)})` +
        `   [vs 256 KiB-chunk gunzip: fast ${(fast.ms / bigChunks.ms).toFixed(2)}x, full ${(full.ms / bigChunks.ms).toFixed(2)}x, without the kernel ${(js.ms / bigChunks.ms).toFixed(2)}x]`
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
  const stream = await fastest(() => decodeAll(decodeCloudTrail, subset, 'full', decodeWithStreamJson));
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
