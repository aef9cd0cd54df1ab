import { describe, expect, test } from '@jest/globals';
import { inert, inertCode } from '../src/report/escape.js';
import { logSafe, neutraliseWorkflowCommands, renderLog } from '../src/report/log.js';
import { finding, scanReport } from './helpers/report.js';

/** The text a browser shows for `<code>…</code>`: entities decoded (the only markup inertCode writes is the element). */
function codeTextContent(html: string): string {
  const m = /^<code>([^<]*)<\/code>$/.exec(html);
  if (!m) throw new Error(`not a bare code element: ${html}`);
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
  return m[1]!.replace(/&(#\d+|amp|lt|gt|quot);/g, (_, e: string) => (e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : named[e]!));
}

/** A line the runner would read as a workflow command: `::` after leading whitespace, or `##[` anywhere. */
const commandLine = (line: string): boolean => /^\s*::/.test(line) || line.includes('##[');

const HOSTILE = '<img src=x onerror=alert(1)> | @org/team [x](https://evil.example)\n| injected | row |';

describe('inert', () => {
  test('the issue\'s hostile user agent renders as text', () => {
    const out = inert(HOSTILE);
    expect(out).toBe(
      '&lt;img src=x onerror=alert&#40;1&#41;&gt; &#124; @\u200Borg/team &#91;x&#93;&#40;https:\u200B//evil.example&#41;\\n&#124; injected &#124; row &#124;'
        .replace('\\n', '&#92;n')
    );
    expect(out).not.toMatch(/[<>|\n[\]()]/);
    expect(out).not.toMatch(/@[A-Za-z]/);
    expect(out).not.toContain('://');
  });

  test('markdown emphasis, code, images and autolinks are neutralised', () => {
    expect(inert('![a](b) `c` *d* _e_ ~f~ #g www.evil.example x@y.z')).toBe(
      '&#33;&#91;a&#93;&#40;b&#41; &#96;c&#96; &#42;d&#42; &#95;e&#95; &#126;f&#126; &#35;g www\u200B.evil.example x@\u200By.z'
    );
  });

  test('control characters become visible, long values are cut', () => {
    expect(inert('a\r\nb\u0000c\u2028')).toBe('a&#92;r&#92;nb&#92;u0000c&#92;u2028');
    expect(inert('x'.repeat(400), 10)).toBe('xxxxxxxxxx…');
    expect(inert(null)).toBe('—');
    expect(inertCode('</code><b>')).toBe('<code>&lt;/code&gt;&lt;b&gt;</code>');
    expect(inertCode(undefined)).toBe('<em>none</em>');
  });

  test('log text cannot start a workflow command on a new line', () => {
    expect(logSafe('ua\n::add-mask::x\r::error::y')).toBe('ua\\u000a::add-mask::x\\u000d::error::y');
  });
});

describe('inert: references, bidi controls and cuts', () => {
  test('issue references cannot form, so log data cannot cross-reference other issues', () => {
    expect(inert('see #12 and octo/repo#3, GH-7, gh-8 but #g stays')).toBe(
      'see &#35;\u200B12 and octo/repo&#35;\u200B3, GH-\u200B7, gh-\u200B8 but &#35;g stays'
    );
  });

  test('bidi controls become visible escapes', () => {
    expect(inert('evil\u202Enimda\u2066x\u2069\u200F')).toBe('evil&#92;u202enimda&#92;u2066x&#92;u2069&#92;u200f');
  });

  test('a cut never splits a surrogate pair', () => {
    expect(inert('ab\u{1F600}cd', 3)).toBe('ab…');
    expect(inert('ab\u{1F600}cd', 4)).toBe('ab\u{1F600}…');
  });
});

describe('zero-width and other invisible characters are shown, never passed raw', () => {
  const ZW = 'a\u200Bb\u200Cc\u200Dd\u2060e\uFEFFf';

  test('inert and inertCode', () => {
    expect(inert(ZW)).toBe('a&#92;u200bb&#92;u200cc&#92;u200dd&#92;u2060e&#92;ufeff f'.replace(' ', ''));
    expect(inertCode(ZW)).toBe('<code>a&#92;u200bb&#92;u200cc&#92;u200dd&#92;u2060e&#92;ufefff</code>');
    // Tag characters (invisible ASCII look-alikes), variation selectors, soft hyphen, non-ASCII spaces.
    expect(inertCode('x\u{E0041}\u{E0042}y\uFE0Fz\u00ADw\u00A0v\u3000u')).toBe('<code>x&#92;u&#123;e0041&#125;&#92;u&#123;e0042&#125;y&#92;ufe0fz&#92;u00adw&#92;u00a0v&#92;u3000u</code>');
    // Lone surrogates are shown too; a pair is a character and kept.
    expect(inertCode('\uD800x\u{1F600}')).toBe('<code>&#92;ud800x\u{1F600}</code>');
  });

  test('logSafe', () => {
    expect(logSafe(ZW)).toBe('a\\u200bb\\u200cc\\u200dd\\u2060e\\ufefff');
    expect(logSafe('tab\there\u00A0nbsp\u2028')).toBe('tab\\u0009here\\u00a0nbsp\\u2028');
  });
});

describe('inside <code> the text copies back exactly', () => {
  const values = [
    '@org/team',
    '#123',
    'https://x',
    'owner/repo#1',
    'GH-12 and gh-3',
    'www.example.com',
    'user@example.com',
    'mailto:a@b.c',
    'a|b',
    '*x* _y_ [l](u) `c` ~z~ !w $v {u} \\t',
    '<b>x</b> & "q" \'s\'',
    'aws-cli/2.15.30 md/command#bedrock-runtime.invoke-model ua/2.0 https://github.com/octo/repo#12 @octocat'
  ];

  test.each(values)('%s', (value) => {
    const html = inertCode(value);
    expect(codeTextContent(html)).toBe(value);
    // Still nothing a Markdown paragraph or table could act on: no raw markup, pipe, mention or autolink start.
    const inner = html.slice('<code>'.length, -'</code>'.length);
    expect(inner).not.toMatch(/[<>|@*_[\]`\\\n\u200B]/);
    expect(inner).not.toMatch(/:\/\/|www\.|GH-\d|(?<!&)#\d/i);
  });

  test('a cut value ends with an ellipsis and never splits an escape', () => {
    expect(inertCode('@abcdef', 3)).toBe('<code>&#64;ab…</code>');
  });
});

describe('workflow commands cannot come from logged values', () => {
  test('logSafe neutralises :: at the start of a value and #[ anywhere, visibly and unambiguously', () => {
    expect(logSafe('::add-mask::secret')).toBe('\\u003a:add-mask::secret');
    expect(logSafe('  ::error::x')).toBe('  \\u003a:error::x');
    expect(logSafe('##[error]pwned')).toBe('#\\u0023[error]pwned');
    expect(logSafe('a ##[group]b #[c')).toBe('a #\\u0023[group]b \\u0023[c');
    expect(logSafe('\u200B::x')).toBe('\\u200b::x'); // the runner does not trim U+200B, and it is now visible anyway
    expect(logSafe('model::id')).toBe('model::id');
    // A backslash is doubled, so a literal "\u003a" in a value cannot pass for a neutralised colon.
    expect(logSafe('\\u003a:x')).toBe('\\\\u003a:x');
    expect(logSafe('C:\\temp')).toBe('C:\\\\temp');
  });

  test('logSafe cuts between escapes, never inside one', () => {
    expect(logSafe('ab\u200Bcdef', 6)).toBe('ab…');
    expect(logSafe('ab\u200Bcdef', 9)).toBe('ab\\u200b…');
    expect(logSafe('ab\u200Bcdef', 10)).toBe('ab\\u200bc…');
    expect(logSafe('abc', 3)).toBe('abc');
  });

  test('a last pass over printed text leaves safe text alone and neutralises any line that is not', () => {
    expect(neutraliseWorkflowCommands('ok\n  ::error::x\r::add-mask::y\n\t\u00A0::warning::z\na ##[error]b')).toBe(
      'ok\n  \\u003a:error::x\n\\u003a:add-mask::y\n\t\u00A0\\u003a:warning::z\na #\\u0023[error]b'
    );
    const safe = 'Scanned 1 files.\n  user  denied\n  \\u003a:x  1';
    expect(neutraliseWorkflowCommands(safe)).toBe(safe);
  });

  test('renderLog: no line starts a workflow command, whatever the users, models and source IPs', () => {
    const hostile = [
      finding({ user: '::add-mask::secret', modelIds: ['##[error]pwned'], count: 5 }),
      finding({ user: '  ::error::x', src: '::warning::y', count: 4 }),
      finding({ user: 'zero\u200Bwidth\uFEFF', count: 3 }),
      finding({ user: '##[add-mask]z', modelIds: ['m\n::error::nl'], count: 2 })
    ];
    const log = renderLog(scanReport(hostile));
    for (const line of log.split('\n')) expect(commandLine(line)).toBe(false);
    expect(log.split('\n').slice(3)).toEqual([
      'Denied Bedrock invocations by user:',
      '  user                     denied  first seen           last seen            models                                   source IPs',
      '  \\u003a:add-mask::secret  5       2024-04-09T01:02:03  2024-04-09T01:09:44  #\\u0023[error]pwned                      198.51.100.23',
      '    \\u003a:error::x        4       2024-04-09T01:02:03  2024-04-09T01:09:44  anthropic.claude-3-sonnet-20240229-v1:0  \\u003a:warning::y',
      '  zero\\u200bwidth\\ufeff    3       2024-04-09T01:02:03  2024-04-09T01:09:44  anthropic.claude-3-sonnet-20240229-v1:0  198.51.100.23',
      '  #\\u0023[add-mask]z       2       2024-04-09T01:02:03  2024-04-09T01:09:44  m\\u000a::error::nl                       198.51.100.23'
    ]);
  });
});
