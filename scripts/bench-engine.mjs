// `npm run bench:engine`: when to switch from the runner engine to Athena. For the same window over an
// organization-trail-shaped corpus (AWSLogs/o-.../<account>/CloudTrail/<region>/yyyy/MM/dd/*.json.gz), side by side:
//   - runner: wall time of the whole process, `node dist/index.js` (start-up included), reading the corpus from the
//     loopback S3 server (scripts/s3-server.mjs) with a per-request latency standing in for S3's time to first byte;
//   - athena: the bytes the generated query would scan — the gzipped bytes of every object in the partitions its
//     predicates select (day partitions from src/engines/athena-sql.ts partitionPlan, which also builds the query;
//     all accounts and regions, as no `accounts`/`regions` filter is given) — and that at the list price
//     ($5 per TB, 10 MB minimum per query, src/engines/lifecycle.ts costUsd);
//   - athena (fake): for the record, the wall time of `node dist/index.js` with `engine: athena` against the loopback
//     fake (test/helpers/aws-query-fake.ts, the SQL run in DuckDB, answered on the first poll). It measures this
//     action's own overhead plus DuckDB over the data held in memory, not Athena: real Athena adds queueing, its
//     own scan time and the polling interval (500 ms, growing to 5 s).
// The two engines must report the same number of matched events (checked).
// A report, not a test: always exits 0.
//
//   BENCH_ENGINE_SIZES=1,10,100   corpus sizes in account-days: N (N accounts x 1 day) or AxD (A accounts x D days)
//   BENCH_ENGINE_MB=3             uncompressed MB per account-day (CloudTrail JSON; ~6-8x smaller gzipped). 3 MB over 48 objects
//                                 gives ~10 KB objects (request-latency bound); 30 gives ~86 KB objects (decode bound)
//   BENCH_ENGINE_FILES=48         objects per account-day, over 4 regions (a busy us-east-1, three quieter ones)
//   BENCH_ENGINE_REPEAT=3         runs per engine and size, interleaved; medians reported
//   BENCH_ENGINE_FAKE=1           0 skips the Athena-against-the-fake run (it loads the corpus into DuckDB)
//   BENCH_S3_LATENCY_MS=30        delay before the S3 server answers each request
//   BENCH_S3_PAGE_SIZE=1000       largest listing page
// The corpus is generated once per shape under bench-data-engine/ (git-ignored) and reused. The default run takes
// ~5 minutes on a loaded 2-core machine (the 100 account-day runner scans dominate); BENCH_ENGINE_SIZES=1,10 for a quick look.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { makeRecord, Rng } from './bench-corpus.mjs';
import { ROOT, runDist } from './run-dist.mjs';
import { S3_TEST_CREDENTIALS, startS3Server } from './s3-server.mjs';

const SIZES = (process.env.BENCH_ENGINE_SIZES || '1,10,100').split(',').map((s) => {
  const [a, d] = s.trim().toLowerCase().split('x');
  return { accounts: Math.max(1, Number(a) || 1), days: Math.max(1, Number(d) || 1) };
});
const MB_PER_ACCOUNT_DAY = Math.max(0.1, Number(process.env.BENCH_ENGINE_MB) || 3);
const FILES_PER_ACCOUNT_DAY = Math.max(4, Number(process.env.BENCH_ENGINE_FILES) || 48);
const REPEAT = Math.max(1, Number(process.env.BENCH_ENGINE_REPEAT) || 3);
const WITH_FAKE = process.env.BENCH_ENGINE_FAKE !== '0';
const LATENCY_MS = Math.max(0, Number(process.env.BENCH_S3_LATENCY_MS ?? 30) || 0);
const PAGE_SIZE = Math.max(1, Number(process.env.BENCH_S3_PAGE_SIZE) || 1000);
const BASE = join(ROOT, 'bench-data-engine');
/** One corpus per shape, so switching knobs does not regenerate the others. */
const DIR = join(BASE, `${MB_PER_ACCOUNT_DAY}mb-${FILES_PER_ACCOUNT_DAY}f`);
const CORPUS_VERSION = 1;
const ORG = 'o-a1b2c3d4e5';
const FIRST_DAY = Date.parse('2026-11-01T00:00:00Z');
const DAY_MS = 86_400_000;
/** Region and its share of an account's objects: org trails deliver for every region, most traffic in one. */
const REGIONS = [
  ['us-east-1', 0.55],
  ['us-west-2', 0.15],
  ['eu-west-1', 0.15],
  ['ap-northeast-1', 0.15]
];
const credentialsEnv = { AWS_ACCESS_KEY_ID: S3_TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_TEST_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
const gb = (bytes) => (bytes / 1024 ** 3).toFixed(bytes < 1024 ** 3 ? 3 : 1);
const secs = (ms) => (ms / 1000).toFixed(2);
const usd = (v) => (v < 0.01 ? `$${v.toFixed(5)}` : `$${v.toFixed(2)}`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const accountId = (i) => String(100000000000 + i * 7919);
const dayPath = (ms) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');

await main();

/** Compiles what the bench borrows from src/ and test/helpers/ (under ROOT, so node_modules resolves). */
async function loadModules() {
  const out = join(BASE, '.build');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const entries = ['src/engines/athena-sql.ts', 'src/engines/lifecycle.ts', ...(WITH_FAKE ? ['test/helpers/aws-query-fake.ts'] : [])].map((f) => join(ROOT, f));
  const args = [tsc, '--outDir', out, '--rootDir', ROOT, '--noEmit', 'false', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', ...entries];
  const compiled = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (compiled.status !== 0) throw new Error(`tsc failed:\n${compiled.stdout}${compiled.stderr}`);
  const load = (f) => import(pathToFileURL(join(out, f)).href);
  return {
    sql: await load('src/engines/athena-sql.js'),
    lifecycle: await load('src/engines/lifecycle.js'),
    fake: WITH_FAKE ? await load('test/helpers/aws-query-fake.js') : null,
    shim: WITH_FAKE ? await load('test/helpers/trino-shim.js') : null
  };
}

/**
 * Generates (once) `accounts` x `days` account-days plus the first hour of the day after (the partition a query for
 * the window also reads), as an organization trail delivers them: per account and region, objects every
 * 1440/n minutes named by their delivery time, in the folder of their delivery day (the last of a day lands after
 * midnight). Returns the manifest: objects { key, account, region, day (yyyy/MM/dd folder), minute (delivery minute
 * of that day), bytes (gzipped), raw (uncompressed), records, denied }.
 */
async function ensureEngineCorpus(accounts, days) {
  const manifestPath = join(DIR, 'manifest.json');
  const params = { version: CORPUS_VERSION, accounts, days, mb: MB_PER_ACCOUNT_DAY, files: FILES_PER_ACCOUNT_DAY };
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    if (JSON.stringify(manifest.params) === JSON.stringify(params)) return manifest;
  }
  await rm(join(DIR, 'objects'), { recursive: true, force: true });
  const started = Date.now();
  const objects = [];
  const bytesPerFile = (MB_PER_ACCOUNT_DAY * 1024 * 1024) / FILES_PER_ACCOUNT_DAY;
  for (let a = 0; a < accounts; a++) {
    for (let d = 0; d <= days; d++) {
      const dayStart = FIRST_DAY + d * DAY_MS;
      const tail = d === days; // the day after the window: only its first hour has been delivered
      for (const [region, share] of REGIONS) {
        const r = new Rng(1 + a * 100_003 + d * 1009 + region.length * 7 + share * 1000);
        r.account = accountId(a);
        r.region = region;
        const n = Math.max(1, Math.round(FILES_PER_ACCOUNT_DAY * share));
        const spacing = 1440 / n;
        for (let k = 0; k < n; k++) {
          const from = Math.floor(k * spacing);
          const to = Math.floor((k + 1) * spacing); // events in [from, to) minutes of the day
          if (tail && from >= 60) break;
          const delivery = dayStart + (to + 5) * 60_000; // delivered ~5 minutes after its last event
          const lines = [];
          let raw = 12;
          let denied = 0;
          while (raw < bytesPerFile) {
            const minute = from + r.int(to - from);
            const t = new Date(dayStart + minute * 60_000 + r.int(60) * 1000).toISOString().replace('.000Z', 'Z');
            const { record, denied: isDenied } = makeRecord(r, t);
            if (isDenied) denied++;
            const line = JSON.stringify(record);
            raw += line.length + 1;
            lines.push(line);
          }
          const stamp = new Date(delivery).toISOString();
          const day = dayPath(delivery);
          const name = `${r.account}_CloudTrail_${region}_${stamp.slice(0, 10).replace(/-/g, '')}T${stamp.slice(11, 13)}${stamp.slice(14, 16)}Z_${r.alnum(16)}.json.gz`;
          const key = `AWSLogs/${ORG}/${r.account}/CloudTrail/${region}/${day}/${name}`;
          const body = gzipSync(Buffer.from(`{"Records":[${lines.join(',')}]}`));
          const path = join(DIR, 'objects', key);
          await mkdir(join(path, '..'), { recursive: true });
          await writeFile(path, body);
          const minuteOfDay = Math.floor((delivery - Date.parse(`${day.replace(/\//g, '-')}T00:00:00Z`)) / 60_000);
          objects.push({ key, account: r.account, region, day, minute: minuteOfDay, bytes: body.length, raw, records: lines.length, denied });
        }
      }
    }
  }
  const manifest = { params, objects };
  await writeFile(manifestPath, JSON.stringify(manifest));
  console.log(`(generated ${objects.length} objects in ${secs(Date.now() - started)} s under ${DIR})`);
  return manifest;
}

/** The objects a bucket holds for a corpus of `accounts` x `days`: the window's days and the next day's first hour. */
function subset(manifest, { accounts, days }) {
  const wanted = new Set(Array.from({ length: accounts }, (_, i) => accountId(i)));
  const nextDay = dayPath(FIRST_DAY + days * DAY_MS);
  return manifest.objects.filter((o) => wanted.has(o.account) && (o.day < nextDay || (o.day === nextDay && o.minute < 60)));
}

/** Gzipped bytes of the objects in the partitions the Athena query selects (the plan the query itself is built from). */
function athenaEstimate(sql, objects, window) {
  const plan = sql.partitionPlan({
    partitions: { date: 'timestamp', account: 'account_id', region: 'region' },
    selection: { eventSources: [], eventNames: [], errorCodes: [], splunkParity: false, since: window.since, until: window.until },
    accounts: [],
    regions: []
  });
  const read = objects.filter(
    (o) =>
      o.day >= plan.firstDay &&
      o.day <= plan.lastDay &&
      (plan.accounts.length === 0 || plan.accounts.includes(o.account)) &&
      (plan.regions.length === 0 || plan.regions.includes(o.region))
  );
  const partitions = new Set(read.map((o) => `${o.account}/${o.region}/${o.day}`));
  return { plan, bytes: read.reduce((n, o) => n + o.bytes, 0), partitions: partitions.size };
}

async function runOnce(inputs, env) {
  const run = await runDist({ inputs: { 'fail-on-threshold': 'false', ...inputs }, env: { ...credentialsEnv, ...env } });
  if (!run.report) throw new Error(`dist/index.js wrote no report (exit ${run.status}):\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  return { wallMs: run.wallMs, matched: run.report.matched, report: run.report };
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
    console.log('dist/index.js is missing: build it first (npm run bundle).');
    return;
  }
  const modules = await loadModules();
  const maxAccounts = Math.max(...SIZES.map((s) => s.accounts));
  const maxDays = Math.max(...SIZES.map((s) => s.days));
  const manifest = await ensureEngineCorpus(maxAccounts, maxDays);
  const server = await startS3Server({ pageSize: PAGE_SIZE });
  let db = null;
  let fake = null;
  let fakeEndpoint = null;
  if (WITH_FAKE) {
    db = await modules.shim.shimmedConnection();
    fake = new modules.fake.AwsQueryFake(db.connection);
    fakeEndpoint = await fake.start();
  }
  const rows = [];
  try {
    console.log(
      `machine: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n` +
        `corpus: organization trail ${ORG}, ${MB_PER_ACCOUNT_DAY} MB uncompressed and ~${FILES_PER_ACCOUNT_DAY} objects per account-day over ${REGIONS.length} regions; ` +
        `S3 loopback with ${LATENCY_MS} ms per request, ${PAGE_SIZE} keys per page; medians of ${REPEAT} interleaved runs\n`
    );
    for (const size of SIZES) {
      const objects = subset(manifest, size);
      const bucket = `bench-engine-${size.accounts}x${size.days}`;
      server.latencyMs = 0;
      await server.createBucket(bucket);
      for (const o of objects) await server.putObject(bucket, o.key, await readFile(join(DIR, 'objects', o.key)));
      server.latencyMs = LATENCY_MS;
      const window = { since: FIRST_DAY, until: FIRST_DAY + size.days * DAY_MS - 1000 };
      const since = new Date(window.since).toISOString().replace('.000Z', 'Z');
      const until = new Date(window.until).toISOString().replace('.000Z', 'Z');
      const estimate = athenaEstimate(modules.sql, objects, window);
      const table = `security.ct_${size.accounts}x${size.days}`;
      if (WITH_FAKE) {
        const records = [];
        for (const o of objects) records.push(...JSON.parse(gunzipSync(await readFile(join(DIR, 'objects', o.key)))).Records);
        await modules.shim.loadAthenaTable(db.connection, table, records);
        fake.reset({ queuedPolls: 0, runningPolls: 0, dataScannedBytes: estimate.bytes });
      }
      const runner = [];
      const athena = [];
      const matched = { runner: null, athena: null };
      for (let i = 0; i < REPEAT; i++) {
        const r = await runOnce({ source: `s3://${bucket}/`, 's3-endpoint': server.endpoint, since, until }, {});
        runner.push(r.wallMs);
        matched.runner = r.matched;
        if (WITH_FAKE) {
          const q = await runOnce({ engine: 'athena', 'athena-table': table, 'athena-workgroup': 'primary', since, until }, { AWS_ENDPOINT_URL_ATHENA: fakeEndpoint });
          athena.push(q.wallMs);
          matched.athena = q.matched;
        }
      }
      if (WITH_FAKE) await db.connection.run(`DROP TABLE ${table}`);
      const bytes = objects.reduce((n, o) => n + o.bytes, 0);
      const raw = objects.reduce((n, o) => n + o.raw, 0);
      rows.push({
        size,
        objects: objects.length,
        bytes,
        raw,
        records: objects.reduce((n, o) => n + o.records, 0),
        runnerMs: median(runner),
        athenaFakeMs: WITH_FAKE ? median(athena) : null,
        estimate,
        cost: modules.lifecycle.costUsd(estimate.bytes),
        matched
      });
      const row = rows.at(-1);
      console.log(
        `${`${size.accounts}x${size.days}`.padEnd(7)} ${String(size.accounts * size.days).padStart(4)} acct-days  ${String(row.objects).padStart(6)} objects  ` +
          `${mb(row.bytes).padStart(7)} MB gz (${mb(row.raw)} MB raw)  runner ${secs(row.runnerMs).padStart(6)} s  ` +
          `athena scans ${mb(estimate.bytes).padStart(7)} MB in ${estimate.partitions} partitions (${estimate.plan.firstDay}..${estimate.plan.lastDay}) = ${usd(row.cost)}` +
          (WITH_FAKE ? `  athena vs fake ${secs(row.athenaFakeMs).padStart(5)} s` : '') +
          `  matched runner ${matched.runner}${WITH_FAKE ? ` / athena ${matched.athena}${matched.runner === matched.athena ? '' : ' DIFFER'}` : ''}`
      );
    }
  } finally {
    await server.close();
    await fake?.stop();
    db?.close();
  }
  printTable(rows);
}

function printTable(rows) {
  console.log(`\nload average after the runs: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  const head = ['account-days', 'objects', 'gzipped', 'runner wall', 'runner MB/s gz', 'Athena scans', 'Athena cost', ...(WITH_FAKE ? ['Athena vs fake'] : [])];
  const lines = rows.map((r) => [
    `${r.size.accounts * r.size.days} (${r.size.accounts}x${r.size.days})`,
    String(r.objects),
    `${mb(r.bytes)} MB`,
    `${secs(r.runnerMs)} s`,
    (r.bytes / 1024 / 1024 / (r.runnerMs / 1000)).toFixed(1),
    `${mb(r.estimate.bytes)} MB`,
    usd(r.cost),
    ...(WITH_FAKE ? [`${secs(r.athenaFakeMs)} s`] : [])
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(fmt(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
  const big = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const small = rows.reduce((a, b) => (b.bytes < a.bytes ? b : a));
  // Throughput from the difference between the largest and smallest size, so start-up does not count against it.
  const rate = big !== small ? (big.bytes - small.bytes) / ((big.runnerMs - small.runnerMs) / 1000) : big.bytes / (big.runnerMs / 1000);
  const perGb = 1024 ** 3 / rate;
  const objectKb = big.bytes / big.objects / 1024;
  // The runner's floor from request latency alone: one GET per object, `concurrency` (default 8) at a time.
  const latencyFloorS = (big.objects * LATENCY_MS) / 8 / 1000;
  console.log(
    `\nRule of thumb: at ${gb(big.estimate.bytes)} GB gzipped per window (${big.size.accounts * big.size.days} account-days, ${big.objects} objects of ~${objectKb.toFixed(0)} KB), ` +
      `the runner takes ${secs(big.runnerMs)} s on this ${os.cpus().length}-core machine; Athena would scan ${gb(big.estimate.bytes)} GB ≈ ${usd(big.cost)}.\n` +
      `Marginal runner rate ≈ ${(rate / 1024 / 1024).toFixed(1)} MB/s gzipped (~${perGb.toFixed(0)} s per GB; ${LATENCY_MS} ms per request x ${big.objects} objects / 8 concurrent ` +
      `is ${latencyFloorS.toFixed(1)} s of it); Athena charges ≈ ${usd(5 / 1024)} per GB scanned (10 MB minimum per query). ` +
      `Extrapolated: 10 GB gzipped per window ≈ ${(perGb * 10 / 60).toFixed(0)} min on the runner vs ≈ ${usd(50 / 1024)} on Athena; ` +
      `100 GB ≈ ${(perGb * 100 / 3600).toFixed(1)} h vs ≈ ${usd(500 / 1024)}.`
  );
  const mismatched = rows.filter((r) => WITH_FAKE && r.matched.runner !== r.matched.athena);
  console.log(WITH_FAKE ? `same matched events from both engines: ${mismatched.length === 0 ? 'yes' : `NO (${mismatched.map((r) => `${r.size.accounts}x${r.size.days}`).join(', ')})`}` : '');
}
