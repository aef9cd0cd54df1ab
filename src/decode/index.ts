export { decodeCloudTrail, isSkippablePath } from './cloudtrail.js';
export { DecodeError } from './types.js';
export type { CloudTrailRecord, DecodeOptions, DecodeResult, ExportFormat } from './types.js';
