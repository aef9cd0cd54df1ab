import { BEDROCK_RUNTIME_SOURCES } from './metadata.js';
import type { Selection } from './types.js';

/**
 * The event sources a record must have to matter to the detection: the selection's `event-sources` and the
 * Bedrock runtime sources whose denied invoke calls are counted as near misses whatever the selection says.
 * Lower-cased and de-duplicated; pass it as `prefilter` to decodeCloudTrail / scanSources so the fast path
 * parses every record that could match (it works out safe byte markers, or parses everything).
 */
export function prefilterMarkers(selection: Pick<Selection, 'eventSources'>): string[] {
  return [...new Set([...selection.eventSources, ...BEDROCK_RUNTIME_SOURCES].map((source) => source.toLowerCase()))];
}
