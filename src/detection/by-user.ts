import type { DenyReason } from './deny-reason.js';
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

const sortedValues = (set: Set<string | null>): string[] => [...set].filter((v): v is string => v !== null).sort();

/** Folds Splunk rows into one line per user (a null user is its own line), most denied calls first. */
export function activityByUser(findings: readonly Finding[]): UserActivity[] {
  type ValueSet = Set<string | null>;
  const byUser = new Map<
    string | null,
    { row: UserActivity; models: ValueSet; srcs: ValueSet; agents: ValueSet; accounts: ValueSet; regions: ValueSet; reasons: Map<DenyReason, number> }
  >();
  for (const f of findings) {
    let entry = byUser.get(f.user);
    if (!entry) {
      entry = {
        row: { user: f.user, count: 0, firstTime: null, lastTime: null, modelIds: [], srcs: [], userAgents: [], accounts: [], regions: [], findings: 0, denyReasons: [] },
        models: new Set(),
        srcs: new Set(),
        agents: new Set(),
        accounts: new Set(),
        regions: new Set(),
        reasons: new Map()
      };
      byUser.set(f.user, entry);
    }
    const { row } = entry;
    row.count += f.count;
    row.findings++;
    if (f.firstTime !== null && (row.firstTime === null || f.firstTime < row.firstTime)) row.firstTime = f.firstTime;
    if (f.lastTime !== null && (row.lastTime === null || f.lastTime > row.lastTime)) row.lastTime = f.lastTime;
    f.modelIds.forEach((m) => entry.models.add(m));
    entry.srcs.add(f.src);
    entry.agents.add(f.user_agent);
    entry.accounts.add(f.vendor_account);
    entry.regions.add(f.vendor_region);
    entry.reasons.set(f.deny_reason, (entry.reasons.get(f.deny_reason) ?? 0) + f.count);
  }
  return [...byUser.values()]
    .map(({ row, models, srcs, agents, accounts, regions, reasons }) => ({
      ...row,
      modelIds: sortedValues(models),
      srcs: sortedValues(srcs),
      userAgents: sortedValues(agents),
      accounts: sortedValues(accounts),
      regions: sortedValues(regions),
      denyReasons: [...reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    }))
    .sort((a, b) => b.count - a.count || ((b.lastTime ?? '') < (a.lastTime ?? '') ? -1 : (b.lastTime ?? '') > (a.lastTime ?? '') ? 1 : 0) || ((a.user ?? '') < (b.user ?? '') ? -1 : 1));
}

/** Distinct users among the findings; a finding without a user counts as one more. */
export function distinctUsers(findings: readonly Finding[]): number {
  return new Set(findings.map((f) => f.user)).size;
}
