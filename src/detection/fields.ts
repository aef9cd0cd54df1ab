import { capText, isCappedText } from '../decode/cap-text.js';
import type { CloudTrailRecord } from '../decode/types.js';
import type { CimFields } from './types.js';

export const VENDOR_PRODUCT = 'AWS CloudTrail';

function objectAt(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * A field as Splunk would show it: strings as written, numbers and booleans as text, anything else null.
 * Every string the detection reads goes through here and is capped (capText: at most 8192 UTF-16 code units,
 * a longer one keeps its head plus `…[truncated: N chars, sha256:…]`), so selection, suppression, grouping
 * and the report all see the same bounded value, whether the decoder capped it already or not.
 */
export function scalarText(value: unknown): string | null {
  if (typeof value === 'string') return capText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function presentText(value: unknown): string | null {
  const s = scalarText(value);
  return s === null || s === '' ? null : s;
}

/** Last `/`-segment of the last `:`-segment: `arn:aws:iam::1:user/a/b` → `b`, `arn:aws:iam::1:root` → `root`. */
function arnName(arn: string): string | null {
  const afterColon = arn.slice(arn.lastIndexOf(':') + 1);
  const name = afterColon.slice(afterColon.lastIndexOf('/') + 1);
  return name === '' ? null : name;
}

/**
 * The CIM `user` the Splunk Add-on for AWS derives: userName, else the session issuer's userName (an assumed
 * role gives the role, not the session), else the name at the end of the identity's ARN (root gives `root`),
 * or of requestParameters.roleArn when the identity has no ARN.
 */
export function cimUser(record: CloudTrailRecord): string | null {
  const identity = objectAt(record.userIdentity);
  const direct = presentText(identity?.userName);
  if (direct !== null) return direct;
  const issuer = objectAt(objectAt(identity?.sessionContext)?.sessionIssuer);
  const issuerName = presentText(issuer?.userName);
  if (issuerName !== null) return issuerName;
  const arn = presentText(identity?.arn) ?? presentText(objectAt(record.requestParameters)?.roleArn);
  if (arn === null) return null;
  // The tail of a capped ARN is the cap marker: show the capped ARN rather than a piece of the hash.
  return isCappedText(arn) ? arn : arnName(arn);
}

/** The ten `stats by` fields of the Splunk search, mapped as the Splunk Add-on for AWS maps aws:cloudtrail. */
export function cimFields(record: CloudTrailRecord): CimFields {
  const identity = objectAt(record.userIdentity);
  return {
    src: scalarText(record.sourceIPAddress),
    user: cimUser(record),
    user_agent: scalarText(record.userAgent),
    vendor_account: presentText(identity?.accountId) ?? scalarText(record.recipientAccountId),
    vendor_product: VENDOR_PRODUCT,
    dest: scalarText(record.eventSource),
    signature: scalarText(record.eventName),
    vendor_region: scalarText(record.awsRegion),
    result: scalarText(record.errorMessage),
    result_id: scalarText(record.errorCode)
  };
}

/** requestParameters.modelId, the one value `values(requestParameters.modelId)` collects. */
export function modelIdOf(record: CloudTrailRecord): string | null {
  return scalarText(objectAt(record.requestParameters)?.modelId);
}

/** eventTime in ms since epoch, or null when missing or not a date. */
export function eventTimeOf(record: CloudTrailRecord): number | null {
  if (typeof record.eventTime !== 'string') return null;
  const ms = Date.parse(capText(record.eventTime));
  return Number.isNaN(ms) ? null : ms;
}

/** `security_content_ctime`: `%Y-%m-%dT%H:%M:%S` in UTC, no zone suffix. */
export function splunkTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}
