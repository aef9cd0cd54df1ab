import { BlockList, isIP } from 'node:net';
import { ConfigError } from '../errors.js';
import { denyReasonOf } from './deny-reason.js';
import type { CimFields } from './types.js';

/** Fields a suppression rule may test: the Splunk by-fields, the model id and the deny reason. */
export const SUPPRESSIBLE_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'dest', 'signature', 'vendor_region', 'result', 'result_id', 'modelId', 'deny_reason'] as const;
export type SuppressibleField = (typeof SUPPRESSIBLE_FIELDS)[number];

/** How a condition's value is matched: a Splunk-style wildcard, or (for `src`) a CIDR block. */
export interface ValuePattern {
  /** The value as written. */
  readonly text: string;
  /** For display and tests. */
  readonly source: string;
  test(value: string): boolean;
}

/** Who owns a rule from `suppressions-file`, why it exists and until when. */
export interface RuleOwnership {
  reason: string;
  owner: string;
  /** `YYYY-MM-DD`, the last day the rule suppresses; null when it does not expire. */
  expires: string | null;
  /** The expiry day has passed: the rule no longer suppresses. */
  expired: boolean;
  /** `file:line` where the rule starts. */
  location: string;
}

/** One `suppress` line or `suppressions-file` entry: every condition must hold (`user=ci-bot src=10.0.*`). */
export interface SuppressionRule {
  /** The line as written (for a file rule, its conditions as `field=value`), for the report. */
  text: string;
  conditions: { field: SuppressibleField; pattern: ValuePattern }[];
  /** Set for rules from `suppressions-file`. */
  ownership?: RuleOwnership;
}

/**
 * Case folding exactly as a RegExp with the `i` flag and no `u` flag (the ECMAScript Canonicalize operation):
 * each UTF-16 code unit maps to its upper case when that is a single code unit, and a non-ASCII unit never
 * maps to an ASCII one (so `ß`, `ſ` and the Kelvin sign stay themselves). Filled in lazily.
 */
const CANONICAL = new Int32Array(0x10000).fill(-1);

function canonical(unit: number): number {
  let c = CANONICAL[unit]!;
  if (c < 0) {
    const upper = String.fromCharCode(unit).toUpperCase();
    c = upper.length === 1 && !(unit >= 128 && upper.charCodeAt(0) < 128) ? upper.charCodeAt(0) : unit;
    CANONICAL[unit] = c;
  }
  return c;
}

/** The string with every code unit canonicalised: two strings are equal case-insensitively iff their folds are. */
export function foldCase(value: string): string {
  // ASCII: toUpperCase is the same per-unit mapping, and fast.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value.toUpperCase();
  const units = new Array<number>(value.length);
  for (let i = 0; i < value.length; i++) units[i] = canonical(value.charCodeAt(i));
  let out = '';
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.slice(i, i + 8192));
  return out;
}

/**
 * A Splunk-style value match: the whole value, case-insensitive, `*` matching any run of characters (none
 * included); every other character is literal. Matching takes linear time in practice and O(length of value ×
 * length of pattern) at worst, never exponential: the value is case-folded once, the text before the first `*`
 * must be a prefix and the text after the last `*` a suffix, and each piece between stars is found at its
 * leftmost place after the previous one (leftmost is always safe: it leaves the most room for the rest).
 * A backtracking regular expression took a minute on one 36 KB user agent with four stars.
 */
export class WildcardPattern implements ValuePattern {
  /** The pattern as written (after unquoting). */
  readonly text: string;
  /** An equivalent regular expression's source, for display and tests only: never executed. */
  readonly source: string;
  /** The case-folded pieces between the stars (one piece when there is no star). */
  private readonly pieces: string[];

  constructor(text: string) {
    this.text = text;
    this.source = new RegExp(`^${text.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*')}$`, 'i').source;
    this.pieces = text.split('*').map(foldCase);
  }

  test(value: string): boolean {
    const v = foldCase(value);
    const pieces = this.pieces;
    const first = pieces[0]!;
    if (pieces.length === 1) return v === first;
    const last = pieces[pieces.length - 1]!;
    if (v.length < first.length + last.length || !v.startsWith(first) || !v.endsWith(last)) return false;
    const end = v.length - last.length;
    let at = first.length;
    for (let k = 1; k < pieces.length - 1; k++) {
      const piece = pieces[k]!;
      if (piece === '') continue;
      const found = v.indexOf(piece, at);
      if (found < 0 || found + piece.length > end) return false;
      at = found + piece.length;
    }
    return true;
  }
}

/**
 * Parses the `suppress` input: one rule per line, each `field=value` conditions separated by spaces, values
 * with spaces in double quotes (`user_agent="aws-cli/2.* md/command#bedrock*"`). Lines starting with `#` are comments.
 */
export function parseSuppressionRules(input: string): SuppressionRule[] {
  const rules: SuppressionRule[] = [];
  for (const raw of input.split('\n')) {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) continue;
    const conditions: SuppressionRule['conditions'] = [];
    const token = /([A-Za-z_]+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))\s*/y;
    let at = 0;
    while (at < text.length) {
      token.lastIndex = at;
      const m = token.exec(text);
      if (!m) throw new ConfigError(`Input 'suppress': cannot read '${text}' at '${text.slice(at)}'; write field=value pairs, e.g. user=ci-bot src=10.0.*`);
      const field = m[1] as SuppressibleField;
      if (!SUPPRESSIBLE_FIELDS.includes(field)) {
        throw new ConfigError(`Input 'suppress': unknown field '${m[1]}' in '${text}'; use one of ${SUPPRESSIBLE_FIELDS.join(', ')}`);
      }
      const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
      conditions.push({ field, pattern: new WildcardPattern(value) });
      at = token.lastIndex;
    }
    rules.push({ text, conditions });
  }
  return rules;
}

/** The first rule that matches the event, or undefined. A missing field never matches (as in Splunk); expired rules never match. */
export function matchingRule(rules: readonly SuppressionRule[], fields: CimFields, modelId: string | null): SuppressionRule | undefined {
  let reason: string | undefined;
  return rules.find(
    (rule) =>
      rule.ownership?.expired !== true &&
      rule.conditions.every(({ field, pattern }) => {
        const value = field === 'modelId' ? modelId : field === 'deny_reason' ? (reason ??= denyReasonOf(fields.result)) : fields[field];
        return value !== null && pattern.test(value);
      })
  );
}

/** A CIDR block (`10.20.0.0/16`, `2001:db8::/32`) that `src` must fall in; a `src` that is not an IP address never matches. */
export class CidrPattern implements ValuePattern {
  readonly source: string;
  private readonly list = new BlockList();
  private readonly family: 'ipv4' | 'ipv6';

  constructor(readonly text: string) {
    const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
    const version = m ? isIP(m[1]!) : 0;
    const prefix = m ? Number(m[2]) : -1;
    if (!m || version === 0 || prefix > (version === 4 ? 32 : 128)) throw new Error(`'${text}' is not a CIDR block (e.g. 10.20.0.0/16)`);
    this.family = version === 4 ? 'ipv4' : 'ipv6';
    this.list.addSubnet(m[1]!, prefix, this.family);
    this.source = `cidr:${text.trim()}`;
  }

  /** Whether `text` is written as a CIDR block (an address, a slash and a prefix length). */
  static looksLike(text: string): boolean {
    return /^[0-9A-Fa-f:.]+\/\d{1,3}$/.test(text.trim());
  }

  test(value: string): boolean {
    const version = isIP(value);
    if (version === 0) return false;
    if (version === 4 && this.family === 'ipv4') return this.list.check(value, 'ipv4');
    if (version === 6 && this.family === 'ipv6') return this.list.check(value, 'ipv6');
    return false;
  }
}

/** The pattern a file rule's value makes: a CIDR block for `src` when written as one, else a wildcard. */
export function patternFor(field: SuppressibleField, value: string): ValuePattern {
  return field === 'src' && CidrPattern.looksLike(value) ? new CidrPattern(value) : new WildcardPattern(value);
}

/** A rule as plain data (structured-cloneable), to rebuild it in a worker thread with `ruleFromPlain`. */
export interface PlainRule {
  text: string;
  conditions: { field: SuppressibleField; kind: 'wildcard' | 'cidr'; value: string }[];
  ownership?: RuleOwnership;
}

export function ruleToPlain(rule: SuppressionRule): PlainRule {
  return {
    text: rule.text,
    conditions: rule.conditions.map(({ field, pattern }) => ({ field, kind: pattern instanceof CidrPattern ? 'cidr' : 'wildcard', value: pattern.text })),
    ...(rule.ownership ? { ownership: rule.ownership } : {})
  };
}

export function ruleFromPlain(plain: PlainRule): SuppressionRule {
  return {
    text: plain.text,
    conditions: plain.conditions.map(({ field, kind, value }) => ({ field, pattern: kind === 'cidr' ? new CidrPattern(value) : new WildcardPattern(value) })),
    ...(plain.ownership ? { ownership: plain.ownership } : {})
  };
}
