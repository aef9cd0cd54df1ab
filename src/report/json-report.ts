import { DETECTION } from '../detection/metadata.js';
import { distinctUsers } from '../detection/by-user.js';
import type { DetectionResult, Selection, ThresholdBy } from '../detection/types.js';
import type { SourceDescription } from '../sources/types.js';
import type { ScanTotals } from '../scan.js';
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

/** Assembles the machine-readable report from the pipeline's results. */
export function buildReport(input: {
  selection: Selection;
  sources: SourceDescription[];
  totals: ScanTotals;
  detection: DetectionResult;
  threshold: { value: number; by: ThresholdBy; observed: number; exceeded: boolean };
  durationMs: number;
  peakRssBytes: number;
  now: Date;
}): ScanReport {
  const { selection, totals, detection } = input;
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
    nearMisses: detection.nearMisses,
    threshold: input.threshold,
    users: distinctUsers(detection.findings),
    findings: detection.findings
  };
}
