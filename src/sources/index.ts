import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { ActionConfig } from '../config.js';
import type { ArtifactSourceOptions } from './artifact.js';
import { ExcludingSource, ExclusionPattern } from './exclude.js';
import { LocalSource } from './local.js';
import { ConfigError } from '../errors.js';
import { idleTimeoutFromEnv } from './idle.js';
import type { Source } from './types.js';

/** Seams for tests and embedding; production passes nothing. */
export interface SourceDeps {
  env?: NodeJS.ProcessEnv;
  /** Extra S3Client settings (e.g. test credentials). */
  s3ClientConfig?: Partial<S3ClientConfig>;
  /** A ready S3 client, used instead of building one. */
  s3Client?: S3Client;
  /** Test-only: ListObjectsV2 page size. */
  s3MaxKeys?: number;
  /**
   * S3 and HTTPS idle timeout in ms (no bytes for this long fails a connection, request or body read).
   * Default: BEDROCK_DENIED_SCAN_IDLE_TIMEOUT_MS from `env`, else 30 s.
   */
  idleTimeoutMs?: number;
  /** Where S3 layout warnings go (default: warning annotations). */
  warn?: (message: string) => void;
  /** Waits between HTTPS attempts (its length + 1 attempts). */
  httpRetryDelaysMs?: number[];
  /** Where artifact downloads go (default RUNNER_TEMP). */
  tempDir?: string;
  artifactClient?: ArtifactSourceOptions['client'];
}

/** An `s3://` source line (S3 sources default to a 24-hour event window). */
export function isS3Source(line: string): boolean {
  return /^s3:\/\//i.test(line);
}

/**
 * One Source per `source` line: `s3://bucket/prefix/`, `https://...`, `artifact:NAME`, else a local path, directory or glob.
 * `window` (ms since epoch) prunes S3 CloudTrail listings to the day folders that can hold events in it.
 * Throws ConfigError for malformed lines; problems found while listing (no match, missing bucket) surface from objects().
 */
export async function createSources(
  config: ActionConfig,
  window: { since?: number; until?: number },
  deps: SourceDeps = {}
): Promise<Source[]> {
  const exclusions = (config.exclude ?? []).map((pattern) => new ExclusionPattern(pattern, config.workspace));
  const sources: Source[] = [];
  for (const line of config.sources) sources.push(await sourceFor(line, config, window, deps));
  return exclusions.length > 0 ? sources.map((source) => new ExcludingSource(source, exclusions)) : sources;
}

/**
 * The S3, HTTPS and artifact sources are loaded only for a `source` line that needs them: with them come the
 * proxy support and `@actions/http-client` (with undici), about 40 ms of start-up a scan of local files would
 * otherwise pay before its first byte.
 */
async function sourceFor(line: string, config: ActionConfig, window: { since?: number; until?: number }, deps: SourceDeps): Promise<Source> {
  if (isS3Source(line)) {
    const { S3Source } = await import('./s3.js');
    return new S3Source(line, window, {
      region: config.awsRegion,
      endpoint: config.s3Endpoint,
      accounts: config.accounts,
      regions: config.regions,
      // Many small objects behind S3's latency need far more GETs in flight than local files (64 unless set).
      listConcurrency: Math.min(16, Math.max(4, config.s3Concurrency ?? config.concurrency)),
      readConcurrency: config.s3Concurrency ?? config.concurrency,
      maxKeys: deps.s3MaxKeys,
      clientConfig: deps.s3ClientConfig,
      client: deps.s3Client,
      env: deps.env,
      idleTimeoutMs: deps.idleTimeoutMs ?? idleTimeoutFromEnv(deps.env ?? process.env),
      warn: deps.warn
    });
  }
  if (/^https?:\/\//i.test(line)) {
    const { HttpsSource } = await import('./https.js');
    return new HttpsSource(line, {
      retryDelaysMs: deps.httpRetryDelaysMs,
      timeoutMs: deps.idleTimeoutMs ?? idleTimeoutFromEnv(deps.env ?? process.env)
    });
  }
  if (/^artifact:/i.test(line)) {
    const { ArtifactSource } = await import('./artifact.js');
    return new ArtifactSource(line, {
      runId: config.artifactRunId,
      repository: config.artifactRepository,
      token: config.githubToken,
      tempDir: deps.tempDir,
      env: deps.env,
      client: deps.artifactClient
    });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line)) {
    throw new ConfigError(`Input 'source': unsupported scheme in '${line.replace(/\?.*$/, '?…')}'; use a path, s3://, https:// or artifact:NAME`);
  }
  return new LocalSource(line, config.workspace);
}
