import { ConfigError } from '../errors.js';
import type { CimFields } from './types.js';

/** Fields a suppression rule may test: the Splunk by-fields, plus the model id. */
export const SUPPRESSIBLE_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'dest', 'signature', 'vendor_region', 'result', 'result_id', 'modelId'] as const;
export type SuppressibleField = (typeof SUPPRESSIBLE_FIELDS)[number];

/** One `suppress` line: every condition must hold (`user=ci-bot src=10.0.*`). */
export interface SuppressionRule {
  /** The line as written, for the report. */
  text: string;
  conditions: { field: SuppressibleField; pattern: RegExp }[];
}

/** Splunk-style value match: whole value, case-insensitive, `*` matches any run of characters. */
function wildcard(value: string): RegExp {
  const escaped = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*');
  return new RegExp(`^${escaped}$`, 'i');
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
      conditions.push({ field, pattern: wildcard(value) });
      at = token.lastIndex;
    }
    rules.push({ text, conditions });
  }
  return rules;
}

/** The first rule that matches the event, or undefined. A missing field never matches (as in Splunk). */
export function matchingRule(rules: readonly SuppressionRule[], fields: CimFields, modelId: string | null): SuppressionRule | undefined {
  return rules.find((rule) =>
    rule.conditions.every(({ field, pattern }) => {
      const value = field === 'modelId' ? modelId : fields[field];
      return value !== null && pattern.test(value);
    })
  );
}
