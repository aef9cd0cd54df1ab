// Runs the committed bundle, `node dist/index.js`, as a GitHub runner does: inputs as INPUT_<NAME> variables
// (hyphens kept), the job summary and outputs in files, RUNNER_TEMP in a temp folder. Shared by `npm start`
// and the benchmarks. Asynchronous, so servers living in the caller's event loop (the loopback S3 server) keep answering.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` blocks). */
export function parseOutputFile(text) {
  const outputs = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const value = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
    outputs[m[1]] = value.join('\n');
  }
  return outputs;
}

/**
 * @param {object} options
 * @param {Record<string,string>} options.inputs action inputs by their action.yml names
 * @param {Record<string,string>} [options.env] extra environment (the caller's environment is not passed on unless `inheritEnv`)
 * @param {boolean} [options.inheritEnv] pass the caller's environment through
 * @param {boolean} [options.showOutput] stream the action's log to this terminal instead of capturing it
 * @param {boolean} [options.measureRss] wrap in /usr/bin/time to read the peak RSS and CPU time, where it exists
 * @param {boolean} [options.keepFiles] keep the temp folder (summary, outputs, report)
 */
export function runDist({ inputs, env = {}, inheritEnv = false, showOutput = false, measureRss = false, keepFiles = false }) {
  const temp = mkdtempSync(join(tmpdir(), 'bedrock-denied-scan-'));
  const summaryFile = join(temp, 'summary.md');
  const outputFile = join(temp, 'outputs.txt');
  const reportPath = join(temp, 'report.json');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const inputEnv = { 'INPUT_REPORT-PATH': reportPath };
  for (const [name, value] of Object.entries(inputs)) inputEnv[`INPUT_${name.toUpperCase()}`] = value;
  const childEnv = {
    ...(inheritEnv ? process.env : { PATH: process.env.PATH, HOME: process.env.HOME }),
    GITHUB_WORKSPACE: process.cwd(),
    RUNNER_TEMP: temp,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...inputEnv,
    ...env
  };
  const timeBin = measureRss && existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const script = join(ROOT, 'dist', 'index.js');
  const [cmd, args] = timeBin ? [timeBin, ['-f', 'RUN_DIST_MAXRSS_KB=%M RUN_DIST_CPU_S=%U+%S', process.execPath, script]] : [process.execPath, [script]];

  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: childEnv, stdio: ['ignore', showOutput ? 'inherit' : 'pipe', showOutput && !timeBin ? 'inherit' : 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout = (stdout + d).slice(-100_000)));
    child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-100_000)));
    child.on('error', reject);
    child.on('close', (status) => {
      const wallMs = performance.now() - started;
      const rss = /RUN_DIST_MAXRSS_KB=(\d+)/.exec(stderr);
      const cpu = /RUN_DIST_CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      let report = null;
      try {
        report = JSON.parse(readFileSync(reportPath, 'utf8'));
      } catch {
        // no report: a configuration error; the caller sees status and stdout
      }
      const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
      if (!keepFiles) rmSync(temp, { recursive: true, force: true });
      resolvePromise({
        status,
        stdout,
        stderr,
        wallMs,
        report,
        outputs,
        summaryFile,
        reportPath,
        peakRssBytes: rss ? Number(rss[1]) * 1024 : report?.scan?.peakRssBytes,
        rssFrom: rss ? '/usr/bin/time %M' : 'report scan.peakRssBytes',
        // User + system CPU time of the whole process (all threads), with measureRss where /usr/bin/time exists.
        cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined
      });
    });
  });
}
