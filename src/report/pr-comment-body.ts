/** The sticky pull-request comment's text. */
import { prCommentMarker, renderFindingsBody } from './findings-markdown.js';
import { plural } from './html.js';
import type { ScanReport } from './types.js';

export interface PrCommentContext {
  owner: string;
  repo: string;
  runUrl?: string;
}

export function prCommentBody(report: ScanReport, ctx: PrCommentContext): string {
  const t = report.threshold;
  const heading = t.exceeded
    ? 'Denied Amazon Bedrock model invocations'
    : report.findings.length > 0
      ? 'Denied Amazon Bedrock model invocations: within threshold'
      : 'No denied Amazon Bedrock model invocations';
  const body = renderFindingsBody(report, { marker: prCommentMarker(report.detection.id), heading, runUrl: ctx.runUrl });
  return `${body}\n<sub>Updated in place by bedrock-denied-scan at ${report.generatedAt.replace(/[^0-9TZ:.-]/g, '')} (${plural(report.matched, 'denied call')}).</sub>\n`;
}
