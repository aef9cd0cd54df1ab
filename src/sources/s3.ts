import type { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { countBytes } from './byte-counter.js';
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
import { ConfigError } from '../errors.js';
import type { Source, SourceDescription, SourceObject } from './types.js';

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
  /** Test-only: a small page size exercises pagination. */
  maxKeys?: number;
  /** Test-only or advanced: extra S3Client settings (credentials...). */
  clientConfig?: Partial<S3ClientConfig>;
  /** Used instead of building a client. */
  client?: S3Client;
  env?: NodeJS.ProcessEnv;
}

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
  private bytesRead = 0;
  private retries = 0;

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

  objects(): AsyncIterable<SourceObject> {
    return this.generateObjects();
  }

  private async *generateObjects(): AsyncGenerator<SourceObject> {
    const width = this.options.listConcurrency ?? 8;
    for await (const listed of readAheadInOrder(this.listingGroups(), width)) {
      yield {
        name: `s3://${this.bucket}/${listed.key}`,
        size: listed.size,
        open: () => this.open(listed.key)
      };
    }
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
        bytesRead: this.bytesRead,
        retries: this.retries
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
    const env = this.options.env ?? process.env;
    const endpoint = this.options.endpoint || undefined;
    const base: S3ClientConfig = {
      // A custom endpoint (ours or the SDK's AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL) means an S3-compatible store,
      // which rarely serves virtual-host-style bucket names.
      forcePathStyle: Boolean(endpoint || env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL),
      endpoint,
      // A bucket in another region answers 301; let the SDK retry there instead of failing.
      followRegionRedirects: true,
      retryMode: 'standard',
      maxAttempts: 5,
      // CloudTrail objects carry no flexible checksums; skipping them also keeps S3-compatible stores working.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...this.options.clientConfig
    };
    if (this.options.region) return new S3Client({ ...base, region: this.options.region });
    if (base.region) return new S3Client(base);
    const probe = new S3Client(base);
    try {
      await probe.config.region();
      return probe;
    } catch {
      probe.destroy();
      return new S3Client({ ...base, region: 'us-east-1' });
    }
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

  private listError(err: unknown): Error {
    const name = errorName(err);
    const status = (err as AwsError)?.$metadata?.httpStatusCode;
    if (name === 'NoSuchBucket') return new ConfigError(`Input 'source': bucket '${this.bucket}' does not exist`);
    if (CREDENTIAL_ERRORS.has(name)) return this.credentialError(err);
    if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
      return new ConfigError(
        `${this.where}: access denied listing objects; the role needs s3:ListBucket on arn:aws:s3:::${this.bucket}`
      );
    }
    return new Error(`${this.where}: listing objects failed: ${name}: ${(err as AwsError)?.message ?? String(err)}`, {
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
    return new Error(`${object}: reading the object failed: ${name}: ${message}`, { cause: err });
  }

  // ---- listing ----

  private async *listPages(prefix: string, delimiter?: string): AsyncGenerator<ListObjectsV2CommandOutput> {
    const client = await this.client();
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    let continuationToken: string | undefined;
    do {
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
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
  }

  /** Names of the immediate sub-folders of `prefix` (which ends with '/'). */
  private async *childFolders(prefix: string): AsyncGenerator<string> {
    for await (const page of this.listPages(prefix, '/')) {
      for (const common of page.CommonPrefixes ?? []) {
        const child = common.Prefix?.slice(prefix.length).replace(/\/$/, '');
        if (child) yield child;
      }
    }
  }

  private notePrefixListed(prefix: string): void {
    this.prefixesListedCount++;
    if (this.prefixesListed.length < PREFIXES_REPORTED) this.prefixesListed.push(prefix);
  }

  /** Every object under `prefix`, page by page; day folders are pruned by delivery time. */
  private async *listObjectsUnder(prefix: string, pruneByDeliveryTime: boolean): AsyncGenerator<ListedObject[]> {
    this.notePrefixListed(prefix);
    for await (const page of this.listPages(prefix)) {
      const objects: ListedObject[] = [];
      for (const item of page.Contents ?? []) {
        if (!item.Key || item.Key.endsWith('/')) continue;
        this.objectsListed++;
        if (pruneByDeliveryTime && !deliveredInWindow(item.Key, this.window)) {
          this.objectsSkippedByDeliveryTime++;
          continue;
        }
        objects.push({ key: item.Key, size: item.Size });
      }
      yield objects;
    }
  }

  /** One group of pages per prefix to list in full. */
  private async *listingGroups(): AsyncGenerator<AsyncIterable<ListedObject[]>> {
    const position = locateInLayout(this.prefix);
    if (position === 'not-cloudtrail') {
      this.layout = 'flat';
      yield this.listObjectsUnder(this.prefix, false);
      return;
    }
    if (position) {
      this.layout = 'cloudtrail';
      this.trailRoots.push(position.awsLogsRoot);
      for await (const prefix of this.dayPrefixes(position)) yield this.listObjectsUnder(prefix, true);
      return;
    }
    const roots = await this.findAwsLogsRoots();
    if (roots.length === 0) {
      // No CloudTrail layout below the prefix: read everything under it, unpruned.
      this.layout = 'flat';
      yield this.listObjectsUnder(this.prefix, false);
      return;
    }
    this.layout = 'cloudtrail';
    for (const root of roots) {
      this.trailRoots.push(root);
      for await (const prefix of this.dayPrefixes({ awsLogsRoot: root, dateParts: [] })) {
        yield this.listObjectsUnder(prefix, true);
      }
    }
  }

  /**
   * `AWSLogs/` folders below the prefix, searched level by level with delimiter listings and stopping at the
   * shallowest level that has any (a trail prefix is rarely more than a couple of folders deep).
   */
  private async findAwsLogsRoots(): Promise<string[]> {
    let frontier = [this.prefix];
    let listings = 0;
    for (let depth = 0; depth < AWSLOGS_SEARCH_DEPTH && frontier.length > 0; depth++) {
      const roots: string[] = [];
      const next: string[] = [];
      for (const folder of frontier) {
        if (listings++ >= AWSLOGS_SEARCH_MAX_LISTINGS) return roots;
        for await (const child of this.childFolders(folder)) {
          if (child === 'AWSLogs') roots.push(`${folder}AWSLogs/`);
          else next.push(`${folder}${child}/`);
        }
      }
      if (roots.length > 0) return roots;
      frontier = next;
    }
    return [];
  }

  private accountAllowed(account: string): boolean {
    return this.accounts.length === 0 || this.accounts.includes(account);
  }

  private regionAllowed(region: string): boolean {
    return this.regions.length === 0 || this.regions.includes(region);
  }

  /** `.../<account>/` folders, discovering org ids and accounts unless the prefix or the accounts filter fixes them. */
  private async *accountFolders(position: LayoutPosition): AsyncGenerator<string> {
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
      if (ORG_ID.test(child)) yield* this.orgAccountFolders(`${root}${child}/`);
      else if (ACCOUNT_ID.test(child) && this.accountAllowed(child)) yield `${root}${child}/`;
    }
  }

  private async *orgAccountFolders(orgPrefix: string): AsyncGenerator<string> {
    if (this.accounts.length > 0) {
      // An organization can have thousands of accounts: go straight to the wanted ones.
      for (const account of this.accounts) yield `${orgPrefix}${account}/`;
      return;
    }
    for await (const child of this.childFolders(orgPrefix)) {
      if (ACCOUNT_ID.test(child)) yield `${orgPrefix}${child}/`;
    }
  }

  private async *regionFolders(accountFolder: string, position: LayoutPosition): AsyncGenerator<string> {
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
    for await (const region of this.childFolders(trailFolder)) yield `${trailFolder}${region}/`;
  }

  /** Day folders (`.../<region>/YYYY/MM/DD/`) that can hold events in the window. */
  private async *dayPrefixes(position: LayoutPosition): AsyncGenerator<string> {
    const fixed = position.dateParts.join('/');
    const { since } = this.window;
    const until = this.window.until ?? Date.now();
    for await (const accountFolder of this.accountFolders(position)) {
      for await (const regionFolder of this.regionFolders(accountFolder, position)) {
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
  }

  // ---- reading ----

  private async open(key: string): Promise<Readable> {
    const client = await this.client();
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    let body: Readable;
    try {
      const response = await client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      this.noteAttempts(response.$metadata);
      body = response.Body as Readable;
    } catch (err) {
      this.noteAttempts((err as AwsError)?.$metadata);
      throw this.getError(err, key);
    }
    this.objectsRead++;
    return countBytes(body, (n) => {
      this.bytesRead += n;
    });
  }
}
