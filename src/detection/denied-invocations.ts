import type { CloudTrailRecord } from '../decode/types.js';
import { cimFields, cimUser, eventTimeOf, modelIdOf, scalarText, splunkTime } from './fields.js';
import { addFew, fewValues, sortTexts, Texts, type Few } from './intern.js';
import { trackedCallName, UserActivityFacts, type UserFacts } from './user-context.js';
import { BEDROCK_RUNTIME_SOURCES, DENIED_ERROR_CODES, INVOKE_EVENT_NAMES } from './metadata.js';
import { denyReasonOf, type DenyReason } from './deny-reason.js';
import { matchingRule, type SuppressionRule } from './suppress.js';
import type { CimFields, DetectionResult, Finding, Fingerprint, NearMiss, Selection, SuppressedCount } from './types.js';

const BY_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'vendor_product', 'dest', 'signature', 'vendor_region', 'result', 'result_id'] as const;

/** One Splunk row while scanning: its fields (each text kept once, see Texts), counts, times and model ids. */
interface Group {
  fields: CimFields;
  count: number;
  first: number | null;
  last: number | null;
  modelIds: Few<string>;
  /** denyReasonOf(fields.result), once per group. */
  reason: DenyReason;
}

interface NearMissGroup {
  reason: string;
  include: string;
  count: number;
}

const lower = (values: readonly string[]) => new Set(values.map((v) => v.toLowerCase()));
const DENIED_CODES = lower(DENIED_ERROR_CODES);
const INVOKE_NAMES = lower(INVOKE_EVENT_NAMES);

/** Splunk `field=value`: whole value, case-insensitive; a missing field never matches. */
function matchesAny(value: unknown, allowed: Set<string>): boolean {
  const s = scalarText(value);
  return s !== null && allowed.has(s.toLowerCase());
}

/** Findings sorted as the report shows them: count desc, lastTime desc, then by fields for a stable order. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.count !== b.count) return b.count - a.count;
  const la = a.lastTime ?? '';
  const lb = b.lastTime ?? '';
  if (la !== lb) return la < lb ? 1 : -1;
  for (const f of BY_FIELDS) {
    const x = a[f] ?? '';
    const y = b[f] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A detector's running totals in a form that crosses a worker boundary (structured clone: plain data only).
 * Partials merge exactly: counts add, first/last take min/max, model ids unite, near misses add per reason,
 * suppressions add per rule (by position in the selection's rule list).
 */
export interface DetectionPartial {
  matched: number;
  droppedByParity: number;
  outsideWindow: number;
  /** Per suppression rule, in the selection's order. */
  suppressed: number[];
  /** Grouped by their fields (merge() keys them as observe() does). */
  groups: { fields: CimFields; count: number; first: number | null; last: number | null; modelIds: string[] }[];
  nearMisses: { key: string; reason: string; include: string; count: number }[];
  /** Matched events per fingerprint key (see fingerprintKey). */
  fingerprints: [key: string, count: number][];
  /** Per-user facts (user-context.ts), merged by union, sum, min and max. */
  users: [key: string, facts: UserFacts][];
}

/** The baseline identity of an event: (user, vendor_account, src, modelId, deny_reason) as a JSON array. */
export function fingerprintKey(fp: Omit<Fingerprint, 'count'>): string {
  return JSON.stringify([fp.user, fp.vendor_account, fp.src, fp.modelId, fp.deny_reason]);
}

/** A fingerprint keyed by the numbers (Texts) of its user, account, address and model, and its deny reason. */
const compactFingerprint = (user: number, account: number, src: number, modelId: number, reason: DenyReason): string => `${user},${account},${src},${modelId},${reason}`;

/** The fingerprint a key stands for (count 0). */
export function fingerprintOfKey(key: string): Omit<Fingerprint, 'count'> {
  const [user, vendor_account, src, modelId, deny_reason] = JSON.parse(key) as [string | null, string | null, string | null, string | null, DenyReason];
  return { user, vendor_account, src, modelId, deny_reason };
}

/** What a rule's entry in the report says: its count, and for a file rule its owner, reason, expiry and place. */
export function suppressedEntry(rule: SuppressionRule, count: number): SuppressedCount {
  if (!rule.ownership) return { rule: rule.text, count };
  const { reason, owner, expires, expired, location } = rule.ownership;
  return { rule: rule.text, count, reason, owner, expires, expired, location };
}

/**
 * The detection itself: feed it every record (`observe`), then read the Splunk-shaped rows (`result`).
 * Pure: no I/O, so it is tested with plain objects. Detectors fed disjoint parts of the input (one per worker
 * thread) give, once their `partial()`s are `merge`d into one, exactly the result of one detector fed it all.
 */
export class DeniedInvocations {
  private readonly sources: Set<string>;
  private readonly names: Set<string>;
  private readonly codes: Set<string>;
  /** Each distinct field value once; groups and fingerprints are keyed by their values' numbers. */
  private readonly texts = new Texts();
  /** By the numbers of the ten by-fields, comma-separated (see group()). */
  private readonly groups = new Map<string, Group>();
  private readonly nearMisses = new Map<string, NearMissGroup>();
  private matched = 0;
  private droppedByParity = 0;
  private outsideWindow = 0;
  private readonly suppress: SuppressionRule[];
  private readonly suppressedBy = new Map<SuppressionRule, number>();
  /** Matched events by the numbers of (user, vendor_account, src, modelId) and the deny reason (see compactFingerprint). */
  private readonly fingerprints = new Map<string, number>();
  private readonly context = new UserActivityFacts(this.texts);

  constructor(readonly selection: Selection) {
    this.suppress = selection.suppress ?? [];
    this.sources = lower(selection.eventSources);
    this.names = lower(selection.eventNames);
    this.codes = lower(selection.errorCodes);
  }

  /** Events counted in the findings so far (for a progress line while the scan runs). */
  get matchedSoFar(): number {
    return this.matched;
  }

  observe(record: CloudTrailRecord): void {
    const selected =
      matchesAny(record.eventSource, this.sources) && matchesAny(record.eventName, this.names) && matchesAny(record.errorCode, this.codes);
    if (!selected && !this.isDeniedBedrockInvoke(record)) {
      this.observeBedrockCall(record);
      return;
    }

    const time = eventTimeOf(record);
    if (!this.inWindow(time)) {
      if (selected) this.outsideWindow++;
      return;
    }
    if (!selected) {
      this.countNearMiss(record);
      return;
    }

    const fields = cimFields(record);
    const modelId = modelIdOf(record);
    if (this.suppress.length > 0) {
      const rule = matchingRule(this.suppress, fields, modelId);
      if (rule) {
        this.suppressedBy.set(rule, (this.suppressedBy.get(rule) ?? 0) + 1);
        return;
      }
    }
    if (this.selection.splunkParity && BY_FIELDS.some((f) => fields[f] === null)) {
      // Splunk's `stats ... by` drops an event when any by-field is null.
      this.droppedByParity++;
      return;
    }
    this.matched++;
    const group = this.group(fields);
    this.context.denied(record, group.fields.user, group.fields.src, time);
    const texts = this.texts;
    const fp = compactFingerprint(texts.id(group.fields.user), texts.id(group.fields.vendor_account), texts.id(group.fields.src), texts.id(modelId), group.reason);
    this.fingerprints.set(fp, (this.fingerprints.get(fp) ?? 0) + 1);
    group.count++;
    if (time !== null) {
      if (group.first === null || time < group.first) group.first = time;
      if (group.last === null || time > group.last) group.last = time;
    }
    if (modelId !== null) group.modelIds = addFew(group.modelIds, texts.text(modelId));
  }

  /** The group of these by-fields, created (count 0) on first sight with its own copy of the fields, each text kept once. */
  private group(fields: CimFields): Group {
    const t = this.texts;
    const ids = [t.id(fields.src), t.id(fields.user), t.id(fields.user_agent), t.id(fields.vendor_account), t.id(fields.vendor_product), t.id(fields.dest), t.id(fields.signature), t.id(fields.vendor_region), t.id(fields.result), t.id(fields.result_id)];
    const key = ids.join(',');
    let group = this.groups.get(key);
    if (!group) {
      const [src, user, user_agent, vendor_account, vendor_product, dest, signature, vendor_region, result, result_id] = ids.map((id) => t.value(id));
      const kept: CimFields = { src, user, user_agent, vendor_account, vendor_product: vendor_product!, dest, signature, vendor_region, result, result_id };
      group = { fields: kept, count: 0, first: null, last: null, modelIds: undefined, reason: denyReasonOf(kept.result) };
      this.groups.set(key, group);
    }
    return group;
  }

  /** A compact fingerprint key as the baseline's fingerprint (count 0). */
  private fingerprintOf(compact: string): Omit<Fingerprint, 'count'> {
    const parts = compact.split(',');
    const t = this.texts;
    return { user: t.value(Number(parts[0])), vendor_account: t.value(Number(parts[1])), src: t.value(Number(parts[2])), modelId: t.value(Number(parts[3])), deny_reason: parts[4] as DenyReason };
  }

  result(): DetectionResult {
    // Many groups share their first and last times: one string per distinct time.
    const times = new Map<number, string>();
    const timeText = (ms: number | null): string | null => {
      if (ms === null) return null;
      let text = times.get(ms);
      if (text === undefined) times.set(ms, (text = splunkTime(ms)));
      return text;
    };
    const findings: Finding[] = [];
    for (const g of this.groups.values()) {
      const f = g.fields;
      // Written out rather than spread ({ ...f, count }): V8 gives every object spread-then-extended a map of its own.
      findings.push({
        src: f.src,
        user: f.user,
        user_agent: f.user_agent,
        vendor_account: f.vendor_account,
        vendor_product: f.vendor_product,
        dest: f.dest,
        signature: f.signature,
        vendor_region: f.vendor_region,
        result: f.result,
        result_id: f.result_id,
        count: g.count,
        firstTime: timeText(g.first),
        lastTime: timeText(g.last),
        // values() sorts lexicographically; sortTexts, like the default sort, compares UTF-16 code units.
        modelIds: sortTexts(fewValues(g.modelIds)),
        deny_reason: g.reason
      });
    }
    findings.sort(compareFindings);
    const nearMisses: NearMiss[] = [...this.nearMisses.values()]
      .map(({ reason, include, count }) => ({ reason, include, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
    const suppressed = this.suppress.map((rule) => suppressedEntry(rule, this.suppressedBy.get(rule) ?? 0));
    const fingerprints: Fingerprint[] = [...this.fingerprints]
      .map(([compact, count]) => {
        const fp = this.fingerprintOf(compact);
        return { key: fingerprintKey(fp), fingerprint: { user: fp.user, vendor_account: fp.vendor_account, src: fp.src, modelId: fp.modelId, deny_reason: fp.deny_reason, count } };
      })
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((entry) => entry.fingerprint);
    return {
      matched: this.matched,
      droppedByParity: this.droppedByParity,
      outsideWindow: this.outsideWindow,
      suppressed,
      findings,
      nearMisses,
      fingerprints,
      userContext: this.context.result(),
      deniedPerHour: this.context.hourly()
    };
  }

  /**
   * Reconnaissance calls and successful invokes: any other bedrock.amazonaws.com record in the window. Every
   * other record leaves after one type and length check (this runs for every record the decoder parses).
   */
  private observeBedrockCall(record: CloudTrailRecord): void {
    const source = record.eventSource;
    if (typeof source !== 'string' || source.length !== 21 || source.toLowerCase() !== 'bedrock.amazonaws.com') return;
    // Most Bedrock calls are neither reconnaissance nor invokes: skip them before parsing a time or a user.
    const name = trackedCallName(record);
    if (name === undefined) return;
    const time = eventTimeOf(record);
    if (!this.inWindow(time)) return;
    this.context.bedrockCall(record, name, cimUser(record), time);
  }

  private inWindow(time: number | null): boolean {
    const { since, until } = this.selection;
    if (since === undefined && until === undefined) return true;
    // With a window, an event whose time can't be read can't be placed in it: counted as outside, not lost.
    if (time === null) return false;
    return (since === undefined || time >= since) && (until === undefined || time <= until);
  }

  /** A denied call to a Bedrock runtime API, whatever the selection says. */
  private isDeniedBedrockInvoke(record: CloudTrailRecord): boolean {
    const source = scalarText(record.eventSource)?.toLowerCase();
    if (source === undefined || !BEDROCK_RUNTIME_SOURCES.includes(source)) return false;
    if (!matchesAny(record.errorCode, DENIED_CODES)) return false;
    // The OpenAI-compatible endpoint has its own event names; every denied call there counts.
    return source !== 'bedrock.amazonaws.com' || matchesAny(record.eventName, INVOKE_NAMES);
  }

  private countNearMiss(record: CloudTrailRecord): void {
    const reasons: string[] = [];
    const includes: string[] = [];
    const widen = (input: string, current: readonly string[], field: string, value: unknown, allowed: Set<string>) => {
      if (matchesAny(value, allowed)) return;
      const v = scalarText(value) ?? '';
      reasons.push(`${field}=${v}`);
      includes.push(`${input}: ${[...current, v].join(',')}`);
    };
    widen('event-sources', this.selection.eventSources, 'eventSource', record.eventSource, this.sources);
    widen('event-names', this.selection.eventNames, 'eventName', record.eventName, this.names);
    widen('error-codes', this.selection.errorCodes, 'errorCode', record.errorCode, this.codes);
    this.addNearMiss(reasons.join(' '), includes.join('; '), 1);
  }

  /**
   * Reasons differing only in case share a line; its text is the smallest spelling (code-unit order), so the
   * report does not depend on which file was read first (files are read concurrently, or by several workers).
   */
  private addNearMiss(reason: string, include: string, count: number): void {
    const key = reason.toLowerCase();
    const group = this.nearMisses.get(key);
    if (!group) {
      this.nearMisses.set(key, { reason, include, count });
      return;
    }
    group.count += count;
    if (reason < group.reason) {
      group.reason = reason;
      group.include = include;
    }
  }

  /** The running totals as plain data, to be merged into another detector of the same selection. */
  partial(): DetectionPartial {
    return {
      matched: this.matched,
      droppedByParity: this.droppedByParity,
      outsideWindow: this.outsideWindow,
      suppressed: this.suppress.map((rule) => this.suppressedBy.get(rule) ?? 0),
      groups: [...this.groups.values()].map((g) => ({ fields: g.fields, count: g.count, first: g.first, last: g.last, modelIds: fewValues(g.modelIds) })),
      nearMisses: [...this.nearMisses].map(([key, n]) => ({ key, reason: n.reason, include: n.include, count: n.count })),
      fingerprints: [...this.fingerprints].map(([compact, count]) => [fingerprintKey(this.fingerprintOf(compact)), count]),
      users: this.context.partial()
    };
  }

  /** Adds another detector's partial (same selection, other records): as if this one had observed them too. */
  merge(partial: DetectionPartial): void {
    this.matched += partial.matched;
    this.droppedByParity += partial.droppedByParity;
    this.outsideWindow += partial.outsideWindow;
    partial.suppressed.forEach((count, i) => {
      const rule = this.suppress[i];
      if (rule !== undefined && count > 0) this.suppressedBy.set(rule, (this.suppressedBy.get(rule) ?? 0) + count);
    });
    for (const g of partial.groups) {
      const group = this.group(g.fields);
      group.count += g.count;
      if (g.first !== null && (group.first === null || g.first < group.first)) group.first = g.first;
      if (g.last !== null && (group.last === null || g.last > group.last)) group.last = g.last;
      for (const m of g.modelIds) group.modelIds = addFew(group.modelIds, this.texts.text(m));
    }
    for (const n of partial.nearMisses) this.addNearMiss(n.reason, n.include, n.count);
    const t = this.texts;
    for (const [key, count] of partial.fingerprints) {
      const fp = fingerprintOfKey(key);
      const compact = compactFingerprint(t.id(fp.user), t.id(fp.vendor_account), t.id(fp.src), t.id(fp.modelId), fp.deny_reason);
      this.fingerprints.set(compact, (this.fingerprints.get(compact) ?? 0) + count);
    }
    this.context.merge(partial.users);
  }
}
