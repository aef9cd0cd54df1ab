/**
 * Why a call was denied, read from its errorMessage (the Splunk `result` field). A pure function of `result`,
 * which is one of the ten `stats by` fields, so adding it to a finding never splits a Splunk row, whatever
 * engine produced the findings.
 */
import type { Finding } from './types.js';

export const DENY_REASONS = [
  'scp',
  'rcp',
  'identity-explicit-deny',
  'resource-explicit-deny',
  'permissions-boundary',
  'session-policy',
  'no-identity-allow',
  'model-access',
  'marketplace',
  'other'
] as const;
export type DenyReason = (typeof DENY_REASONS)[number];

/** Policy types as IAM names them after "with an explicit deny in a(n)" or "because no ... allows". */
const POLICY_TYPES: [pattern: string, reason: DenyReason][] = [
  ['service control policy', 'scp'],
  ['resource control policy', 'rcp'],
  ['identity-based policy', 'identity-explicit-deny'],
  ['resource-based policy', 'resource-explicit-deny'],
  ['permissions boundary', 'permissions-boundary'],
  ['session policy', 'session-policy']
];

/**
 * The deny reason of an errorMessage (case-insensitive; extra whitespace tolerated):
 * - `... with an explicit deny in a service control policy[: arn]` → `scp` (likewise `resource control policy`
 *   → `rcp`, `identity-based policy` → `identity-explicit-deny`, `resource-based policy` → `resource-explicit-deny`,
 *   `permissions boundary`, `session policy`);
 * - `... because no identity-based policy allows ...` → `no-identity-allow`; `because no service control policy
 *   allows` → `scp`, `because no permissions boundary allows` → `permissions-boundary`, `because no session policy
 *   allows` → `session-policy` (the policy that withheld the permission); any other "because no X allows" → `other`;
 * - `You don't have access to the model with the specified model ID.` → `model-access`;
 * - AWS Marketplace actions (`aws-marketplace:Subscribe`, "AWS Marketplace actions") → `marketplace`;
 * - anything else, or no message → `other`.
 */
export function denyReasonOf(errorMessage: string | null): DenyReason {
  if (errorMessage === null || errorMessage === '') return 'other';
  const m = errorMessage.toLowerCase().replace(/\s+/g, ' ');
  if (m.includes('aws-marketplace:') || m.includes('aws marketplace')) return 'marketplace';
  const explicit = m.indexOf('with an explicit deny in ');
  if (explicit >= 0) {
    const tail = m.slice(explicit + 'with an explicit deny in '.length).replace(/^an? /, '');
    for (const [pattern, reason] of POLICY_TYPES) if (tail.startsWith(pattern)) return reason;
    return 'other';
  }
  const because = /because no ([a-z -]+?) allows/.exec(m);
  if (because) {
    const type = because[1]!;
    if (type === 'identity-based policy') return 'no-identity-allow';
    if (type === 'service control policy') return 'scp';
    if (type === 'resource control policy') return 'rcp';
    if (type === 'permissions boundary') return 'permissions-boundary';
    if (type === 'session policy') return 'session-policy';
    return 'other';
  }
  if (/you don'?t have access to the model/.test(m) || m.includes('do not have access to the model')) return 'model-access';
  return 'other';
}

/** Parses the `count-deny-reasons` list (comma or newline separated; `all` or empty = every reason). */
export function parseDenyReasons(values: readonly string[], fail: (bad: string) => Error): DenyReason[] {
  if (values.length === 0 || values.some((v) => v.toLowerCase() === 'all')) return [...DENY_REASONS];
  const out = new Set<DenyReason>();
  for (const v of values) {
    const r = v.toLowerCase() as DenyReason;
    if (!DENY_REASONS.includes(r)) throw fail(v);
    out.add(r);
  }
  return DENY_REASONS.filter((r) => out.has(r));
}

/** Events per deny reason over the findings, every reason listed (0 when none). */
export function denyReasonCounts(findings: readonly Pick<Finding, 'count' | 'deny_reason'>[]): Record<DenyReason, number> {
  const counts = Object.fromEntries(DENY_REASONS.map((r) => [r, 0])) as Record<DenyReason, number>;
  for (const f of findings) counts[f.deny_reason] += f.count;
  return counts;
}
