import { describe, expect, test } from '@jest/globals';
import { inert, inertCode } from '../src/report/escape.js';
import { logSafe } from '../src/report/log.js';

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
