// `npm run bench:suppress`: how long `suppress` wildcard rules take on long, hostile values.
// A report, not a test: it prints PASS/MISS against generous bounds and always exits 0.
//
// The issue's case: `user_agent=*md/command#*md/command#*bedrock*` against a 36 KB user agent made of
// `md/command#` repeated. The previous implementation (a backtracking RegExp built from the wildcard) is cubic
// here; it is timed on growing sizes and, in a child process stopped after BENCH_OLD_TIMEOUT_S seconds
// (default 20), on the full 36 KB value.
//
//   BENCH_REPEAT=5          runs per timing (the fastest is kept)
//   BENCH_OLD_TIMEOUT_S=20  cap for the previous implementation on the 36 KB value (0 skips it)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT) || 5);
const OLD_TIMEOUT_S = process.env.BENCH_OLD_TIMEOUT_S === undefined ? 20 : Number(process.env.BENCH_OLD_TIMEOUT_S);
/** Generous: the new matcher takes well under a millisecond per value on the development machine. */
const BOUND_MS = 50;

/** src/detection/suppress.ts (and the one module it imports at run time), transpiled to a temp folder. */
async function loadSuppress() {
  const out = mkdtempSync(join(tmpdir(), 'bench-suppress-'));
  for (const file of ['detection/suppress.ts', 'errors.ts']) {
    const source = readFileSync(join(ROOT, 'src', file), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const target = join(out, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, 'package.json'), '{"type":"module"}');
  return import(pathToFileURL(join(out, 'detection', 'suppress.js')).href);
}

/** The previous implementation, verbatim. */
function oldRegex(value) {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*');
  return new RegExp(`^${escaped}$`, 'i');
}

function fastest(fn) {
  let best = Infinity;
  let value;
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - started);
  }
  return { ms: best, value };
}

const ms = (t) => (t < 1 ? t.toFixed(3) : t.toFixed(1)) + ' ms';
const kb = (s) => (s.length / 1000).toFixed(1) + ' KB';
const verdict = (ok) => (ok ? 'PASS' : 'MISS');

const ISSUE_RULE = '*md/command#*md/command#*bedrock*';
const issueValue = (bytes) => 'md/command#'.repeat(Math.ceil(bytes / 11)) + 'bedroc';

const { WildcardPattern } = await loadSuppress();
console.log(`machine: node ${process.version}; best of ${REPEAT} runs; bound ${BOUND_MS} ms per value\n`);

const cases = [
  ['the issue: 4 stars, 36 KB of md/command#, no match', ISSUE_RULE, issueValue(36_000), false],
  ['the issue: same, matching (bedrock at the end)', ISSUE_RULE, issueValue(36_000) + 'k', true],
  ['6 stars, 36 KB of "a", last piece missing', '*a*a*a*a*a*b', 'a'.repeat(36_000), false],
  ['a 1,000-char piece that almost matches everywhere', `*${'a'.repeat(999)}b*`, 'a'.repeat(36_000), false],
  ['no star, 36 KB, case-folded equality', 'x'.repeat(36_000), 'X'.repeat(36_000), true],
  ['non-ASCII, 80 KB, two stars', '*ÉCOLE*fin', 'é'.repeat(40_000) + 'école' + 'x'.repeat(40_000) + 'FIN', true],
  ['typical rule on a typical user agent', 'aws-cli/2.* md/command#bedrock*', 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/bedrock-runtime.invoke-model', false]
];
let allPass = true;
for (const [name, pattern, value, expected] of cases) {
  const p = new WildcardPattern(pattern);
  const { ms: t, value: got } = fastest(() => p.test(value));
  const ok = got === expected && t <= BOUND_MS;
  allPass &&= ok;
  console.log(`  ${verdict(ok)}  ${ms(t).padStart(10)}  ${kb(value).padStart(8)}  ${name}${got === expected ? '' : ` (WRONG ANSWER: ${got})`}`);
}

// Throughput on ordinary values: a million typical user agents against a typical rule.
{
  const p = new WildcardPattern('aws-cli/2.* md/command#bedrock*');
  const ua = 'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off md/command#bedrock-runtime.invoke-model';
  const { ms: t } = fastest(() => {
    let n = 0;
    for (let i = 0; i < 1_000_000; i++) if (p.test(ua)) n++;
    return n;
  });
  console.log(`\n  1,000,000 typical user agents: ${ms(t)} (${t.toFixed(0)} ns each)`);
}

console.log('\nthe previous implementation (backtracking RegExp) on the issue\'s rule, for comparison:');
for (const bytes of [1_000, 2_000, 4_000, 8_000]) {
  const value = issueValue(bytes);
  const { ms: t } = fastest(() => oldRegex(ISSUE_RULE).test(value));
  const { ms: tNew } = fastest(() => new WildcardPattern(ISSUE_RULE).test(value));
  console.log(`  ${kb(value).padStart(8)}: RegExp ${ms(t).padStart(10)}   new ${ms(tNew)}`);
}
if (OLD_TIMEOUT_S > 0) {
  const code = `const v='md/command#'.repeat(${Math.ceil(36_000 / 11)})+'bedroc';const r=new RegExp(${JSON.stringify(oldRegex(ISSUE_RULE).source)},'i');const t=performance.now();r.test(v);console.log(performance.now()-t)`;
  const child = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: OLD_TIMEOUT_S * 1000 });
  const took = child.status === 0 ? ms(Number(child.stdout)) : `> ${OLD_TIMEOUT_S} s (stopped)`;
  console.log(`  ${kb(issueValue(36_000)).padStart(8)}: RegExp ${took.padStart(10)}   new: see the first line above`);
}
console.log(`\n${allPass ? 'PASS' : 'MISS'}: every case answered correctly within ${BOUND_MS} ms`);
