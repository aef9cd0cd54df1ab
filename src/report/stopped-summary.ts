import { inert } from './escape.js';

/** The whole job summary of a run stopped before it could report: one line saying why (for a configuration error, which input). */
export function renderStoppedSummary(message: string, isConfigError: boolean): string {
  const what = isConfigError ? 'Not scanned: configuration error.' : 'Not scanned: internal error.';
  return `## Bedrock denied-invocation scan\n\n❌ **${what}** ${inert(message.replace(/\s+/g, ' '), 2000)}\n`;
}
