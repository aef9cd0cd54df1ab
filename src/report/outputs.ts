import type { ScanReport } from './types.js';

/** The step outputs, as strings, named as in action.yml. */
export function stepOutputs(report: ScanReport, reportPath: string): Record<string, string> {
  return {
    'denied-count': String(report.matched),
    'findings-count': String(report.findings.length),
    'user-count': String(report.users),
    'threshold-exceeded': String(report.threshold.exceeded),
    'report-path': reportPath,
    'files-scanned': String(report.scan.files),
    'records-scanned': String(report.scan.records),
    'files-failed': String(report.scan.filesFailed.length),
    'scan-complete': String(report.scan.complete)
  };
}
