import { describe, expect, test } from '@jest/globals';
import { foldCase, matchingRule, parseSuppressionRules, WildcardPattern } from '../src/detection/suppress.js';
import type { CimFields } from '../src/detection/types.js';

const matches = (pattern: string, value: string): boolean => new WildcardPattern(pattern).test(value);

/** The previous implementation, a backtracking RegExp: the reference for the semantics (on small inputs only). */
function regexMatches(pattern: string, value: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*');
  return new RegExp(`^${escaped}$`, 'i').test(value);
}

describe('wildcard semantics: whole value, case-insensitive, * matches any run', () => {
  test.each([
    // [pattern, value, expected]
    ['', '', true],
    ['', 'a', false],
    ['*', '', true],
    ['*', 'anything at all\n', true],
    ['**', '', true],
    ['abc', 'abc', true],
    ['abc', 'ABC', true],
    ['abc', 'abcd', false],
    ['abc', 'xabc', false],
    ['abc*', 'abc', true],
    ['abc*', 'ABCdef', true],
    ['abc*', 'xabc', false],
    ['*abc', 'xxABC', true],
    ['*abc', 'abcx', false],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbcd', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbXc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false], // prefix and suffix may not overlap
    ['ab*ba', 'abba', true],
    ['*a*a*', 'a', false],
    ['*a*a*', 'aa', true],
    ['*md/command#*md/command#*bedrock*', 'aws-cli md/command#x md/command#y invoke-BEDROCK-runtime', true],
    ['*md/command#*md/command#*bedrock*', 'aws-cli md/command#x bedrock md/command#y', false],
    ['10.0.*', '10.0.3.4', true],
    ['10.0.*', '10x0.3.4', false], // '.' is literal
    ['a+b?(c)|[d]^$\\', 'A+B?(C)|[D]^$\\', true], // regex punctuation is literal
    ['user\nname', 'USER\nNAME', true],
    ['ÉCOLE-*', 'école-1', true], // non-ASCII letters fold
    ['straße', 'STRASSE', false], // ß has no one-unit upper case: not folded (as the RegExp did)
    ['ſ', 's', false], // long s never matches ASCII s (as the RegExp did)
    ['k', '\u212A', false], // nor does the Kelvin sign match k
    ['\u{10428}*', '\u{10400}x', false], // astral letters are not folded without the u flag (as the RegExp did)
    ['\u{1F600}*', '\u{1F600} smile', true],
    ['*\uD83D', 'x\uD83D', true] // lone surrogates compare as units
  ])('%j vs %j → %s', (pattern, value, expected) => {
    expect(matches(pattern, value)).toBe(expected);
    expect(regexMatches(pattern, value)).toBe(expected);
  });

  test('the same answer as the previous RegExp on 20,000 seeded random patterns and values', () => {
    const alphabet = ['a', 'A', 'b', 'B', '*', '*', '.', 'ß', 'S', 's', 'ſ', 'k', 'K', '\u212A', 'é', 'É', 'ı', 'I', 'i', 'İ', '\uD801', '\uDC28', '\n', '#', '/'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (max: number, stars: boolean): string => {
      let s = '';
      const length = next(max + 1);
      while (s.length < length) {
        const c = alphabet[next(alphabet.length)]!;
        if (c !== '*' || stars) s += c;
      }
      return s;
    };
    let agreed = 0;
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const pattern = word(6, true);
      const value = word(8, false);
      const expected = regexMatches(pattern, value);
      if (matches(pattern, value) === expected) agreed++;
      if (expected) matched++;
    }
    expect(agreed).toBe(20_000);
    expect(matched).toBe(582); // the seeded sample exercises matches, not only misses
  });

  test('case folding equals the RegExp i flag for every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      const c = String.fromCharCode(unit);
      const candidates = new Set([c.toUpperCase(), c.toLowerCase(), foldCase(c)].filter((x) => x.length === 1));
      for (const other of candidates) {
        const escaped = c.replace(/[.+?^${}()|[\]\\*/]/g, '\\$&');
        if (new RegExp(`^${escaped}$`, 'i').test(other) !== (foldCase(c) === foldCase(other))) differ.push(unit);
      }
    }
    expect(differ).toEqual([]);
  });
});

describe('long values', () => {
  // The case: four stars against a 36 KB user agent took a minute or more with the RegExp (cubic). The time is
  // measured by `npm run bench:suppress`; here only the answers are checked.
  const userAgent = 'aws-cli/2.15.30 ' + 'md/command#'.repeat(3300) + 'bedroc';
  const rule = parseSuppressionRules('user_agent=*md/command#*md/command#*bedrock*')[0]!;
  const fields = (ua: string): CimFields => ({
    src: '203.0.113.1',
    user: 'ci',
    user_agent: ua,
    vendor_account: '111122223333',
    vendor_product: 'AWS CloudTrail',
    dest: 'bedrock.amazonaws.com',
    signature: 'InvokeModel',
    vendor_region: 'us-east-1',
    result: null,
    result_id: 'AccessDenied'
  });

  test('the pathological rule answers correctly on a 36 KB user agent', () => {
    expect(userAgent.length).toBeGreaterThan(36_000);
    expect(matchingRule([rule], fields(userAgent), null)).toBeUndefined();
    expect(matchingRule([rule], fields(userAgent + ' BEDROCK'), null)).toBe(rule);
    expect(matchingRule([rule], fields('md/command#' + userAgent.replace(/md\/command#/g, 'md/c#') + ' bedrock'), null)).toBeUndefined();
  });

  test('non-ASCII long values fold too', () => {
    expect(matches('*ÉCOLE*fin', 'é'.repeat(40_000) + 'école' + 'x'.repeat(40_000) + 'FIN')).toBe(true);
    expect(matches('*ÉCOLE*fin', 'é'.repeat(40_000) + 'ecole' + 'x'.repeat(40_000) + 'FIN')).toBe(false);
  });
});

describe('rules keep their text and an equivalent regular expression source for display', () => {
  test('pattern text and source', () => {
    const [rule] = parseSuppressionRules('user_agent="aws-cli/2.* md/command#bedrock*"');
    expect(rule!.conditions.map((c) => [c.field, c.pattern.text, c.pattern.source])).toEqual([
      ['user_agent', 'aws-cli/2.* md/command#bedrock*', '^aws-cli\\/2\\.[\\s\\S]* md\\/command#bedrock[\\s\\S]*$']
    ]);
    expect(rule!.conditions[0]!.pattern).not.toBeInstanceOf(RegExp);
  });
});
