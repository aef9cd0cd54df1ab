import type { DenyReason } from '../detection/deny-reason.js';
import type { UserContext } from '../detection/user-context.js';
import type { Finding, Fingerprint, NearMiss, SuppressedCount, ThresholdBy } from '../detection/types.js';
import type { FileFailure } from '../scan.js';
import type { Timeline } from './timeline.js';
import type { SourceDescription } from '../sources/types.js';


/** The machine-readable report (`report-path`), schemaVersion 1. */
export interface ScanReport {
  schemaVersion: 1;
  generatedAt: string;
  detection: {
    id: string;
    name: string;
    version: number;
    mitreAttack: string[];
    search: string;
    riskMessage: string;
    knownFalsePositives: string;
    references: string[];
  };
  selection: {
    eventSources: string[];
    eventNames: string[];
    errorCodes: string[];
    splunkParity: boolean;
    /** The `suppress` rules as written. */
    suppress: string[];
    since: string | null;
    until: string | null;
  };
  scan: {
    sources: SourceDescription[];
    files: number;
    filesSkipped: number;
    filesFailed: FileFailure[];
    /** Objects named more than once (overlapping `source` lines, symlinks), read once. */
    filesDuplicate: number;
    /** Files per recognised format, e.g. {"records-envelope": 12, "digest": 1}. */
    formats: Record<string, number>;
    records: number;
    /** Decompressed bytes decoded. */
    bytes: number;
    durationMs: number;
    /** Peak resident memory of the action's process. */
    peakRssBytes: number;
    complete: boolean;
  };
  /** Events counted in the findings (the sum of their counts). */
  matched: number;
  droppedByParity: number;
  outsideWindow: number;
  /** Events each `suppress` rule left out of the findings. */
  suppressed: SuppressedCount[];
  /** Per user with findings: identity, credentials, addresses, reconnaissance and successful invokes after a denial. */
  userContext?: UserContext[];
  /** Matched events per deny reason (every reason listed). */
  denyReasons: Record<DenyReason, number>;
  /** With `baseline`: matched events whose fingerprint was known before this run, and new ones. */
  baseline?: {
    path: string;
    known: number;
    new: number;
    /** Findings holding at least one new fingerprint. */
    newFindings: number;
    /** The new fingerprints (at most 1000, most events first). */
    newFingerprints: Fingerprint[];
    /** Per user: new and known calls (users as in the findings, most new calls first). */
    byUser?: { user: string | null; new: number; known: number }[];
    /** Set when update-baseline wrote the file: fingerprints it holds now, and how many this run added. */
    updated?: { fingerprints: number; added: number };
  };
  /** The top users' denied calls per hour or day, for the time chart (runner engine only). */
  timeline?: Timeline;
  nearMisses: NearMiss[];
  threshold: {
    value: number;
    by: ThresholdBy;
    /** Deny reasons counted (`count-deny-reasons`), when not all of them. */
    countDenyReasons?: DenyReason[];
    /** The threshold counted only events new to the baseline. */
    baselineOnly?: boolean;
    observed: number;
    exceeded: boolean;
  };
  /** Distinct users (null user counted as one) among the findings. */
  users: number;
  findings: Finding[];
  /** Filled by the verdict stage when it runs (links shown in summary/issue/comment). */
  links?: {
    runUrl?: string;
    artifactId?: number;
    artifactUrl?: string;
    issueUrl?: string;
    /** The sticky pull-request comment. */
    commentUrl?: string;
  };
}
