import { DETECTION } from '../detection/metadata.js';
import { distinctUsers } from '../detection/by-user.js';
import { fingerprintKeys, isNewFinding, splitByBaseline } from '../detection/baseline.js';
import { denyReasonCounts } from '../detection/deny-reason.js';
import { fingerprintKey } from '../detection/denied-invocations.js';
import type { DetectionResult, Fingerprint, Selection } from '../detection/types.js';
import type { SourceDescription } from '../sources/types.js';
import type { ScanTotals } from '../scan.js';
import { buildTimeline } from './timeline.js';
import type { ScanReport } from './types.js';

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** The detection's metadata as the report carries it. */
export function detectionMetadata(): ScanReport['detection'] {
  return {
    id: DETECTION.id,
    name: DETECTION.name,
    version: DETECTION.version,
    mitreAttack: [...DETECTION.mitreAttack],
    search: DETECTION.search,
    riskMessage: DETECTION.riskMessage,
    knownFalsePositives: DETECTION.knownFalsePositives,
    references: [...DETECTION.references]
  };
}

/** New fingerprints the report lists at most. */
export const MAX_NEW_FINGERPRINTS = 1000;

function baselineSection(detection: DetectionResult, baseline: { path: string; known: ReadonlySet<string> }): NonNullable<ScanReport['baseline']> {
  const fingerprints = detection.fingerprints ?? [];
  const seen = detection.fingerprints ? fingerprintKeys(detection.fingerprints) : undefined;
  const fresh = fingerprints.filter((fp) => !baseline.known.has(fingerprintKey(fp)));
  return {
    path: baseline.path,
    ...splitByBaseline(fingerprints, baseline.known),
    newFindings: detection.findings.filter((f) => isNewFinding(f, baseline.known, seen)).length,
    // Stable: most events first, then key order (fingerprints come sorted by key).
    newFingerprints: fresh.sort((a, b) => b.count - a.count).slice(0, MAX_NEW_FINGERPRINTS),
    byUser: baselineByUser(fingerprints, baseline.known)
  };
}

/** New and known calls per user, most new calls first, then most calls, then by name (null user last). */
function baselineByUser(fingerprints: readonly Fingerprint[], known: ReadonlySet<string>): NonNullable<ScanReport['baseline']>['byUser'] {
  const byUser = new Map<string | null, { user: string | null; new: number; known: number }>();
  for (const fp of fingerprints) {
    let entry = byUser.get(fp.user);
    if (!entry) byUser.set(fp.user, (entry = { user: fp.user, new: 0, known: 0 }));
    if (known.has(fingerprintKey(fp))) entry.known += fp.count;
    else entry.new += fp.count;
  }
  return [...byUser.values()].sort(
    (a, b) => b.new - a.new || b.new + b.known - (a.new + a.known) || (a.user === null ? 1 : b.user === null ? -1 : a.user < b.user ? -1 : a.user > b.user ? 1 : 0)
  );
}

/** Assembles the machine-readable report from the pipeline's results. */
export function buildReport(input: {
  selection: Selection;
  sources: SourceDescription[];
  totals: ScanTotals;
  detection: DetectionResult;
  threshold: ScanReport['threshold'];
  /** The baseline's fingerprint keys, when `baseline` is set. */
  baseline?: { path: string; known: ReadonlySet<string> };
  durationMs: number;
  peakRssBytes: number;
  now: Date;
}): ScanReport {
  const { selection, totals, detection } = input;
  const timeline = detection.deniedPerHour ? buildTimeline(detection.deniedPerHour, detection.findings, selection.since, selection.until) : undefined;
  return {
    schemaVersion: 1,
    generatedAt: input.now.toISOString(),
    detection: detectionMetadata(),
    selection: {
      eventSources: selection.eventSources,
      eventNames: selection.eventNames,
      errorCodes: selection.errorCodes,
      splunkParity: selection.splunkParity,
      suppress: (selection.suppress ?? []).map((rule) => rule.text),
      since: iso(selection.since),
      until: iso(selection.until)
    },
    scan: {
      sources: input.sources,
      files: totals.files,
      filesSkipped: totals.filesSkipped,
      filesFailed: totals.filesFailed,
      filesDuplicate: totals.filesDuplicate,
      formats: totals.formats,
      records: totals.records,
      bytes: totals.bytes,
      durationMs: input.durationMs,
      peakRssBytes: input.peakRssBytes,
      complete: totals.filesFailed.length === 0
    },
    matched: detection.matched,
    droppedByParity: detection.droppedByParity,
    outsideWindow: detection.outsideWindow,
    suppressed: detection.suppressed,
    denyReasons: denyReasonCounts(detection.findings),
    ...(detection.userContext ? { userContext: detection.userContext } : {}),
    ...(input.baseline ? { baseline: baselineSection(detection, input.baseline) } : {}),
    ...(timeline ? { timeline } : {}),
    nearMisses: detection.nearMisses,
    threshold: input.threshold,
    users: distinctUsers(detection.findings),
    findings: detection.findings
  };
}
