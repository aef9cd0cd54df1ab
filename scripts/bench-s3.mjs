// S3 benchmark: the same synthetic corpus scanned by `node dist/index.js` from the local disk and from the loopback
// S3 server (scripts/s3-server.mjs on 127.0.0.1), to show that reading from S3 costs little more than reading files.
// A report, not a test: it prints PASS/MISS and always exits 0.
//
//   BENCH_MB=200               corpus size (uncompressed MB; shared with `npm run bench`, generated once under bench-data/)
//   BENCH_REPEAT=3             runs per timing (the fastest is kept)
//   BENCH_S3_LATENCY_MS=30     delay before the server answers each request, standing in for S3's time to first byte
//   BENCH_S3_PAGE_SIZE=1000    largest listing page (S3's)
//
// The server runs in this process and holds the corpus in memory, so it shares the machine's cores with the action:
// the ratio is pessimistic on that count, and the per-request latency makes it realistic on the other.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ensureCorpus } from './bench-corpus.mjs';
import { S3_TEST_CREDENTIALS, startS3Server } from './s3-server.mjs';
import { runDist } from './run-dist.mjs';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT) || 3);
const LATENCY_MS = Math.max(0, Number(process.env.BENCH_S3_LATENCY_MS ?? 30) || 0);
const PAGE_SIZE = Math.max(1, Number(process.env.BENCH_S3_PAGE_SIZE) || 1000);
const TARGETS = { s3Ratio: 1.5, peakRssMB: 200 };
const BUCKET = 'bench-trail';
const SINCE = '2026-11-01T00:00:00Z';
const UNTIL = '2026-11-01T23:59:59Z';
/** The server accepts any credentials; the action reads these through the SDK's standard credential chain. */
const credentialsEnv = {
  AWS_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1'
};

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const secs = (ms) => (ms / 1000).toFixed(2) + ' s';
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

await main();

/** Stores the corpus in the server's memory, under the same keys as on disk (AWSLogs/...). */
async function seed(server, corpus) {
  await server.createBucket(BUCKET);
  let bytes = 0;
  for (const key of corpus.files) {
    const body = await readFile(join(corpus.envelopesDir, key));
    bytes += body.length;
    await server.putObject(BUCKET, key, body);
  }
  return bytes;
}

/** Runs `node dist/index.js` as a runner would, asynchronously (the S3 server lives in this process's event loop). */
async function runAction(inputs) {
  const run = await runDist({ inputs: { 'fail-on-threshold': 'false', since: SINCE, until: UNTIL, ...inputs }, env: credentialsEnv, measureRss: true });
  const report = run.report;
  if (!report) throw new Error(`dist/index.js wrote no report (exit ${run.status}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const s3 = (report.scan?.sources ?? []).find((s) => s.kind === 's3');
  return {
    wallMs: run.wallMs,
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

async function best(inputs) {
  let fastest = null;
  let peak = 0;
  for (let i = 0; i < REPEAT; i++) {
    const run = await runAction(inputs);
    peak = Math.max(peak, run.peakRssBytes ?? 0);
    if (!fastest || run.wallMs < fastest.wallMs) fastest = run;
  }
  return { ...fastest, peakRssBytes: peak };
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    console.log('dist/index.js is missing: build it first (npm run bundle).');
    return;
  }
  const corpus = await ensureCorpus({ dir: join(ROOT, 'bench-data') });
  const server = await startS3Server({ pageSize: PAGE_SIZE });
  try {
    const seeded = await seed(server, corpus);
    console.log(
      `corpus: ${corpus.files.length} files, ${mb(seeded)} MB gzipped, ${mb(corpus.bytesUncompressed)} MB uncompressed; ` +
        `served from ${server.endpoint} with ${LATENCY_MS} ms latency per request, ${PAGE_SIZE} keys per listing page`
    );
    server.latencyMs = LATENCY_MS;

    const local = await best({ source: corpus.envelopesDir });
    const s3 = await best({ source: `s3://${BUCKET}/`, 's3-endpoint': server.endpoint });
    const ratio = s3.wallMs / local.wallMs;
    const peakMB = Math.max(local.peakRssBytes, s3.peakRssBytes) / 1024 / 1024;
    const row = (label, r) =>
      `${label.padEnd(7)} wall ${secs(r.wallMs).padStart(8)}  scan ${secs(r.scanMs ?? NaN).padStart(8)}  files ${r.files}  records ${r.records}  matched ${r.matched}  failed ${r.failed}  peak RSS ${mb(r.peakRssBytes)} MB (${r.rssFrom})`;
    console.log(row('local', local));
    console.log(row('s3', s3));
    if (s3.s3Details) {
      const d = s3.s3Details;
      console.log(`s3 source: layout ${d.layout}, ${d.prefixesListedCount} day prefixes, ${d.listRequests} list requests, ${d.objectsRead} objects, ${mb(d.bytesRead)} MB, ${d.retries} retries`);
    }
    const sameResult = s3.records === local.records && s3.matched === local.matched && s3.failed === 0;
    console.log(`same records and matches from both: ${sameResult ? 'yes' : 'NO'}`);
    console.log(`S3/local wall-time ratio ${ratio.toFixed(2)}x (target <= ${TARGETS.s3Ratio}x): ${verdict(ratio <= TARGETS.s3Ratio)}`);
    console.log(`peak RSS ${peakMB.toFixed(0)} MB (target <= ${TARGETS.peakRssMB} MB): ${verdict(peakMB <= TARGETS.peakRssMB)}`);
  } finally {
    await server.close();
  }
}
