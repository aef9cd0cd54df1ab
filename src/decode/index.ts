export { decodeCloudTrail, recordsBeforeError } from './cloudtrail.js';
export { DEFAULT_PREFILTER } from './prefilter.js';
export { DecodeError } from './types.js';
export type { CloudTrailRecord, DecodeOptions, DecodeResult, ExportFormat } from './types.js';
