import { inert } from './escape.js';

/** Why a run stopped before it could report. */
export type StopKind = 'configuration' | 'query' | 'internal';

const HEADLINE: Record<StopKind, string> = {
  configuration: 'Not scanned: configuration error.',
  query: 'Not scanned: the query engine failed.',
  internal: 'Not scanned: internal error.'
};

/** The whole job summary of a run stopped before it could report: one line saying why (for a configuration error, which input). */
export function renderStoppedSummary(message: string, kind: StopKind): string {
  return `## Bedrock denied-invocation scan\n\n❌ **${HEADLINE[kind]}** ${inert(message.replace(/\s+/g, ' '), 2000)}\n`;
}
