/**
 * The `suppressions-file` input: a YAML file of owned, reasoned, expiring suppression rules, reviewed like code.
 *
 * ```yaml
 * suppressions:
 *   - match: { user: ci-deployer, src: 10.20.0.0/16 }   # all conditions must hold
 *     reason: deploy pipeline probes model access after each rollout
 *     owner: platform-team
 *     expires: 2027-03-31                               # optional: last day it suppresses
 * ```
 * Pure: parses text into rules (no I/O), so it is tested on strings. Every error names the file and line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { ConfigError } from '../errors.js';
import { DENY_REASONS } from './deny-reason.js';
import { patternFor, SUPPRESSIBLE_FIELDS, type SuppressibleField, type SuppressionRule } from './suppress.js';

const RULE_KEYS = ['match', 'reason', 'owner', 'expires'];

/** `field=value` as the inline `suppress` input writes it, quoting values with spaces or quotes. */
function conditionText(field: string, value: string): string {
  return /[\s"\\]/.test(value) || value === '' ? `${field}="${value.replace(/["\\]/g, '\\$&')}"` : `${field}=${value}`;
}

/** The UTC day `YYYY-MM-DD` of `now`. */
const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

/**
 * Parses a suppressions file. `name` is how errors and the report name it (the path as the input gave it);
 * `now` decides which rules have expired (a rule suppresses through its `expires` day, UTC).
 */
export function parseSuppressionsFile(text: string, name: string, now: Date): SuppressionRule[] {
  const lines = new LineCounter();
  const fail = (offset: number | undefined, message: string): never => {
    const line = offset === undefined ? 1 : lines.linePos(offset).line;
    throw new ConfigError(`Input 'suppressions-file': ${name} line ${line}: ${message}`);
  };
  const at = (node: Node | Pair | null | undefined): number | undefined => {
    const n = node as { range?: [number, number, number]; key?: { range?: [number, number, number] } } | null | undefined;
    return n?.range?.[0] ?? n?.key?.range?.[0];
  };
  // failsafe: every scalar is a string, so account ids keep their leading zeros and dates stay as written.
  const doc = parseDocument(text, { lineCounter: lines, schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    fail(error.pos[0], `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === '' || root.value === null))) return [];
  if (!isMap(root)) return fail(at(root), "expected a mapping with a 'suppressions' list");
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'suppressions') fail(at(pair), `unknown key '${key}'; the file has one key, 'suppressions'`);
  }
  const list = root.get('suppressions', true) as Node | null | undefined;
  if (list === undefined || list === null || (isScalar(list) && (list.value === '' || list.value === null))) return [];
  if (!isSeq(list)) return fail(at(list as Node), "'suppressions' must be a list of rules");

  const today = dayOf(now);
  const rules: SuppressionRule[] = [];
  for (const item of list.items) {
    const start = at(item as Node);
    if (!isMap(item)) fail(start, 'each rule must be a mapping with match, reason and owner');
    const entry = item as import('yaml').YAMLMap;
    const values: Record<string, string> = {};
    let match: import('yaml').YAMLMap | undefined;
    for (const pair of entry.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!RULE_KEYS.includes(key)) fail(at(pair), `unknown key '${key}' in a rule; use ${RULE_KEYS.join(', ')}`);
      if (key === 'match') {
        if (!isMap(pair.value)) fail(at(pair), "'match' must be a mapping of field: value");
        match = pair.value as import('yaml').YAMLMap;
      } else {
        if (!isScalar(pair.value)) fail(at(pair), `'${key}' must be text`);
        values[key] = String((pair.value as import('yaml').Scalar).value ?? '').trim();
      }
    }
    if (match === undefined || match.items.length === 0) fail(start, "a rule needs 'match' with at least one field");
    for (const key of ['reason', 'owner']) if (!values[key]) fail(start, `a rule needs a non-empty '${key}'`);
    let expires: string | null = null;
    if (values.expires !== undefined && values.expires !== '') {
      expires = values.expires;
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(expires) && new Date(`${expires}T00:00:00Z`).toISOString().slice(0, 10) === expires;
      if (!valid) fail(start, `'expires' must be a date YYYY-MM-DD, got '${expires}'`);
    }
    const conditions: SuppressionRule['conditions'] = [];
    const texts: string[] = [];
    for (const pair of match!.items) {
      const field = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!(SUPPRESSIBLE_FIELDS as readonly string[]).includes(field)) fail(at(pair), `unknown field '${field}'; use one of ${SUPPRESSIBLE_FIELDS.join(', ')}`);
      if (!isScalar(pair.value)) fail(at(pair), `the value of '${field}' must be text`);
      const value = String((pair.value as import('yaml').Scalar).value ?? '');
      if (field === 'deny_reason' && !value.includes('*') && !(DENY_REASONS as readonly string[]).includes(value.toLowerCase())) {
        fail(at(pair), `unknown deny_reason '${value}'; use one of ${DENY_REASONS.join(', ')}`);
      }
      try {
        conditions.push({ field: field as SuppressibleField, pattern: patternFor(field as SuppressibleField, value) });
      } catch (error) {
        fail(at(pair), (error as Error).message);
      }
      texts.push(conditionText(field, value));
    }
    const line = start === undefined ? 1 : lines.linePos(start).line;
    rules.push({
      text: texts.join(' '),
      conditions,
      ownership: { reason: values.reason!, owner: values.owner!, expires, expired: expires !== null && expires < today, location: `${name}:${line}` }
    });
  }
  return rules;
}
