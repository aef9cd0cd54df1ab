// `npm start [-- <path> ...]`: runs the bundled action (dist/index.js) exactly as a runner would, on the sample
// CloudTrail export in __fixtures__/ (or on the paths given), and prints the log, the outputs and where the
// job summary and report are. Needs no install: the bundle is self-contained.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sources = args.length > 0 ? args.map((a) => path.resolve(a)) : [path.join(repo, '__fixtures__', 'sample-export')];
const temp = mkdtempSync(path.join(tmpdir(), 'bedrock-denied-scan-'));
const summaryFile = path.join(temp, 'summary.md');
const outputFile = path.join(temp, 'outputs.txt');
writeFileSync(summaryFile, '');
writeFileSync(outputFile, '');

const env = {
  ...process.env,
  GITHUB_WORKSPACE: process.cwd(),
  RUNNER_TEMP: temp,
  GITHUB_STEP_SUMMARY: summaryFile,
  GITHUB_OUTPUT: outputFile,
  'INPUT_SOURCE': sources.join('\n'),
  // The sample has denied calls on purpose: show the verdict without failing the command.
  'INPUT_FAIL-ON-THRESHOLD': process.env['INPUT_FAIL-ON-THRESHOLD'] ?? 'false',
  'INPUT_UPLOAD-ARTIFACT': 'false',
  'INPUT_COMMENT-ON-PR': 'false'
};
const run = spawnSync(process.execPath, [path.join(repo, 'dist', 'index.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });

// GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks.
const outputs = {};
const lines = readFileSync(outputFile, 'utf8').split('\n');
for (let i = 0; i < lines.length; i++) {
  const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
  if (!m) continue;
  const value = [];
  for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]);
  outputs[m[1]] = value.join('\n');
}
console.log('\nOutputs:');
for (const [name, value] of Object.entries(outputs)) console.log(`  ${name.padEnd(20)} ${value}`);
console.log(`\nJob summary (HTML/Markdown): ${summaryFile}`);
console.log(`Exit code: ${run.status}${run.status === 1 ? ' (threshold exceeded)' : run.status === 2 ? ' (incomplete scan or configuration error)' : ''}`);
process.exitCode = run.status ?? 1;
