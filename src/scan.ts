import { decodeCloudTrail, recordsBeforeError } from './decode/index.js';
import { DecodeError, type CloudTrailRecord, type DecodeOptions, type ExportFormat } from './decode/types.js';
import { isSourceGap, type Source, type SourceGap, type SourceObject } from './sources/types.js';

/** A file, object or listing that could not be scanned, and why. */
export interface FileFailure {
  file: string;
  error: string;
}

export interface ScanTotals {
  files: number;
  filesSkipped: number;
  filesFailed: FileFailure[];
  /** Objects named again by an overlapping `source` line or a symlink, read only once. */
  filesDuplicate: number;
  records: number;
  bytes: number;
  formats: Partial<Record<ExportFormat, number>>;
}

/** What a long scan has done so far, for a progress line (read while the scan runs). */
export interface ScanProgress {
  readonly sources: readonly Source[];
  records(): number;
  matched(): number;
}

export interface ScanOptions {
  concurrency: number;
  onRecord(record: CloudTrailRecord): void;
  strategy?: DecodeOptions['strategy'];
  /** Lower-case event sources the fast path prefilters on: `prefilterMarkers(selection)` from detection/prefilter.ts. */
  prefilter?: DecodeOptions['prefilter'];
}

async function* allObjects(sources: Source[]): AsyncGenerator<SourceObject | SourceGap> {
  for (const source of sources) yield* source.objects();
}

function describeError(error: unknown): string {
  if (error instanceof DecodeError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * Reads every object of every source, `concurrency` at a time, and feeds the records to `onRecord`.
 * A file that can't be read or decoded is recorded with its reason and the scan goes on; records it
 * yielded before failing stay counted. Errors from listing a source (bad bucket, credentials) propagate.
 */
export async function scanSources(sources: Source[], options: ScanOptions): Promise<ScanTotals> {
  const totals: ScanTotals = { files: 0, filesSkipped: 0, filesFailed: [], filesDuplicate: 0, records: 0, bytes: 0, formats: {} };
  const objects = allObjects(sources);
  const seen = new Set<string>();

  const scanOne = async (object: SourceObject): Promise<void> => {
    totals.files++;
    // Digest and Insights files are recognised by content (the S3 source already leaves their folders out).
    let records = 0;
    try {
      const stream = await object.open();
      const result = await decodeCloudTrail(stream, {
        strategy: options.strategy,
        prefilter: options.prefilter,
        onRecord(record) {
          records++;
          options.onRecord(record);
        }
      });
      totals.records += result.records;
      totals.bytes += result.bytes;
      totals.formats[result.format] = (totals.formats[result.format] ?? 0) + 1;
      if (result.format === 'digest' || result.format === 'insight') totals.filesSkipped++;
    } catch (error) {
      // Records the detection already saw were read: count them, so matched never exceeds records.
      totals.records += recordsBeforeError(error) ?? records;
      const kept = records > 0 ? ` (the ${records} records parsed before the error were still scanned)` : '';
      totals.filesFailed.push({ file: object.name, error: describeError(error) + kept });
    }
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await objects.next();
      if (next.done) return;
      const item = next.value;
      if (isSourceGap(item)) {
        totals.filesFailed.push({ file: item.name, error: item.error });
        continue;
      }
      if (item.identity !== undefined) {
        if (seen.has(item.identity)) {
          totals.filesDuplicate++;
          continue;
        }
        seen.add(item.identity);
      }
      await scanOne(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  totals.filesFailed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return totals;
}
