/** What issue mode writes: the issue body and the comments added on update, clean close and duplicate close. */
import { deltaSince, encodeStateBlock, issueMarker, newValueLines, renderFindingsBody, stateOf, type Delta } from './findings-markdown.js';
import { link, plural, safeHref } from './html.js';
import type { ScanReport } from './types.js';

export interface IssueContext {
  owner: string;
  repo: string;
  /** Link to this workflow run (computed by the action, not from the logs). */
  runUrl?: string;
}

export function issueBody(report: ScanReport, ctx: IssueContext, delta: Delta): string {
  return renderFindingsBody(report, {
    marker: issueMarker(report.detection.id),
    heading: 'Denied Amazon Bedrock model invocations',
    runUrl: ctx.runUrl,
    delta,
    stateBlock: encodeStateBlock(stateOf(report))
  });
}

const runLink = (ctx: IssueContext): string => {
  const href = safeHref(ctx.runUrl);
  return href ? link(href, 'this run') : 'this run';
};

/** Short comment added on each update, so watchers are notified of what changed. */
export function deltaComment(report: ScanReport, ctx: IssueContext, delta: Delta): string {
  const head = `${issueMarker(report.detection.id)}\n🔴 Still exceeded in ${runLink(ctx)}: ${plural(report.matched, 'denied call')} by ${plural(report.users, 'user')} (threshold ${report.threshold.value} ${report.threshold.by}, observed ${report.threshold.observed}).`;
  if (!delta.previous) return `${head}\nThe previous state was missing or unreadable, so every value is reported as new in the issue body.\n`;
  const total = delta.newUsers.length + delta.newSourceIps.length + delta.newModels.length;
  if (total === 0) return `${head}\nNo new users, source IPs or models since the previous report.\n`;
  return [head, ...newValueLines(delta, 6_000), ''].join('\n');
}

export function closingComment(report: ScanReport, ctx: IssueContext): string {
  const t = report.threshold;
  return `${issueMarker(report.detection.id)}\n🟢 Clean run: ${runLink(ctx)} found ${plural(report.matched, 'denied call')} (observed ${t.observed} ${t.by}, threshold ${t.value}). Closing.\n`;
}

/** Posted on an issue that an overlapping run opened too; the older issue carries on. */
export function duplicateComment(report: ScanReport, olderNumber: number): string {
  return `${issueMarker(report.detection.id)}\nDuplicate of #${olderNumber} (opened by an overlapping run); closing.\n`;
}

/** The body of the first issue: every value is new. */
export function firstIssueBody(report: ScanReport, ctx: IssueContext): string {
  return issueBody(report, ctx, deltaSince(null, stateOf(report)));
}
