import type * as http from 'node:http';
import type { Readable } from 'node:stream';
import * as runner from '../workflow-commands.js';
import type { S3Client, S3ClientConfig, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { countedStream } from './byte-counter.js';
import {
  ACCOUNT_ID,
  ORG_ID,
  deliveredInWindow,
  locateInLayout,
  parseS3Url,
  windowDays,
  type LayoutPosition,
  type TimeWindow
} from './cloudtrail-layout.js';
import { readAheadInOrder } from './read-ahead.js';
import { DirectGets, plainRequestShape } from './s3-direct-get.js';
import type { SigningCredentials } from './sigv4.js';
import { VERSION } from '../version.js';
import { WHOLE_READ_BYTES, storedStream } from './whole-body.js';
import { ConfigError } from '../errors.js';
import { ProxyError, proxyAgentFor, proxyNote, redactProxy } from '../proxy.js';
import { DEFAULT_IDLE_TIMEOUT_MS, idleGuard, isTimeout } from './idle.js';
import type { RemoteRead, Source, SourceDescription, SourceGap, SourceObject } from './types.js';

export interface S3SourceOptions {
  /** `config.awsRegion`; '' lets the SDK resolve it (env, profile), with us-east-1 as the last resort. */
  region?: string;
  /** `config.s3Endpoint`; '' uses AWS S3 or `AWS_ENDPOINT_URL_S3`, which the SDK reads itself. */
  endpoint?: string;
  /** Account ids to read; empty means all. */
  accounts?: string[];
  /** Regions to read; empty means all. */
  regions?: string[];
  /** Day prefixes listed at once (ahead of the reader). */
  listConcurrency?: number;
  /** Objects read at once (GETs in flight), see S3_READ_CONCURRENCY; the client's connection pool is sized for it. */
  readConcurrency?: number;
  /** Test-only: a small page size exercises pagination. */
  maxKeys?: number;
  /** Test-only or advanced: extra S3Client settings (credentials...). */
  clientConfig?: Partial<S3ClientConfig>;
  /** Used instead of building a client. */
  client?: S3Client;
  env?: NodeJS.ProcessEnv;
  /**
   * No bytes for this long fails a connection attempt, a request or a body read (default 30 s). Requests are retried
   * by the SDK; a stalled body is resumed like a reset one. Ignored for the connection when `client` is given.
   */
  idleTimeoutMs?: number;
  /** Ranged GETs that resume an object whose body broke off, before the object fails (default 3). */
  maxResumes?: number;
  /** Where warnings go (default: a warning annotation). */
  warn?: (message: string) => void;
}

/** Ranged GETs that resume a broken-off object body. */
export const MAX_RESUMES = 3;

/**
 * Objects read at once from S3 unless `concurrency` is set. CloudTrail delivers a 5-15 KB file every few minutes
 * per account and region, so a window is thousands of small objects, each waiting S3's time to first byte (tens
 * of ms): 8 at a time leaves the scan waiting on the network. Memory stays bounded because the scan also caps the
 * compressed bytes in flight (scan.ts), so big objects are still read about 4 at a time. (config.ts's
 * DEFAULT_S3_CONCURRENCY, which the action passes, says why 192.)
 */
export const S3_READ_CONCURRENCY = 192;
/**
 * The most a small object (listed at WHOLE_READ_BYTES or less) may turn out to hold when read whole by a direct
 * GET; a bigger one is read again through the SDK, streamed.
 */
const WHOLE_GET_MAX_BYTES = 1024 * 1024;
/** AWS regions of the commercial partition (`amazonaws.com`): the ones a request built without the SDK may go to. */
const COMMERCIAL_REGION = /^(us|eu|ap|sa|ca|me|af|il|mx)-(east|west|north|south|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;
/** A bucket name every S3 endpoint takes as it is, in the host or the path. */
const PLAIN_BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** What requests sent before the SDK loads call themselves (the SDK's own user agent is learned from its requests). */
const USER_AGENT = `bedrock-denied-scan/${VERSION} lang/js md/nodejs#${process.versions.node}`;
/** Day prefixes listed ahead of the reader by default. */
export const S3_LIST_CONCURRENCY = 16;

/** How far below the given prefix to look for `AWSLogs/` folders, and how many folder listings that may cost. */
const AWSLOGS_SEARCH_DEPTH = 3;
const AWSLOGS_SEARCH_MAX_LISTINGS = 100;
/** describe() lists at most this many prefixes (and gives the total). */
const PREFIXES_REPORTED = 50;

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'InvalidAccessKeyId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
  'TokenRefreshRequired',
  'SignatureDoesNotMatch'
]);

interface ListedObject {
  key: string;
  size?: number;
}

/** What a listing group yields: objects to read, or a prefix that could not be listed. */
type Listed = ListedObject | SourceGap;

/** The connection pool for an endpoint, shared by the SDK's client and the direct requests (S3Source.transport). */
interface Transport {
  agent: http.Agent;
  https: boolean;
  endpoint: URL;
}

/** What the source reads of a ListObjectsV2 page, whether the SDK or a direct listing read it. */
type ListedPage = Pick<ListObjectsV2CommandOutput, 'IsTruncated' | 'NextContinuationToken'> & {
  Contents?: { Key?: string; Size?: number }[];
  CommonPrefixes?: { Prefix?: string }[];
};
/** What discovery (accounts, regions, day folders) yields: a prefix, or a folder that could not be listed. */
type Found = string | SourceGap;

const isGap = (item: Listed | Found): item is SourceGap => typeof item === 'object' && 'gap' in item;

async function* single<T>(item: T): AsyncGenerator<T> {
  yield item;
}

/** Every item of `items`, as one array. */
async function* allOf<T>(items: AsyncIterable<T>): AsyncGenerator<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  yield all;
}

/** A GetObject response as open() and the resume loop use it. */
interface ObjectBody {
  body: Readable;
  etag?: string;
  /** The whole object's size (from Content-Range for a ranged GET). */
  total?: number;
}

interface AwsError {
  name?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

function errorName(err: unknown): string {
  const e = err as AwsError;
  return e?.name || e?.Code || 'Error';
}

/** `Code: message`, with timeouts worded the same whichever layer noticed them. */
function describeFailure(err: unknown, idleTimeoutMs: number): string {
  if (isTimeout(err)) return `no data for ${idleTimeoutMs} ms`;
  const e = err as AwsError & { code?: string };
  const name = errorName(err);
  const message = e?.message ?? String(err);
  if (name === 'Error' && e?.code && !message.includes(e.code)) return `${e.code}: ${message}`;
  return name === 'Error' ? message : `${name}: ${message}`;
}

/** `s3://bucket/prefix/`: objects under a CloudTrail layout (pruned to the time window) or, failing that, every object. */
export class S3Source implements Source {
  readonly bucket: string;
  readonly prefix: string;
  private readonly accounts: string[];
  private readonly regions: string[];
  private clientPromise?: Promise<S3Client>;
  private layout: 'cloudtrail' | 'flat' | undefined;
  private readonly trailRoots: string[] = [];
  private readonly prefixesListed: string[] = [];
  private prefixesListedCount = 0;
  private listRequests = 0;
  private objectsListed = 0;
  private objectsSkippedByDeliveryTime = 0;
  private objectsRead = 0;
  /** Of objectsRead, those a scan worker thread read itself (remotePlan). */
  private objectsReadByWorkerThreads = 0;
  private bytesRead = 0;
  private retries = 0;
  private resumes = 0;
  private prefixesNotListed = 0;
  private readonly warnings: string[] = [];
  /** The proxy requests go through (redacted), when one does. */
  private proxy: string | undefined;
  /** ` (through proxy …)` (or why not) for network errors. */
  private proxyNoteText = '';
  /** GETs sent without the SDK's middleware once it has sent one (s3-direct-get.ts); absent with a client passed in. */
  private directGets: DirectGets | undefined;
  /** The connection pool for a region's endpoint (transport()). */
  private transportFor: { region: string; transport: Transport | undefined } | undefined;
  /** startWithoutSdk(), once. */
  private started: Promise<void> | undefined;
  /** Folder listings started before they were needed, by prefix (prefetchFolders). */
  private readonly prefetchedFolders = new Map<string, Promise<Found[]>>();

  constructor(
    private readonly line: string,
    private readonly window: TimeWindow,
    private readonly options: S3SourceOptions = {}
  ) {
    const location = parseS3Url(line);
    this.bucket = location.bucket;
    this.prefix = location.prefix;
    this.accounts = options.accounts ?? [];
    this.regions = options.regions ?? [];
    for (const account of this.accounts) {
      if (!ACCOUNT_ID.test(account)) throw new ConfigError(`Input 'accounts': '${account}' is not a 12-digit AWS account id`);
    }
  }

  private get where(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  private get idleTimeoutMs(): number {
    return this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  get readConcurrency(): number {
    return this.options.readConcurrency ?? S3_READ_CONCURRENCY;
  }

  private get listConcurrency(): number {
    return Math.max(1, this.options.listConcurrency ?? S3_LIST_CONCURRENCY);
  }

  objects(): AsyncIterable<SourceObject | SourceGap> {
    return this.generateObjects();
  }

  private async *generateObjects(): AsyncGenerator<SourceObject | SourceGap> {
    const width = this.listConcurrency;
    // A worker thread reads small objects itself once direct GETs work (see remotePlan); a client passed in keeps
    // every read on this thread.
    const canHandOver = this.options.client === undefined;
    const absorb = (bytesRead: number): void => {
      // A worker thread read it (which confirms a trial shape it may have been trying).
      this.directGets?.succeeded();
      this.objectsRead++;
      this.objectsReadByWorkerThreads++;
      this.bytesRead += bytesRead;
    };
    const declined = (): void => {
      // The worker's request was sent and failed: a retry, as on this thread; and the shape is asked again of the SDK.
      this.retries++;
      this.directGets?.forget();
    };
    for await (const listed of readAheadInOrder(this.listingGroups(), width)) {
      if (isGap(listed)) {
        yield listed;
        continue;
      }
      const name = `s3://${this.bucket}/${listed.key}`;
      const { key, size } = listed;
      // CloudTrail's 5-15 KB files are read whole, then decoded in one go (whole-body.ts).
      if (size !== undefined && size <= WHOLE_READ_BYTES) {
        const remote = canHandOver ? { plan: () => this.remotePlan(key), declined, absorb } : undefined;
        yield { name, size, identity: name, open: () => this.readWhole(key), remote };
        continue;
      }
      // Larger ones are streamed, resumed where a body breaks off; the GET may be sent ahead of the read, its
      // answer waiting unread for open().
      let answer: Promise<ObjectBody> | undefined;
      const requestAhead = (): void => {
        answer ??= this.getObject(key);
        answer.catch(() => undefined);
      };
      const open = (): Promise<Readable> => {
        const sent = answer;
        answer = undefined;
        return this.open(key, sent);
      };
      yield { name, size, identity: name, open, requestAhead };
    }
  }

  /**
   * What a scan worker thread needs to read a small object itself (sources/remote.ts): the direct GET as plain
   * data, with the client's current credentials. Undefined until a listing or a GET the SDK sent has taught the
   * request's shape (a listing's only on trial: see DirectGets) or when direct GETs do not work: the object is then
   * read on this thread.
   */
  private async remotePlan(key: string): Promise<RemoteRead | undefined> {
    if (this.directGets?.ready !== true || this.directGets.claimTrial(key)) return undefined;
    const direct = await this.directGets.plan();
    if (direct === undefined) return undefined;
    const session = this.directGets.tlsSession(direct);
    return { key, maxBytes: WHOLE_GET_MAX_BYTES, maxSockets: this.readConcurrency, direct, ...(session ? { session } : {}) };
  }

  describe(): SourceDescription {
    const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
    return {
      kind: 's3',
      location: this.line,
      details: {
        bucket: this.bucket,
        prefix: this.prefix,
        layout: this.layout ?? null,
        trailRoots: this.trailRoots,
        window: { since: iso(this.window.since), until: iso(this.window.until) },
        accounts: this.accounts,
        regions: this.regions,
        prefixesListed: this.prefixesListed,
        prefixesListedCount: this.prefixesListedCount,
        listRequests: this.listRequests,
        objectsListed: this.objectsListed,
        objectsSkippedByDeliveryTime: this.objectsSkippedByDeliveryTime,
        objectsRead: this.objectsRead,
        objectsReadByWorkerThreads: this.objectsReadByWorkerThreads,
        bytesRead: this.bytesRead,
        retries: this.retries,
        resumes: this.resumes,
        prefixesNotListed: this.prefixesNotListed,
        warnings: this.warnings,
        ...(this.proxy ? { proxy: this.proxy } : {})
      }
    };
  }

  // ---- client and errors ----

  private client(): Promise<S3Client> {
    this.clientPromise ??= this.createClient();
    return this.clientPromise;
  }

  private async createClient(): Promise<S3Client> {
    if (this.options.client) return this.options.client;
    const { S3Client } = await import('@aws-sdk/client-s3');
    const endpoint = this.options.endpoint || undefined;
    const customEndpoint = this.customEndpoint();
    const base: S3ClientConfig = {
      // A custom endpoint (ours or the SDK's AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) means an S3-compatible store,
      // which rarely serves virtual-host-style bucket names.
      forcePathStyle: Boolean(customEndpoint),
      endpoint,
      // A bucket in another region answers 301; let the SDK retry there instead of failing.
      followRegionRedirects: true,
      retryMode: 'standard',
      maxAttempts: 5,
      // CloudTrail objects carry no flexible checksums; skipping them also keeps S3-compatible stores working.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // The middleware stack is resolved once per command class instead of on every request: measured 0.15 ms of
      // CPU per request (2,016 small objects: about 0.3 s); the action never changes a stack after the first request.
      cacheMiddleware: true,
      // Nothing may hang: no connection within the idle timeout, or no bytes for that long on an open socket
      // (waiting for headers or mid-body), fails the attempt; the SDK retries it within maxAttempts.
      requestHandler: { connectionTimeout: this.idleTimeoutMs, socketTimeout: this.idleTimeoutMs },
      ...this.options.clientConfig
    };
    const region = this.options.region || (await this.resolveRegion(base, S3Client));
    const handler = (base.requestHandler ?? {}) as Record<string, unknown>;
    const transport = await this.transport(region);
    // Only an options object can take agents; a handler instance passed in clientConfig is used as it is.
    const agent = handler.constructor === Object ? transport?.agent : undefined;
    if (agent !== undefined) {
      base.requestHandler = { ...handler, [transport!.https ? 'httpsAgent' : 'httpAgent']: agent } as S3ClientConfig['requestHandler'];
    }
    const client = new S3Client({ ...base, region });
    if (agent !== undefined) {
      if (this.directGets === undefined) this.directGets = new DirectGets(client, agent, this.idleTimeoutMs);
      else this.directGets.teach(client);
    }
    return client;
  }

  /**
   * The connection pool requests go through for `region`'s endpoint (the same one before and after the SDK loads):
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY decided as @actions/http-client decides for the endpoint's URL (the custom
   * endpoint, else the bucket's regional virtual-hosted URL), and one kept-alive connection per request in flight
   * (GETs and listings), so requests never queue for a socket behind the SDK's default of 50.
   */
  private async transport(region: string): Promise<Transport | undefined> {
    if (this.transportFor?.region === region) return this.transportFor.transport;
    const endpointUrl = this.endpointUrl(this.customEndpoint(), region);
    let transport: Transport | undefined;
    if (endpointUrl !== undefined) {
      const maxSockets = this.readConcurrency + this.listConcurrency;
      const proxyAgent = proxyAgentFor(endpointUrl, { keepAlive: true, maxSockets, connectTimeoutMs: this.idleTimeoutMs });
      if (proxyAgent) this.proxy = redactProxy(proxyAgent.proxy);
      this.proxyNoteText = proxyNote(endpointUrl);
      const endpoint = new URL(endpointUrl);
      const https = endpoint.protocol === 'https:';
      const { Agent } = https ? await import('node:https') : await import('node:http');
      transport = { agent: proxyAgent ?? new Agent({ keepAlive: true, maxSockets }), https, endpoint };
    }
    this.transportFor = { region, transport };
    return transport;
  }

  /**
   * Direct requests before the SDK is loaded, when nothing needs it: static credentials (the environment's, which
   * the SDK's chain would take first, or the client settings'), a region given, and a plain endpoint (a custom one,
   * or AWS S3 in the commercial partition without FIPS, dual-stack or acceleration, for a plain bucket name). Their
   * shape is on trial (DirectGets.suggest): anything but a 200 sends the request through the SDK, which then loads
   * and teaches the shape. Why: loading the SDK, building its client and its first request took about 0.13 s before
   * the first listing went out, a quarter of a local scan of 16 large objects.
   */
  private async startWithoutSdk(): Promise<void> {
    if (this.options.client !== undefined || this.directGets !== undefined) return;
    const env = this.options.env ?? process.env;
    const config = this.options.clientConfig ?? {};
    const region = this.options.region || (typeof config.region === 'string' ? config.region : '') || env.AWS_REGION || '';
    const credentials = this.staticCredentials();
    const custom = this.customEndpoint() !== undefined;
    const flagged = (name: string) => /^true$/i.test(env[name] ?? '');
    const plain =
      region !== '' &&
      (config.requestHandler === undefined || (config.requestHandler as object).constructor === Object) &&
      config.endpoint === undefined &&
      !config.useFipsEndpoint &&
      !config.useDualstackEndpoint &&
      !config.useAccelerateEndpoint &&
      !flagged('AWS_USE_FIPS_ENDPOINT') &&
      !flagged('AWS_USE_DUALSTACK_ENDPOINT') &&
      (custom || (COMMERCIAL_REGION.test(region) && PLAIN_BUCKET.test(this.bucket)));
    if (credentials === undefined || !plain) return;
    const transport = await this.transport(region);
    if (transport === undefined || this.directGets !== undefined) return;
    const pathStyle = custom || this.bucket.includes('.');
    const signing = { credentials: async () => credentials, clockOffsetMs: () => 0 };
    this.directGets = new DirectGets(undefined, transport.agent, this.idleTimeoutMs, signing);
    this.directGets.suggest(plainRequestShape(transport.endpoint, this.bucket, pathStyle, region, USER_AGENT));
  }

  /** The S3-compatible endpoint asked for: `s3-endpoint`, else the SDK's AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL. */
  private customEndpoint(): string | undefined {
    const env = this.options.env ?? process.env;
    return this.options.endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL || undefined;
  }

  /**
   * Credentials known without the SDK: the client settings' when they are plain values (a provider function is
   * the SDK's to call: undefined), else the environment's, which the SDK's chain would take first.
   */
  private staticCredentials(): SigningCredentials | undefined {
    const env = this.options.env ?? process.env;
    const given = this.options.clientConfig?.credentials as { accessKeyId?: unknown; secretAccessKey?: unknown; sessionToken?: unknown } | undefined;
    if (given !== undefined) {
      if (given === null || typeof given !== 'object' || typeof given.accessKeyId !== 'string' || typeof given.secretAccessKey !== 'string') return undefined;
      const token = typeof given.sessionToken === 'string' && given.sessionToken ? { sessionToken: given.sessionToken } : {};
      return { accessKeyId: given.accessKeyId, secretAccessKey: given.secretAccessKey, ...token };
    }
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY) return undefined;
    return { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
  }

  /** The region from clientConfig or the SDK's chain (env, profile), else us-east-1. */
  private async resolveRegion(base: S3ClientConfig, S3Client: typeof import('@aws-sdk/client-s3').S3Client): Promise<string> {
    if (typeof base.region === 'string' && base.region) return base.region;
    const probe = new S3Client({ ...base, requestHandler: undefined });
    try {
      return (await probe.config.region()) || 'us-east-1';
    } catch {
      return 'us-east-1';
    } finally {
      probe.destroy();
    }
  }

  /** The URL requests go to: the custom endpoint, else `https://BUCKET.s3.REGION.amazonaws.com` (path-style host for dotted buckets). */
  private endpointUrl(customEndpoint: string | undefined, region: string): string | undefined {
    if (customEndpoint) {
      try {
        return new URL(customEndpoint).toString();
      } catch {
        return undefined;
      }
    }
    const host = this.bucket.includes('.') ? `s3.${region}.amazonaws.com` : `${this.bucket}.s3.${region}.amazonaws.com`;
    return `https://${host}/`;
  }

  private noteAttempts(metadata: { attempts?: number } | undefined): void {
    if (metadata?.attempts && metadata.attempts > 1) this.retries += metadata.attempts - 1;
  }

  private credentialError(err: unknown): ConfigError {
    const e = err as AwsError;
    return new ConfigError(
      `${this.where}: no valid AWS credentials (${errorName(err)}: ${e?.message ?? ''}). ` +
        'Configure credentials before this step, for example with aws-actions/configure-aws-credentials ' +
        'using OIDC (role-to-assume, and `permissions: id-token: write` in the workflow).'
    );
  }

  /** ` (through proxy …)` for a failure that got no HTTP answer from S3, unless `message` already names the proxy. */
  private networkNote(err: unknown, message: string): string {
    if ((err as AwsError)?.$metadata?.httpStatusCode !== undefined || /\bthe proxy\b/.test(message)) return '';
    return this.proxyNoteText;
  }

  private listError(err: unknown): Error {
    const name = errorName(err);
    const status = (err as AwsError)?.$metadata?.httpStatusCode;
    if (name === 'NoSuchBucket') return new ConfigError(`Input 'source': bucket '${this.bucket}' does not exist`);
    if (CREDENTIAL_ERRORS.has(name)) return this.credentialError(err);
    // A proxy that refuses the tunnel (407, 403) will refuse every request: stop the source, naming it.
    if (err instanceof ProxyError && !err.retryable) return new ConfigError(`${this.where}: ${err.message}`);
    if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
      return new ConfigError(
        `${this.where}: access denied listing objects; the role needs s3:ListBucket on arn:aws:s3:::${this.bucket}`
      );
    }
    const message = (err as AwsError)?.message ?? String(err);
    return new Error(`${this.where}: listing objects failed: ${name}: ${message}${this.networkNote(err, message)}`, {
      cause: err
    });
  }

  private getError(err: unknown, key: string): Error {
    const name = errorName(err);
    const message = (err as AwsError)?.message ?? String(err);
    const status = (err as AwsError)?.$metadata?.httpStatusCode;
    const object = `s3://${this.bucket}/${key}`;
    if (name === 'NoSuchBucket') return new ConfigError(`Input 'source': bucket '${this.bucket}' does not exist`);
    if (CREDENTIAL_ERRORS.has(name)) return this.credentialError(err);
    if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
      const kms = /kms/i.test(message) ? ` and kms:Decrypt on the KMS key that encrypts it` : '';
      return new Error(
        `${object}: access denied reading the object; the role needs s3:GetObject on arn:aws:s3:::${this.bucket}/${key}${kms} (${message})`,
        { cause: err }
      );
    }
    const attempts = (err as AwsError)?.$metadata?.attempts;
    const after = attempts && attempts > 1 ? ` after ${attempts} attempts` : '';
    const failure = describeFailure(err, this.idleTimeoutMs);
    return new Error(`${object}: reading the object failed${after}: ${failure}${this.networkNote(err, failure)}`, { cause: err });
  }

  // ---- listing ----

  /**
   * The pages of a listing: requested directly once a shape is known (s3-direct-get.ts, whose listings skip the SDK's
   * deserializer), else, or when that fails, through the SDK, whose retries and error messages then apply.
   */
  private async *listPages(prefix: string, delimiter?: string): AsyncGenerator<ListedPage> {
    this.started ??= this.startWithoutSdk();
    await this.started;
    let continuationToken: string | undefined;
    // A store that hands out a token it gave before would be listed forever: the listing stops there, as a gap.
    const tokens = new Set<string>();
    const next = (truncated: boolean | undefined, token: string | undefined): string | undefined => {
      if (!truncated || !token) return undefined;
      if (tokens.has(token)) throw new Error('the listing came back to a page it had already listed (a continuation token repeated)');
      tokens.add(token);
      return token;
    };
    do {
      if (this.directGets !== undefined) {
        const direct = await this.directGets.list({ prefix, delimiter, continuationToken, maxKeys: this.options.maxKeys });
        if ('page' in direct) {
          this.listRequests++;
          const { page } = direct;
          yield {
            Contents: page.objects.map(({ key, size }) => ({ Key: key, Size: size })),
            CommonPrefixes: page.prefixes.map((Prefix) => ({ Prefix })),
            IsTruncated: page.isTruncated,
            NextContinuationToken: page.nextContinuationToken
          };
          continuationToken = next(page.isTruncated, page.nextContinuationToken);
          continue;
        }
        // Sent but not answered with a listing: counted (a retry), and asked again through the SDK.
        if (direct.failed === 'sent') {
          this.listRequests++;
          this.retries++;
        }
      }
      const client = await this.client();
      const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
      let page: ListObjectsV2CommandOutput;
      try {
        this.listRequests++;
        page = await client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: prefix,
            Delimiter: delimiter,
            ContinuationToken: continuationToken,
            MaxKeys: this.options.maxKeys
          })
        );
      } catch (err) {
        this.noteAttempts((err as AwsError)?.$metadata);
        throw this.listError(err);
      }
      this.noteAttempts(page.$metadata);
      yield page;
      continuationToken = next(page.IsTruncated, page.NextContinuationToken);
    } while (continuationToken);
  }

  /**
   * A prefix whose listing failed after the SDK's retries (5xx, throttling, timeouts): named as not scanned while
   * the rest of the source is read. Errors that make the whole source unusable (missing bucket, credentials,
   * access denied) are ConfigErrors and are rethrown instead.
   */
  private listingGap(prefix: string, err: unknown, what: string, counted = true): SourceGap {
    if (err instanceof ConfigError) throw err;
    const cause = (err as Error)?.cause ?? err;
    const attempts = (cause as AwsError)?.$metadata?.attempts;
    if (counted) this.prefixesNotListed++;
    return {
      gap: true,
      name: `s3://${this.bucket}/${prefix}`,
      error: `listing failed${attempts ? ` after ${attempts} attempts` : ''} (${describeFailure(cause, this.idleTimeoutMs)}); ${what}`
    };
  }

  /**
   * Names of the immediate sub-folders of `prefix` (which ends with '/'), then a gap if the listing broke off; from
   * the listing started ahead for it (prefetchFolders) if there is one.
   */
  private async *childFolders(prefix: string): AsyncGenerator<Found> {
    const prefetched = this.prefetchedFolders.get(prefix);
    if (prefetched !== undefined) {
      this.prefetchedFolders.delete(prefix);
      for (const folder of await prefetched) {
        // A failure is counted once the listing is used (one made ahead and not needed is not reported).
        if (isGap(folder)) this.prefixesNotListed++;
        yield folder;
      }
      return;
    }
    yield* this.listChildFolders(prefix);
  }

  /**
   * Starts listing `prefix`'s sub-folders now, for childFolders() to take later: one round trip saved when the
   * guess is right, one listing spent when it is wrong. An error is raised only if the listing is used.
   */
  private prefetchFolders(prefix: string): void {
    const listing = (async () => {
      const found: Found[] = [];
      for await (const folder of this.listChildFolders(prefix, false)) found.push(folder);
      return found;
    })();
    listing.catch(() => undefined);
    this.prefetchedFolders.set(prefix, listing);
  }

  private async *listChildFolders(prefix: string, countGaps = true): AsyncGenerator<Found> {
    let found = 0;
    try {
      for await (const page of this.listPages(prefix, '/')) {
        for (const common of page.CommonPrefixes ?? []) {
          const child = common.Prefix?.slice(prefix.length).replace(/\/$/, '');
          if (child) {
            found++;
            yield child;
          }
        }
      }
    } catch (err) {
      const before = found > 0 ? ` (the ${found} folders listed before the failure were still read)` : '';
      yield this.listingGap(prefix, err, `the folders below it were not scanned${before}`, countGaps);
    }
  }

  private notePrefixListed(prefix: string): void {
    this.prefixesListedCount++;
    if (this.prefixesListed.length < PREFIXES_REPORTED) this.prefixesListed.push(prefix);
  }

  /** Every object under `prefix`, page by page, pruned by delivery time when asked; a gap if the listing fails. */
  private async *listObjectsUnder(prefix: string, pruneByDeliveryTime: boolean): AsyncGenerator<Listed[]> {
    this.notePrefixListed(prefix);
    let listed = 0;
    try {
      for await (const page of this.listPages(prefix)) {
        const objects: ListedObject[] = [];
        for (const item of page.Contents ?? []) {
          if (!item.Key || item.Key.endsWith('/')) continue;
          this.objectsListed++;
          listed++;
          if (pruneByDeliveryTime && !deliveredInWindow(item.Key, this.window)) {
            this.objectsSkippedByDeliveryTime++;
            continue;
          }
          objects.push({ key: item.Key, size: item.Size });
        }
        yield objects;
      }
    } catch (err) {
      const before = listed > 0 ? ` (the ${listed} objects listed before the failure were still read)` : '';
      yield [this.listingGap(prefix, err, `the objects under it were not scanned${before}`)];
    }
  }

  /** A prefix with no CloudTrail layout: everything under it, pruned only by delivery times found in file names. */
  private flatListing(): AsyncIterable<Listed[]> {
    this.layout = 'flat';
    return this.listObjectsUnder(this.prefix, this.window.since !== undefined || this.window.until !== undefined);
  }

  private warn(message: string): void {
    this.warnings.push(message);
    (this.options.warn ?? ((m: string) => runner.warning(m, { title: 'bedrock-denied-scan: S3 layout not recognised' })))(message);
  }

  /** One group of pages per prefix to list in full (a gap is a group of its own). */
  private async *listingGroups(): AsyncGenerator<AsyncIterable<Listed[]>> {
    const position = locateInLayout(this.prefix);
    if (position === 'not-cloudtrail') {
      yield this.flatListing();
      return;
    }
    if (position) {
      this.layout = 'cloudtrail';
      this.trailRoots.push(position.awsLogsRoot);
      for await (const prefix of this.dayPrefixes(position)) {
        yield isGap(prefix) ? single([prefix]) : this.listObjectsUnder(prefix, true);
      }
      return;
    }
    const { roots, gaps } = await this.findAwsLogsRoots();
    if (roots.length === 0 && gaps.length > 0) {
      // Part of the search failed and found nothing elsewhere: the layout is unknown, and reading the whole prefix
      // unpruned could mean a whole trail; name the prefix as not scanned instead.
      const failed = gaps.map((g) => `${g.name}: ${g.error}`).join('; ');
      this.prefixesNotListed++;
      yield single<Listed[]>([
        { gap: true, name: this.where, error: `searching for AWSLogs/ below it failed, so nothing under it was read (${failed})` }
      ]);
      return;
    }
    for (const gap of gaps) yield single<Listed[]>([gap]);
    if (roots.length === 0) {
      // No CloudTrail layout below the prefix: read everything under it.
      const pruned =
        this.window.since !== undefined || this.window.until !== undefined
          ? ', except files whose CloudTrail delivery time (in the file name) is outside the time window'
          : '';
      this.warn(
        `${this.where}: no AWSLogs/ folder found within ${AWSLOGS_SEARCH_DEPTH} levels below the prefix, so the CloudTrail ` +
          `layout was not recognised and every object under it is listed and read${pruned}. Point the source at the ` +
          `folder holding AWSLogs/ to have only the window's day folders listed.`
      );
      yield this.flatListing();
      return;
    }
    this.layout = 'cloudtrail';
    for (const root of roots) {
      this.trailRoots.push(root);
      for await (const prefix of this.dayPrefixes({ awsLogsRoot: root, dateParts: [] })) {
        yield isGap(prefix) ? single([prefix]) : this.listObjectsUnder(prefix, true);
      }
    }
  }

  /**
   * `AWSLogs/` folders below the prefix, searched level by level with delimiter listings and stopping at the
   * shallowest level that has any (a trail prefix is rarely more than a couple of folders deep).
   * Folders whose listing failed come back as gaps.
   */
  private async findAwsLogsRoots(): Promise<{ roots: string[]; gaps: SourceGap[] }> {
    // Trails are mostly delivered right under the prefix (the bucket root, or the trail's S3 key prefix): its
    // AWSLogs/ folder is listed beside the search, so that the accounts are known one round trip sooner.
    const guess = `${this.prefix}AWSLogs/`;
    this.prefetchFolders(guess);
    const found = await this.searchAwsLogsRoots();
    if (!found.roots.includes(guess)) {
      // Not needed after all; but an error that makes the whole source unusable (access denied, no valid
      // credentials) is still raised, as the next listing would have raised it.
      const unused = this.prefetchedFolders.get(guess);
      this.prefetchedFolders.delete(guess);
      await unused;
    }
    return found;
  }

  private async searchAwsLogsRoots(): Promise<{ roots: string[]; gaps: SourceGap[] }> {
    let frontier = [this.prefix];
    let listings = 0;
    const gaps: SourceGap[] = [];
    for (let depth = 0; depth < AWSLOGS_SEARCH_DEPTH && frontier.length > 0; depth++) {
      const roots: string[] = [];
      const next: string[] = [];
      for (const folder of frontier) {
        if (listings++ >= AWSLOGS_SEARCH_MAX_LISTINGS) return { roots, gaps };
        for await (const child of this.childFolders(folder)) {
          if (isGap(child)) gaps.push(child);
          else if (child === 'AWSLogs') roots.push(`${folder}AWSLogs/`);
          else next.push(`${folder}${child}/`);
        }
      }
      if (roots.length > 0) return { roots, gaps };
      frontier = next;
    }
    return { roots: [], gaps };
  }

  private accountAllowed(account: string): boolean {
    return this.accounts.length === 0 || this.accounts.includes(account);
  }

  private regionAllowed(region: string): boolean {
    return this.regions.length === 0 || this.regions.includes(region);
  }

  /** `.../<account>/` folders, discovering org ids and accounts unless the prefix or the accounts filter fixes them. */
  private async *accountFolders(position: LayoutPosition): AsyncGenerator<Found> {
    const root = position.awsLogsRoot;
    if (position.account) {
      if (this.accountAllowed(position.account)) {
        yield `${root}${position.org ? `${position.org}/` : ''}${position.account}/`;
      }
      return;
    }
    if (position.org) {
      yield* this.orgAccountFolders(`${root}${position.org}/`);
      return;
    }
    for await (const child of this.childFolders(root)) {
      if (isGap(child)) yield child;
      else if (ORG_ID.test(child)) yield* this.orgAccountFolders(`${root}${child}/`);
      else if (ACCOUNT_ID.test(child) && this.accountAllowed(child)) yield `${root}${child}/`;
    }
  }

  private async *orgAccountFolders(orgPrefix: string): AsyncGenerator<Found> {
    if (this.accounts.length > 0) {
      // An organization can have thousands of accounts: go straight to the wanted ones.
      for (const account of this.accounts) yield `${orgPrefix}${account}/`;
      return;
    }
    for await (const child of this.childFolders(orgPrefix)) {
      if (isGap(child)) yield child;
      else if (ACCOUNT_ID.test(child)) yield `${orgPrefix}${child}/`;
    }
  }

  private async *regionFolders(accountFolder: string, position: LayoutPosition): AsyncGenerator<Found> {
    // Only CloudTrail/: CloudTrail-Digest/ and CloudTrail-Insight/ are never listed.
    const trailFolder = `${accountFolder}CloudTrail/`;
    if (position.region) {
      if (this.regionAllowed(position.region)) yield `${trailFolder}${position.region}/`;
      return;
    }
    if (this.regions.length > 0) {
      for (const region of this.regions) yield `${trailFolder}${region}/`;
      return;
    }
    for await (const region of this.childFolders(trailFolder)) yield isGap(region) ? region : `${trailFolder}${region}/`;
  }

  /**
   * Each account's region folders as one group, or an account folder that could not be listed: read ahead in
   * order, so the accounts of an organization trail have their regions listed several at a time rather than one
   * round trip after another (3 accounts: the last one's days were listed 60 ms later at 30 ms per request).
   */
  private async *regionFolderGroups(position: LayoutPosition): AsyncGenerator<AsyncIterable<Found[]>> {
    for await (const accountFolder of this.accountFolders(position)) {
      yield isGap(accountFolder) ? single([accountFolder]) : allOf(this.regionFolders(accountFolder, position));
    }
  }

  /** Day folders (`.../<region>/YYYY/MM/DD/`) that can hold events in the window, and folders that could not be listed. */
  private async *dayPrefixes(position: LayoutPosition): AsyncGenerator<Found> {
    const fixed = position.dateParts.join('/');
    const { since } = this.window;
    const until = this.window.until ?? Date.now();
    for await (const regionFolder of readAheadInOrder(this.regionFolderGroups(position), this.listConcurrency)) {
      if (isGap(regionFolder)) {
        yield regionFolder;
        continue;
      }
      if (since === undefined) {
        // No lower bound: every day under the region (or under the days the prefix fixes).
        yield fixed ? `${regionFolder}${fixed}/` : regionFolder;
        continue;
      }
      for (const day of windowDays(since, until)) {
        if (fixed && !`${day}/`.startsWith(`${fixed}/`)) continue;
        yield `${regionFolder}${day}/`;
      }
    }
  }

  // ---- reading ----

  /** One GetObject: the whole object, or from `offset` on when resuming (only if it still has `etag`). */
  private async getObject(key: string, resume?: { offset: number; etag?: string }): Promise<ObjectBody> {
    if (resume === undefined && this.directGets?.ready) {
      const direct = await this.directGets.get(key);
      if ('response' in direct) {
        const { response } = direct;
        const size = Number(response.headers['content-length']);
        return { body: response, etag: response.headers.etag, total: Number.isSafeInteger(size) ? size : undefined };
      }
      // Sent but not answered with 200: counted as a retry, and asked again through the SDK.
      if (direct.failed === 'sent') this.retries++;
    }
    const client = await this.client();
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    try {
      const response = await client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: resume ? `bytes=${resume.offset}-` : undefined,
          IfMatch: resume?.etag
        })
      );
      this.noteAttempts(response.$metadata);
      const fromRange = /\/(\d+)$/.exec(response.ContentRange ?? '');
      const total = fromRange ? Number(fromRange[1]) : resume ? undefined : response.ContentLength;
      return { body: response.Body as Readable, etag: response.ETag, total };
    } catch (err) {
      this.noteAttempts((err as AwsError)?.$metadata);
      if (resume && (errorName(err) === 'PreconditionFailed' || (err as AwsError)?.$metadata?.httpStatusCode === 412)) {
        throw new Error(
          `s3://${this.bucket}/${key}: the object changed while it was being read (its ETag is no longer ${resume.etag}); ` +
            `the ${resume.offset} bytes read before were kept`,
          { cause: err }
        );
      }
      const error = this.getError(err, key);
      if (resume && !(error instanceof ConfigError)) {
        error.message = `${error.message} (resuming at byte ${resume.offset})`;
      }
      throw error;
    }
  }

  /**
   * A small object's bytes, read whole (resumes and all), as one chunk, then the failure that cut the read short, if
   * any; one that turns out bigger than WHOLE_GET_MAX_BYTES is streamed instead.
   */
  private async readWhole(key: string): Promise<Readable> {
    if (this.directGets?.ready) {
      const direct = await this.directGets.getWhole(key, WHOLE_GET_MAX_BYTES);
      if ('bytes' in direct) {
        this.objectsRead++;
        this.bytesRead += direct.bytes.length;
        // Read over the source's own connections (keep-alive-gets.ts): no one else holds the bytes.
        return storedStream({ bytes: direct.bytes, owned: true });
      }
      // Sent but not answered in full with 200: counted as a retry, and read again through the SDK.
      if (direct.failed === 'sent') this.retries++;
    }
    const first = await this.getObject(key);
    this.objectsRead++;
    // Listed small but grown since (or a store that lies about sizes): streamed, not gathered in memory.
    if (first.total === undefined || first.total > WHOLE_GET_MAX_BYTES) {
      return countedStream(this.resumingBody(key, first), (n) => {
        this.bytesRead += n;
      });
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let failure: unknown;
    try {
      for await (const chunk of this.resumingBody(key, first)) {
        chunks.push(chunk);
        length += chunk.length;
        this.bytesRead += chunk.length;
      }
    } catch (error) {
      failure = error;
    }
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
    return storedStream(failure === undefined ? { bytes } : { bytes, failure });
  }

  /** An object's bytes, streamed and resumed; from `answer` when its GET was sent ahead (requestAhead). */
  private async open(key: string, answer?: Promise<ObjectBody>): Promise<Readable> {
    const first = await (answer ?? this.getObject(key));
    this.objectsRead++;
    return countedStream(this.resumingBody(key, first), (n) => {
      this.bytesRead += n;
    });
  }

  /**
   * The object's bytes, in order. A body that breaks off (connection reset, no data for the idle timeout, ends
   * short of its length) is resumed with a ranged GET from the byte reached, pinned to the first response's ETag
   * so a changed object is never stitched, up to `maxResumes` times; the reader downstream (the same
   * decompressor) never notices.
   */
  private async *resumingBody(key: string, first: ObjectBody): AsyncGenerator<Buffer> {
    const maxResumes = this.options.maxResumes ?? MAX_RESUMES;
    const { etag, total } = first;
    let current: ObjectBody = first;
    let offset = 0;
    for (let resumes = 0; ; resumes++) {
      let failure: unknown;
      try {
        for await (const chunk of idleGuard(current.body, this.idleTimeoutMs)) {
          offset += chunk.length;
          yield chunk;
        }
        if (total === undefined || offset >= total) return;
        failure = new Error(`the body ended after ${offset} of ${total} bytes`);
      } catch (err) {
        failure = err;
      } finally {
        current.body.destroy();
      }
      const where = total === undefined ? `at byte ${offset}` : `at byte ${offset} of ${total}`;
      if (resumes >= maxResumes) {
        throw new Error(
          `s3://${this.bucket}/${key}: reading the object failed ${where} after ${resumes} ${resumes === 1 ? 'resume' : 'resumes'} ` +
            `(ranged GETs from the byte reached): ${describeFailure(failure, this.idleTimeoutMs)}`,
          { cause: failure }
        );
      }
      this.resumes++;
      current = await this.getObject(key, { offset, etag });
    }
  }
}
