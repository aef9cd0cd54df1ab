import { DecodeError, type CloudTrailRecord, type ExportFormat } from './types.js';

/** Keys of a top-level object whose array value holds one item per record. */
export type EnvelopeKey = 'Records' | 'Events' | 'events';

export const ENVELOPE_FORMAT: Record<EnvelopeKey, ExportFormat> = {
  Records: 'records-envelope',
  Events: 'lookup-events',
  events: 'cloudwatch-logs'
};

export function isEnvelopeKey(key: string): key is EnvelopeKey {
  return key === 'Records' || key === 'Events' || key === 'events';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A digest document (log-file validation) has these and no Records. */
export function isDigestDocument(value: Record<string, unknown>): boolean {
  return 'digestStartTime' in value && !('Records' in value);
}

/** EventBridge wraps the record in `detail`; a CloudTrail record itself never has a top-level `detail`. */
function isEventBridgeEvent(value: Record<string, unknown>): boolean {
  return 'detail' in value && !('eventName' in value);
}

/**
 * Turns decoded items into records, counts them and works out the file's format.
 * Every strategy (fast, full, stream) drives the same sink, so shape rules and counts cannot drift apart.
 *
 * Shape checks (eventName present, known top-level keys) apply to the first record of a file: that is what
 * tells a CloudTrail file from some other JSON. Later items are only required to be objects, because the
 * fast path does not parse items that cannot be Bedrock records and all strategies must agree.
 */
export class RecordSink {
  records = 0;
  private formatSeen: ExportFormat | undefined;
  private recordsFromBareObjects = 0;
  private pendingArray = false;

  constructor(private readonly onRecord: (record: CloudTrailRecord) => void) {}

  get format(): ExportFormat {
    if (this.formatSeen === undefined) return this.pendingArray ? 'json-array' : 'empty';
    // One record object per line, or several concatenated: NDJSON rather than a single record.
    if (this.formatSeen === 'single-record' && this.recordsFromBareObjects > 1) return 'ndjson';
    return this.formatSeen;
  }

  private setFormat(format: ExportFormat): void {
    if (this.formatSeen === undefined) this.formatSeen = format;
  }

  envelopeStart(key: EnvelopeKey): void {
    this.setFormat(ENVELOPE_FORMAT[key]);
  }

  topLevelArrayStart(): void {
    // The format is decided by the first element (EventBridge events or records); empty array: json-array.
    if (this.formatSeen === undefined) this.pendingArray = true;
  }

  /** Counted without parsing: the fast path proved the bytes cannot hold a Bedrock record. */
  skippedItem(): void {
    this.records++;
  }

  /** A whole top-level object that was not parsed; digests hold no records. */
  skippedTopLevelObject(isDigest: boolean): void {
    if (isDigest) return;
    this.recordsFromBareObjects++;
    this.records++;
  }

  envelopeItem(key: EnvelopeKey, item: unknown): void {
    const position = this.records + 1;
    if (!isPlainObject(item)) {
      throw new DecodeError(`not CloudTrail: ${key}[] item (record ${position}) is ${describe(item)}, expected an object`);
    }
    if (key === 'Records') {
      this.emit(item);
      return;
    }
    // lookup-events and filter-log-events carry the record as a JSON string.
    const field = key === 'Events' ? 'CloudTrailEvent' : 'message';
    const text = item[field];
    if (typeof text !== 'string') {
      throw new DecodeError(`not CloudTrail: ${key}[] item (record ${position}) has no string ${field}`);
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      throw new DecodeError(
        `not CloudTrail: ${key}[] item (record ${position}) ${field} is not JSON: ${(error as Error).message}`
      );
    }
    this.emit(record, `${key}[].${field}`);
  }

  topLevelArrayItem(item: unknown): void {
    const position = this.records + 1;
    if (!isPlainObject(item)) {
      throw new DecodeError(`not CloudTrail: array item (record ${position}) is ${describe(item)}, expected an object`);
    }
    if (isEventBridgeEvent(item)) {
      if (this.pendingArray) this.formatSeen = 'eventbridge';
      this.pendingArray = false;
      this.emit(item.detail, 'EventBridge detail');
      return;
    }
    if (this.pendingArray) this.formatSeen = 'json-array';
    this.pendingArray = false;
    this.emit(item);
  }

  /** A whole top-level object: an envelope whose key was escaped, a digest, an EventBridge event or a record. */
  topLevelObject(value: unknown): void {
    if (!isPlainObject(value)) {
      throw new DecodeError(`not CloudTrail: top-level value is ${describe(value)}`);
    }
    const keys = (['Records', 'Events', 'events'] as const).filter((key) => key in value);
    if (keys.length > 1) {
      throw new DecodeError(`not CloudTrail: duplicate envelope key "${keys[1]}" after the "${keys[0]}" array`);
    }
    for (const key of keys) {
      const items = value[key];
      if (!Array.isArray(items)) {
        throw new DecodeError(`not CloudTrail: "${key}" is ${describe(items)}, expected an array`);
      }
      this.envelopeStart(key);
      for (const item of items) this.envelopeItem(key, item);
      return;
    }
    if (isDigestDocument(value)) {
      this.setFormat('digest');
      return;
    }
    if (isEventBridgeEvent(value)) {
      this.setFormat('eventbridge');
      this.emit(value.detail, 'EventBridge detail');
      return;
    }
    if (!('eventName' in value) && this.records === 0) {
      throw new DecodeError(
        'not CloudTrail: top-level object has none of Records/Events/events/detail/eventName/digestStartTime'
      );
    }
    this.setFormat('single-record');
    this.recordsFromBareObjects++;
    this.emit(value);
  }

  private emit(record: unknown, what = 'record'): void {
    const position = this.records + 1;
    if (!isPlainObject(record)) {
      throw new DecodeError(`not CloudTrail: ${what} (record ${position}) is ${describe(record)}, expected an object`);
    }
    if (position === 1 && record.eventType === 'AwsCloudTrailInsight') {
      // A CloudTrail Insights file: its records describe unusual activity, not API calls (no top-level
      // eventName/eventSource), so the detection never selects them; they are still counted and seen.
      this.formatSeen = 'insight';
    } else if (position === 1 && !('eventName' in record)) {
      throw new DecodeError(`not CloudTrail: first ${what} has no eventName`);
    }
    this.records++;
    this.onRecord(record);
  }
}
