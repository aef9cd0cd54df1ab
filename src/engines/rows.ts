/**
 * From the engine query's rows (athena-sql.ts) to the same DetectionResult the runner engine produces.
 * Everything past the SQL is the runner's own code: values are capped with capText, `suppress` rules are
 * applied per (group, modelId) with matchingRule, the parity drop follows, and the rows are folded into Splunk
 * rows by DeniedInvocations.merge (count sum, min firstTime, max lastTime, distinct sorted modelIds, the
 * report's order). Near-miss reasons come from the detector's own wording.
 */
import { capText } from '../decode/cap-text.js';
import { DeniedInvocations, fingerprintKey, type DetectionPartial } from '../detection/denied-invocations.js';
import { denyReasonOf } from '../detection/deny-reason.js';
import { VENDOR_PRODUCT } from '../detection/fields.js';
import { matchingRule } from '../detection/suppress.js';
import type { CimFields, DetectionResult, Selection } from '../detection/types.js';
import type { RESULT_COLUMNS } from './athena-sql.js';

export type EngineRow = Record<(typeof RESULT_COLUMNS)[number], string | null>;

const BY_FIELDS = ['src', 'user', 'user_agent', 'vendor_account', 'vendor_product', 'dest', 'signature', 'vendor_region', 'result', 'result_id'] as const;

const capped = (value: string | null): string | null => (value === null ? null : capText(value));

/** An ISO 8601 instant as to_iso8601 gives it (Lake's timestamps have no zone: they are UTC), in ms. */
function millis(value: string | null): number | null {
  if (value === null || value === '') return null;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(ms)) throw new Error(`the engine returned a time that is not ISO 8601: '${value}'`);
  return ms;
}

function count(value: string | null): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`the engine returned a count that is not a whole number: '${String(value)}'`);
  return n;
}

/** Folds the query's rows into the detection's result, exactly as the runner engine would have counted them. */
export function detectionFromRows(rows: Iterable<EngineRow>, selection: Selection): DetectionResult {
  const rules = selection.suppress ?? [];
  // No per-user context (recon, credentials): the query brings back only the denied calls' rows.
  const partial: DetectionPartial = { matched: 0, droppedByParity: 0, outsideWindow: 0, suppressed: rules.map(() => 0), groups: [], nearMisses: [], fingerprints: [], users: [] };
  const fingerprints = new Map<string, number>();
  // Near-miss wording (reason, the input that would include them) is the detector's: ask a window-less one.
  const wording = new DeniedInvocations({ ...selection, since: undefined, until: undefined, suppress: [] });
  const nearMissOf = (row: EngineRow) => {
    const probe = new DeniedInvocations(wording.selection);
    probe.observe({ eventSource: row.dest, eventName: row.signature, errorCode: row.result_id });
    return probe.partial().nearMisses[0];
  };

  for (const row of rows) {
    const events = count(row.events);
    if (row.kind === 'outside') {
      partial.outsideWindow += events;
      continue;
    }
    if (row.kind === 'near') {
      const near = nearMissOf(row);
      if (near === undefined) throw new Error(`the engine returned a near miss the detection does not recognise: ${JSON.stringify([row.dest, row.signature, row.result_id])}`);
      partial.nearMisses.push({ ...near, count: events });
      continue;
    }
    if (row.kind !== 'match') throw new Error(`the engine returned a row of unknown kind '${String(row.kind)}'`);
    const fields: CimFields = {
      src: capped(row.src),
      user: capped(row.user),
      user_agent: capped(row.user_agent),
      vendor_account: capped(row.vendor_account),
      vendor_product: VENDOR_PRODUCT,
      dest: capped(row.dest),
      signature: capped(row.signature),
      vendor_region: capped(row.vendor_region),
      result: capped(row.result),
      result_id: capped(row.result_id)
    };
    const modelId = capped(row.model_id);
    if (rules.length > 0) {
      const rule = matchingRule(rules, fields, modelId);
      if (rule) {
        partial.suppressed[rules.indexOf(rule)]! += events;
        continue;
      }
    }
    if (selection.splunkParity && BY_FIELDS.some((f) => fields[f] === null)) {
      partial.droppedByParity += events;
      continue;
    }
    partial.matched += events;
    // The rows are grouped by the ten fields and the model, so the baseline's fingerprints are exact too.
    const fingerprint = fingerprintKey({ user: fields.user, vendor_account: fields.vendor_account, src: fields.src, modelId, deny_reason: denyReasonOf(fields.result) });
    fingerprints.set(fingerprint, (fingerprints.get(fingerprint) ?? 0) + events);
    partial.groups.push({
      fields,
      count: events,
      first: millis(row.first_time),
      last: millis(row.last_time),
      modelIds: modelId === null ? [] : [modelId]
    });
  }
  partial.fingerprints = [...fingerprints];
  const detector = new DeniedInvocations(selection);
  detector.merge(partial);
  return withoutRunnerOnlyFields(detector.result());
}

/**
 * What only the runner engine computes: per-user context (recon calls, credentials, successful invokes) needs
 * every Bedrock record, not the denied calls' aggregates, and denials per hour need every event's time, while the
 * query groups by the ten fields and the model. An engine leaves them out (README) rather than report them empty.
 */
export const RUNNER_ONLY_FIELDS = ['userContext', 'deniedPerHour'] as const;

export function withoutRunnerOnlyFields(result: DetectionResult): DetectionResult {
  const copy = { ...result };
  for (const field of RUNNER_ONLY_FIELDS) delete copy[field];
  return copy;
}
