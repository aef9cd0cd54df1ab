// S3 benchmark: the same corpus scanned by `node dist/index.js` from the local disk and from the loopback S3 server
// (scripts/s3-server.mjs on 127.0.0.1), to show that reading from S3 costs little more than reading files.
// A report, not a test: it prints PASS/MISS and always exits 0.
//
// Two cases:
//   small  a real trail's shape: 3 accounts x 4 regions x 3 days of ~12 KB gzip'd objects (2,016 objects), as
//          CloudTrail delivers them every few minutes; generated once under bench-data-small/
//   large  the `npm run bench` corpus: ~100 objects of 1-26 MB uncompressed under bench-data/
//
//   BENCH_S3_CASES=small,large which cases to run
//   BENCH_MB=200               size of the large corpus (uncompressed MB; shared with `npm run bench`)
//   BENCH_PAIRS=9              interleaved rounds (local then S3 in each, so load on a shared machine hits both alike);
//                              medians reported, and the median of the per-round ratios. 9, not bench.mjs's 5: the
//                              S3 rounds vary most (±0.15 on 2 cores), and a median of 5 of them moved by ±0.05 from
//                              run to run (small objects on Node 24: 1.20-1.32x over five runs of the same code)
//   BENCH_S3_LATENCY_MS=30     delay before the server answers each request, standing in for S3's time to first byte
//   BENCH_S3_PAGE_SIZE=1000    largest listing page (S3's)
//   BENCH_S3_INPUTS='{"concurrency":"8"}'  extra action inputs for both runs (default: none, the action's defaults)
//   BENCH_S3_TLS=1             serve over TLS, as S3 always is (a P-256 certificate for 127.0.0.1 made with openssl,
//                              trusted through NODE_EXTRA_CA_CERTS by the children that fetch: not by the local runs,
//                              whose Node 20 would load its CA store at start-up for it): each new connection then
//                              costs a handshake, and the server's share of it runs on these cores
//
// The server runs in this process and holds the corpus in memory, so it shares the machine's cores with the action:
// the ratio is pessimistic on that count, and the per-request latency makes it realistic on the other.
//
// Each round also times the floor under both runs, as whole processes (scripts/bench-child.mjs fetch-floor): every
// object fetched with bare unsigned node:http GETs (192 at a time, the action's S3 default) and gunzipped, with no
// listing, signing, parsing or detection; and the same reading the local files (8 at a time, the action's local
// default). The S3 floor against the action's local time shows how much of the ratio the transport alone takes on
// this machine, where the loopback server's CPU shares the cores.
//
// Each case ends with what the requests alone cost: every object read once through the AWS SDK's S3 client (set
// up as the action's), as the action's direct GETs and as bare node:http GETs, each in a process of its own
// (scripts/bench-child.mjs s3-gets).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCorpus, ensureSmallObjectsCorpus } from './bench-corpus.mjs';
import { S3_TEST_CREDENTIALS, startS3Server } from './s3-server.mjs';
import { createTestCertificate } from './test-certificate.mjs';
import { mb, median, secs, timedChild, verdict } from './bench-common.mjs';
import { runDist } from './run-dist.mjs';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const PAIRS = Math.max(1, Number(process.env.BENCH_PAIRS) || 9);
const LATENCY_MS = Math.max(0, Number(process.env.BENCH_S3_LATENCY_MS ?? 30) || 0);
const PAGE_SIZE = Math.max(1, Number(process.env.BENCH_S3_PAGE_SIZE) || 1000);
const CASES = (process.env.BENCH_S3_CASES || 'small,large').split(',').map((c) => c.trim()).filter(Boolean);
const EXTRA_INPUTS = process.env.BENCH_S3_INPUTS ? JSON.parse(process.env.BENCH_S3_INPUTS) : {};
const TARGETS = { s3Ratio: 1.3, peakRssMB: 150 };
const TLS = process.env.BENCH_S3_TLS === '1';
const CHILD = join(ROOT, 'scripts', 'bench-child.mjs');
const certificate = TLS ? createTestCertificate(['127.0.0.1']) : undefined;
if (certificate) process.on('exit', () => certificate.remove());
/** A bench child's environment: nothing of this shell's beyond the path and home. */
const childEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
/** What a child that fetches from the server adds: trust in its certificate, over TLS. */
const fetchEnv = certificate ? { NODE_EXTRA_CA_CERTS: certificate.certFile } : {};
/** Objects the action reads at once by default: from S3 (DEFAULT_S3_CONCURRENCY, src/config.ts) and from files (`concurrency`). */
const S3_IN_FLIGHT = 192;
const LOCAL_IN_FLIGHT = 8;
/** The server accepts any credentials; the action reads these through the SDK's standard credential chain. */
const credentialsEnv = {
  AWS_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1'
};


await main();

/** Stores a corpus in the server's memory, under the same keys as on disk (AWSLogs/...). */
async function seed(server, bucket, envelopesDir, files) {
  await server.createBucket(bucket);
  let bytes = 0;
  for (const key of files) {
    const body = await readFile(join(envelopesDir, key));
    bytes += body.length;
    await server.putObject(bucket, key, body);
  }
  return bytes;
}

/** Runs `node dist/index.js` as a runner would, asynchronously (the S3 server lives in this process's event loop). */
async function runAction(inputs, window, env = {}) {
  const run = await runDist({
    inputs: { 'fail-on-threshold': 'false', since: window.since, until: window.until, ...EXTRA_INPUTS, ...inputs },
    env: { ...credentialsEnv, ...env },
    measureRss: true
  });
  const report = run.report;
  if (!report) throw new Error(`dist/index.js wrote no report (exit ${run.status}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const s3 = (report.scan?.sources ?? []).find((s) => s.kind === 's3');
  return {
    wallMs: run.wallMs,
    cpuMs: run.cpuMs,
    scanMs: report.scan?.durationMs,
    peakRssBytes: run.peakRssBytes,
    rssFrom: run.rssFrom,
    files: report.scan?.files,
    records: report.scan?.records,
    matched: report.matched,
    failed: report.scan?.filesFailed?.length ?? 0,
    s3Details: s3?.details
  };
}

async function benchCase(server, name, corpus, window) {
  const bucket = `bench-${name}`;
  const seeded = await seed(server, bucket, corpus.envelopesDir, corpus.files);
  console.log(
    `[${name}] ${corpus.files.length} objects, ${mb(seeded)} MB gzipped (${(seeded / corpus.files.length / 1024).toFixed(1)} KiB each on average), ` +
      `${mb(corpus.bytesUncompressed)} MB uncompressed; window ${window.since} .. ${window.until}`
  );
  const keysDir = mkdtempSync(join(tmpdir(), 'bench-s3-keys-'));
  try {
    const keysFile = join(keysDir, 'keys.json');
    writeFileSync(keysFile, JSON.stringify(corpus.files));
    await runRounds(server, corpus, bucket, window, keysFile);
  } finally {
    rmSync(keysDir, { recursive: true, force: true });
  }
  console.log('');
}

/** The interleaved rounds of one case and what they add up to; `keysFile` lists its objects for the bench children. */
async function runRounds(server, corpus, bucket, window, keysFile) {
  const rounds = [];
  for (let i = 0; i < PAIRS; i++) {
    const local = await runAction({ source: corpus.envelopesDir }, window);
    const serverCpu = process.cpuUsage();
    const s3 = await runAction({ source: `s3://${bucket}/`, 's3-endpoint': server.endpoint }, window, fetchEnv);
    const served = process.cpuUsage(serverCpu);
    s3.serverCpuMs = (served.user + served.system) / 1000;
    const fileFloor = await fetchFloor('file', corpus.envelopesDir, bucket, keysFile, LOCAL_IN_FLIGHT);
    const httpFloor = await fetchFloor('http', server.endpoint, bucket, keysFile, S3_IN_FLIGHT);
    rounds.push({ local, s3, fileFloor, httpFloor });
    console.log(
      `    round ${i + 1}: local ${secs(local.wallMs)}  s3 ${secs(s3.wallMs)}  ratio ${(s3.wallMs / local.wallMs).toFixed(2)}x  peak RSS local ${mb(local.peakRssBytes)} / s3 ${mb(s3.peakRssBytes)} MB` +
        `  |  floor: files ${secs(fileFloor)}  bare GETs ${secs(httpFloor)}`
    );
  }
  const m = (pick) => median(rounds.map(pick));
  const ratio = m((r) => r.s3.wallMs / r.local.wallMs);
  const peakMB = Math.max(...rounds.map((r) => Math.max(r.local.peakRssBytes, r.s3.peakRssBytes))) / 1024 / 1024;
  const last = rounds[rounds.length - 1];
  const row = (label, pick) =>
    `    ${label.padEnd(6)} wall ${secs(m((r) => pick(r).wallMs)).padStart(8)} (median)  scan ${secs(m((r) => pick(r).scanMs ?? NaN)).padStart(8)}  files ${pick(last).files}  records ${pick(last).records}  matched ${pick(last).matched}  failed ${pick(last).failed}  peak RSS ${mb(Math.max(...rounds.map((r) => pick(r).peakRssBytes)))} MB (${pick(last).rssFrom})`;
  console.log(row('local', (r) => r.local));
  console.log(row('s3', (r) => r.s3));
  if (last.s3.s3Details) {
    const d = last.s3.s3Details;
    console.log(`    s3 source: layout ${d.layout}, ${d.prefixesListedCount} day prefixes, ${d.listRequests} list requests, ${d.objectsRead} objects, ${mb(d.bytesRead)} MB, ${d.retries} retries`);
  }
  const sameResult = rounds.every((r) => r.s3.records === r.local.records && r.s3.matched === r.local.matched && r.s3.failed === 0 && r.local.failed === 0);
  console.log(`    same records and matches from both in every round: ${sameResult ? 'yes' : 'NO'}`);
  console.log(`    S3/local wall-time ratio, median of ${PAIRS} rounds: ${ratio.toFixed(2)}x (target <= ${TARGETS.s3Ratio}x): ${verdict(ratio <= TARGETS.s3Ratio && sameResult)}`);
  console.log(`    peak RSS ${peakMB.toFixed(0)} MB (target <= ${TARGETS.peakRssMB} MB): ${verdict(peakMB <= TARGETS.peakRssMB)}`);
  const localWall = m((r) => r.local.wallMs);
  const httpFloor = m((r) => r.httpFloor);
  console.log(
    `    floor, whole processes (medians): every object fetched and gunzipped, nothing listed, signed, parsed or detected: ` +
      `from the files ${secs(m((r) => r.fileFloor))} (${(m((r) => r.fileFloor / r.local.wallMs)).toFixed(2)}x the action's local time), ` +
      `by bare node:http GETs ${secs(httpFloor)} (${(m((r) => r.httpFloor / r.local.wallMs)).toFixed(2)}x); ` +
      `the action's S3 run took ${secs(m((r) => r.s3.wallMs) - httpFloor)} more than the bare GETs, its local run ${secs(localWall - m((r) => r.fileFloor))} more than the files`
  );
  await requestCpuPerGet(server, bucket, keysFile, corpus.files.length, m);
}

/** Wall time of `node scripts/bench-child.mjs fetch-floor ...`, spawn to exit (start-up included, as the action's). */
async function fetchFloor(from, where, bucket, keysFile, inFlight) {
  return (await timedChild([CHILD, 'fetch-floor', from, where, bucket, keysFile, String(inFlight)], from === 'http' ? { ...childEnv, ...fetchEnv } : childEnv)).ms;
}

/** What `node scripts/bench-child.mjs s3-gets ...` measured (its own process, so its CPU is the client's alone). */
async function requestCpu(client, endpoint, bucket, keysFile) {
  return JSON.parse((await timedChild([CHILD, 's3-gets', client, endpoint, bucket, keysFile], { ...childEnv, ...credentialsEnv, ...fetchEnv })).stdout);
}

/**
 * What the requests alone cost: every object read once through the AWS SDK's S3 client (set up as the action's),
 * as the action's direct GETs of streamed objects (the client's signer over node:http) and as bare unsigned
 * node:http GETs, CPU time
 * in a process of its own, beside the CPU time of the action's runs and of the loopback server.
 */
async function requestCpuPerGet(server, bucket, keysFile, objects, m) {
  const runs = { sdk: [], direct: [], http: [] };
  for (let i = 0; i < 3; i++) {
    for (const client of Object.keys(runs)) runs[client].push((await requestCpu(client, server.endpoint, bucket, keysFile)).cpuMs / objects);
  }
  const [sdkMs, directMs, httpMs] = [median(runs.sdk), median(runs.direct), median(runs.http)];
  console.log(
    `    CPU per GET (client alone, median of 3): AWS SDK ${sdkMs.toFixed(3)} ms, direct GET (signed in place, over node:http: what the action sends for the objects it streams; small ones go over its own keep-alive connections, src/sources/keep-alive-gets.ts, in the runs' CPU below) ` +
      `${directMs.toFixed(3)} ms, bare unsigned node:http ${httpMs.toFixed(3)} ms`
  );
  console.log(
    `    CPU of the runs (medians): local ${(m((r) => r.local.cpuMs ?? NaN) / 1000).toFixed(2)} s, s3 ${(m((r) => r.s3.cpuMs ?? NaN) / 1000).toFixed(2)} s, ` +
      `the loopback server ${(m((r) => r.s3.serverCpuMs) / 1000).toFixed(2)} s, on ${availableParallelism()} cores`
  );
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    console.log('dist/index.js is missing: build it first (npm run bundle).');
    return;
  }
  const server = await startS3Server({ pageSize: PAGE_SIZE, ...(certificate ? { tls: { key: certificate.key, cert: certificate.cert } } : {}) });
  try {
    console.log(
      `machine: node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; loopback S3 ${server.endpoint}, ` +
        `${LATENCY_MS} ms latency per request, ${PAGE_SIZE} keys per listing page; inputs ${JSON.stringify(EXTRA_INPUTS)}\n`
    );
    server.latencyMs = LATENCY_MS;
    for (const name of CASES) {
      if (name === 'small') {
        const corpus = await ensureSmallObjectsCorpus({ dir: join(ROOT, 'bench-data-small') });
        await benchCase(server, name, corpus, { since: corpus.since, until: corpus.until });
      } else if (name === 'large') {
        const corpus = await ensureCorpus({ dir: join(ROOT, 'bench-data') });
        await benchCase(server, name, corpus, { since: '2026-11-01T00:00:00Z', until: '2026-11-01T23:59:59Z' });
      } else console.log(`unknown case '${name}' (small, large)\n`);
    }
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    await server.close();
  }
}
