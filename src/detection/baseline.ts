/**
 * Baselines: known activity, fingerprinted by (user, vendor_account, src, modelId, deny_reason), never times
 * or counts. With a baseline the threshold counts only events whose fingerprint is not in it. Pure: parses and
 * writes the file's text; reading and the atomic write are I/O elsewhere.
 *
 * File format (JSON, stable and diff-friendly: one fingerprint per line, sorted):
 * {"schemaVersion":1,"detection":"c53a8e62-…","fingerprints":[
 *   {"user":"ci-bot","vendor_account":"111122223333","src":"10.0.0.1","modelId":"anthropic.claude-3","deny_reason":"model-access"}
 * ]}
 */
import { ConfigError } from '../errors.js';
import { DENY_REASONS, type DenyReason } from './deny-reason.js';
import { fingerprintKey, fingerprintOfKey } from './denied-invocations.js';
import { DETECTION } from './metadata.js';
import type { Finding, Fingerprint } from './types.js';

const nullableText = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** The fingerprint keys a baseline file holds. Throws ConfigError naming the input and what is wrong. */
export function parseBaseline(text: string, name: string): Set<string> {
  const bad = (why: string) => new ConfigError(`Input 'baseline': ${name} is not a baseline file: ${why}.`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw bad(`invalid JSON (${(error as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw bad('expected an object with "fingerprints"');
  const list = (data as { fingerprints?: unknown }).fingerprints;
  if (!Array.isArray(list)) throw bad('"fingerprints" must be a list');
  const keys = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw bad(`fingerprint ${i + 1} is not an object`);
    const fields = ['user', 'vendor_account', 'src', 'modelId'] as const;
    for (const f of fields) if (!nullableText(e[f] ?? null)) throw bad(`fingerprint ${i + 1}: "${f}" must be text or null`);
    if (!DENY_REASONS.includes(e.deny_reason as DenyReason)) throw bad(`fingerprint ${i + 1}: "deny_reason" must be one of ${DENY_REASONS.join(', ')}`);
    keys.add(
      fingerprintKey({
        user: (e.user ?? null) as string | null,
        vendor_account: (e.vendor_account ?? null) as string | null,
        src: (e.src ?? null) as string | null,
        modelId: (e.modelId ?? null) as string | null,
        deny_reason: e.deny_reason as DenyReason
      })
    );
  });
  return keys;
}

/** The baseline file's text: what was known plus this run's fingerprints, sorted, one per line. */
export function serializeBaseline(known: ReadonlySet<string>, current: readonly Fingerprint[]): { text: string; fingerprints: number } {
  const keys = new Set(known);
  for (const fp of current) keys.add(fingerprintKey(fp));
  const lines = [...keys].sort().map((key) => JSON.stringify(fingerprintOfKey(key)));
  return { text: `{"schemaVersion":1,"detection":"${DETECTION.id}","fingerprints":[\n${lines.join(',\n')}\n]}\n`, fingerprints: keys.size };
}

/**
 * Whether a finding holds an event not in the baseline: one of its fingerprints (its fields with each of its
 * model ids, or with no model id) is unknown. `seen` holds the run's fingerprint keys (DetectionResult.fingerprints):
 * it tells whether the finding's events without a model id exist; without it they are assumed to.
 */
export function isNewFinding(finding: Finding, known: ReadonlySet<string>, seen?: ReadonlySet<string>): boolean {
  const base = { user: finding.user, vendor_account: finding.vendor_account, src: finding.src, deny_reason: finding.deny_reason };
  const keys = finding.modelIds.map((modelId) => fingerprintKey({ ...base, modelId }));
  const noModel = fingerprintKey({ ...base, modelId: null });
  if (seen === undefined || finding.modelIds.length === 0 || seen.has(noModel)) keys.push(noModel);
  return keys.some((key) => !known.has(key));
}

/** The keys of a run's fingerprints, for isNewFinding. */
export const fingerprintKeys = (fingerprints: readonly Fingerprint[]): Set<string> => new Set(fingerprints.map(fingerprintKey));

/** Matched events split into known (in the baseline) and new. */
export function splitByBaseline(fingerprints: readonly Fingerprint[], known: ReadonlySet<string>): { known: number; new: number } {
  let k = 0;
  let n = 0;
  for (const fp of fingerprints) {
    if (known.has(fingerprintKey(fp))) k += fp.count;
    else n += fp.count;
  }
  return { known: k, new: n };
}
