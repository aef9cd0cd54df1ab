import { fingerprintKeys, isNewFinding } from '../detection/baseline.js';
import { distinctUsers } from '../detection/by-user.js';
import { DENY_REASONS, type DenyReason } from '../detection/deny-reason.js';
import { fingerprintKey } from '../detection/denied-invocations.js';
import type { DetectionResult, ThresholdBy } from '../detection/types.js';

/** What the threshold counts beyond the selection: only some deny reasons (`count-deny-reasons`), only events new to a baseline. */
export interface ThresholdScope {
  countDenyReasons?: readonly DenyReason[];
  /** Fingerprint keys of the baseline: events whose fingerprint is in it are not counted. */
  baseline?: ReadonlySet<string>;
}

/**
 * The measure the threshold is compared with, and whether it is strictly greater. Suppressed events are never
 * in `result`'s findings, so never counted. With a scope, only findings of the counted deny reasons count, and
 * with a baseline only new events (events: the new fingerprints' counts; findings and users: findings holding
 * a new fingerprint).
 */
export function evaluateThreshold(result: DetectionResult, value: number, by: ThresholdBy, scope: ThresholdScope = {}): { observed: number; exceeded: boolean } {
  const reasons = new Set(scope.countDenyReasons ?? DENY_REASONS);
  const all = reasons.size === DENY_REASONS.length && scope.baseline === undefined;
  let observed: number;
  if (all) {
    observed = by === 'events' ? result.matched : by === 'findings' ? result.findings.length : distinctUsers(result.findings);
  } else {
    const known = scope.baseline;
    const seen = known && result.fingerprints ? fingerprintKeys(result.fingerprints) : undefined;
    const findings = result.findings.filter((f) => reasons.has(f.deny_reason) && (known === undefined || isNewFinding(f, known, seen)));
    if (by === 'events') {
      observed =
        known !== undefined && result.fingerprints !== undefined
          ? result.fingerprints.filter((fp) => reasons.has(fp.deny_reason) && !known.has(fingerprintKey(fp))).reduce((n, fp) => n + fp.count, 0)
          : findings.reduce((n, f) => n + f.count, 0);
    } else observed = by === 'findings' ? findings.length : distinctUsers(findings);
  }
  return { observed, exceeded: observed > value };
}

export const EXIT_OK = 0;
/** Policy failure: findings exceeded the threshold. */
export const EXIT_THRESHOLD = 1;
/** Incomplete scan or configuration error: the result can't be trusted as complete. */
export const EXIT_INCOMPLETE = 2;

export interface Verdict {
  exitCode: 0 | 1 | 2;
  /** One line for the log and the step's failure message; empty when passing. */
  message: string;
}

/**
 * Exit codes: 1 when the threshold is exceeded and fail-on-threshold is on (a breach is certain even when
 * some files failed); otherwise 2 when files failed and allow-incomplete is off, or when an explicitly
 * requested publication (the findings issue) failed; otherwise 0.
 */
export function decideVerdict(input: {
  exceeded: boolean;
  failOnThreshold: boolean;
  observed: number;
  threshold: number;
  by: ThresholdBy;
  failedFiles: number;
  allowIncomplete: boolean;
  /** Why a requested write to GitHub (create-issue) failed, if it did. */
  publishFailure?: string;
}): Verdict {
  if (input.exceeded && input.failOnThreshold) {
    const incomplete = input.failedFiles > 0 ? ` (and ${input.failedFiles} file(s) could not be scanned)` : '';
    return {
      exitCode: EXIT_THRESHOLD,
      message: `Denied Bedrock invocations exceed the threshold: ${input.observed} ${input.by} > ${input.threshold}${incomplete}.`
    };
  }
  if (input.failedFiles > 0 && !input.allowIncomplete) {
    return {
      exitCode: EXIT_INCOMPLETE,
      message: `Incomplete scan: ${input.failedFiles} file(s) could not be scanned (see the summary and the report); set allow-incomplete: true to accept partial scans.`
    };
  }
  if (input.publishFailure) return { exitCode: EXIT_INCOMPLETE, message: input.publishFailure };
  return { exitCode: EXIT_OK, message: '' };
}
