// `npm start [-- <path> ...]`: runs the bundled action (dist/index.js) exactly as a runner would, on the sample
// CloudTrail export in __fixtures__/ (or on the paths given), and prints the log, the outputs and where the
// job summary and report are. Needs no install: the bundle is self-contained.
import path from 'node:path';
import { ROOT, runDist } from './run-dist.mjs';

const args = process.argv.slice(2);
// s3://, https:// and artifact: sources pass through untouched; paths (and !exclusions) are made absolute.
const isUrl = (a) => /^[a-z][a-z0-9+.-]*:/i.test(a) && !/^[a-z]:[\\/]/i.test(a);
const absolute = (a) => (a.startsWith('!') ? `!${path.resolve(a.slice(1))}` : isUrl(a) ? a : path.resolve(a));
const sources = args.length > 0 ? args.map(absolute) : [path.join(ROOT, '__fixtures__', 'sample-export')];

const run = await runDist({
  inputs: {
    source: sources.join('\n'),
    // The sample has denied calls on purpose: show the verdict without failing the command.
    'fail-on-threshold': process.env['INPUT_FAIL-ON-THRESHOLD'] ?? 'false',
    'upload-artifact': 'false',
    'comment-on-pr': 'false'
  },
  inheritEnv: true,
  showOutput: true,
  keepFiles: true
});

console.log('\nOutputs:');
for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name.padEnd(20)} ${value}`);
console.log(`\nJob summary (HTML/Markdown): ${run.summaryFile}`);
console.log(`Exit code: ${run.status}${run.status === 1 ? ' (threshold exceeded)' : run.status === 2 ? ' (incomplete scan or configuration error)' : ''}`);
process.exitCode = run.status ?? 1;
