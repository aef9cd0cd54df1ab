import type { DenyReason } from './deny-reason.js';
import { distinctSorted } from './intern.js';
import type { Finding } from './types.js';

/** One line of the "Denied Bedrock invocations by user" table. */
export interface UserActivity {
  user: string | null;
  count: number;
  firstTime: string | null;
  lastTime: string | null;
  modelIds: string[];
  srcs: string[];
  userAgents: string[];
  accounts: string[];
  regions: string[];
  findings: number;
  /** Denied calls per deny reason, most first (then by name). */
  denyReasons: [reason: DenyReason, count: number][];
}


/** The findings of each user (a null user is its own), in the findings' order; users in order of first appearance. */
export function findingsByUser(findings: readonly Finding[]): Map<string | null, Finding[]> {
  const byUser = new Map<string | null, Finding[]>();
  for (const f of findings) {
    const list = byUser.get(f.user);
    if (list) list.push(f);
    else byUser.set(f.user, [f]);
  }
  return byUser;
}

type TextField = 'src' | 'user_agent' | 'vendor_account' | 'vendor_region';

/** The distinct non-null values of one field over a user's rows, in code-unit order. */
function distinctField(rows: readonly Finding[], field: TextField): string[] {
  if (rows.length === 1) {
    const v = rows[0]![field];
    return v === null ? [] : [v];
  }
  const values: (string | null)[] = [];
  for (const f of rows) values.push(f[field]);
  return distinctSorted(values);
}

/** Every model id of a user's rows, distinct, in code-unit order. */
function distinctModels(rows: readonly Finding[]): string[] {
  if (rows.length === 1) return distinctSorted(rows[0]!.modelIds);
  const values: string[] = [];
  for (const f of rows) for (const m of f.modelIds) values.push(m);
  return distinctSorted(values);
}

/**
 * Folds Splunk rows into one line per user (a null user is its own line), most denied calls first. `byUser` is
 * `findingsByUser(findings)`, when the caller has it already.
 */
export function activityByUser(findings: readonly Finding[], byUser: ReadonlyMap<string | null, readonly Finding[]> = findingsByUser(findings)): UserActivity[] {
  const out: UserActivity[] = [];
  for (const [user, rows] of byUser) {
    let count = 0;
    let firstTime: string | null = null;
    let lastTime: string | null = null;
    const reasons: [reason: DenyReason, count: number][] = [];
    for (const f of rows) {
      count += f.count;
      if (f.firstTime !== null && (firstTime === null || f.firstTime < firstTime)) firstTime = f.firstTime;
      if (f.lastTime !== null && (lastTime === null || f.lastTime > lastTime)) lastTime = f.lastTime;
      const reason = reasons.find((r) => r[0] === f.deny_reason);
      if (reason) reason[1] += f.count;
      else reasons.push([f.deny_reason, f.count]);
    }
    out.push({
      user,
      count,
      firstTime,
      lastTime,
      modelIds: distinctModels(rows),
      srcs: distinctField(rows, 'src'),
      userAgents: distinctField(rows, 'user_agent'),
      accounts: distinctField(rows, 'vendor_account'),
      regions: distinctField(rows, 'vendor_region'),
      findings: rows.length,
      denyReasons: reasons.length < 2 ? reasons : reasons.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    });
  }
  return out.sort((a, b) => b.count - a.count || ((b.lastTime ?? '') < (a.lastTime ?? '') ? -1 : (b.lastTime ?? '') > (a.lastTime ?? '') ? 1 : 0) || ((a.user ?? '') < (b.user ?? '') ? -1 : 1));
}

/** Distinct users among the findings; a finding without a user counts as one more. */
export function distinctUsers(findings: readonly Finding[]): number {
  return new Set(findings.map((f) => f.user)).size;
}
