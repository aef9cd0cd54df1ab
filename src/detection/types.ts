import type { DenyReason } from './deny-reason.js';
import type { RuleOwnership, SuppressionRule } from './suppress.js';
import type { UserContext, UserHours } from './user-context.js';

/** The ten Splunk `stats ... by` fields, named as the Splunk search names them. `null` where the record has no value. */
export interface CimFields {
  src: string | null;
  user: string | null;
  user_agent: string | null;
  vendor_account: string | null;
  vendor_product: string;
  dest: string | null;
  signature: string | null;
  vendor_region: string | null;
  result: string | null;
  result_id: string | null;
}

/** One row of the Splunk search's output. */
export interface Finding extends CimFields {
  count: number;
  /** `YYYY-MM-DDTHH:MM:SS`, UTC, like `security_content_ctime`. */
  firstTime: string | null;
  lastTime: string | null;
  /** Distinct requestParameters.modelId values in code-unit order. */
  modelIds: string[];
  /** Why it was denied: `denyReasonOf(result)`, so it never splits a Splunk row. Not a Splunk field. */
  deny_reason: DenyReason;
}

/**
 * Events of one (user, vendor_account, src, modelId, deny_reason): what a baseline remembers (never times
 * or counts). `count` is how many matched events this run had.
 */
export interface Fingerprint {
  user: string | null;
  vendor_account: string | null;
  src: string | null;
  modelId: string | null;
  deny_reason: DenyReason;
  count: number;
}

/** What one `suppress` rule or `suppressions-file` entry left out; file rules also say who owns them and until when. */
export interface SuppressedCount extends Partial<Omit<RuleOwnership, 'location'>> {
  rule: string;
  count: number;
  /** `file:line` of a `suppressions-file` rule. */
  location?: string;
}

/** Denied Bedrock runtime calls the selection left out, by why, with the input that would include them. */
export interface NearMiss {
  /** e.g. `eventName=Converse`, `errorCode=AccessDeniedException`, `eventSource=bedrock-mantle.amazonaws.com`. */
  reason: string;
  count: number;
  /** The input setting that would include them, e.g. `event-names: InvokeModel,Converse`. */
  include: string;
}

/** The outcome of running the detection over every record. */
export interface DetectionResult {
  /** Events that matched the selection and the time window and were counted in the findings (parity drops excluded). */
  matched: number;
  /** Matched events dropped because a by-field was null (only in splunk-parity mode; otherwise 0). */
  droppedByParity: number;
  /** Records outside since/until. */
  outsideWindow: number;
  /** Matched events left out by `suppress` rules, per rule (rules that matched nothing are listed with 0). */
  suppressed: SuppressedCount[];
  findings: Finding[];
  nearMisses: NearMiss[];
  /** Matched events per fingerprint, in code-unit order of their key (engines that cannot say leave it out: baselines then need it). */
  fingerprints?: Fingerprint[];
  /** Per user with counted denials: who it really is and what they tried next (engines that cannot say leave it out). */
  userContext?: UserContext[];
  /** Per user with counted denials: denials per UTC hour, for the time chart (engines cannot say: left out). */
  deniedPerHour?: UserHours[];
}

/** What to select; comparisons are whole-value and case-insensitive. */
export interface Selection {
  eventSources: string[];
  eventNames: string[];
  errorCodes: string[];
  /** Inclusive lower bound on eventTime (ms since epoch), if any. */
  since?: number;
  /** Inclusive upper bound on eventTime (ms since epoch), if any. */
  until?: number;
  /** Reproduce Splunk's `stats by` dropping events with a null by-field. */
  splunkParity: boolean;
  /** Known-good activity to leave out of the findings (counted, never silently dropped). */
  suppress?: SuppressionRule[];
}

/** What the threshold counts: matched events, findings (Splunk rows) or distinct users. */
export type ThresholdBy = 'events' | 'findings' | 'users';
