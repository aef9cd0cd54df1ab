import type * as http from 'node:http';
import type { S3Client } from '@aws-sdk/client-s3';
import { encodeKey, getListing, getWholeObject, sendDirectGet, tlsSessionOf, warmUpGets, type DirectGetPlan } from './direct-get.js';
import { parseListBucketResult, type ListPage } from './list-bucket-result.js';
import { escapeUri, signingTemplate, type SigningCredentials } from './sigv4.js';

/** Connections for small objects read whole when the client's pool sets no limit. */
const DEFAULT_MAX_SOCKETS = 64;

/**
 * Plain GetObject requests sent straight over the client's own connection pool, signed with the client's own
 * credentials and clock-skew offset (sigv4.ts), in the shape of the last one the SDK sent: same endpoint, path
 * style, query, constant headers, signing scheme and region. Only a 200 answer is taken; anything else (an error
 * status, a redirect, a reset, no answer within the idle timeout) is dropped and the caller repeats the request
 * through the SDK, whose retries, region redirects, clock-skew correction and error messages then apply, and whose
 * next success re-teaches the shape. plan() gives the same request as plain data for a scan worker thread, which
 * then reads small objects without loading the SDK at all (direct-get.ts).
 *
 * Why: the SDK's middleware stack costs about 0.8 ms of CPU per request, against 0.3 ms for a request signed the
 * same way and sent over node:http (Node 24, loopback S3); CloudTrail trails are thousands of 5-15 KB objects, so
 * that difference was the largest part of an S3 scan's CPU. Measured with 2,016 such objects behind 30 ms of
 * latency on 2 cores: 2.4 s instead of 3.0 s, 1.3 s less CPU.
 *
 * Before any GET, the first listing S3 answered gives a trial shape: a GetObject goes to the same endpoint with the
 * same signing and constant headers, at the listing's path plus the key. A listing sent directly in that shape and
 * answered with a ListBucketResult confirms it (S3 took the endpoint, credentials, signing and headers); until then
 * one GET tries it while the others wait for its answer (a wrong guess costs one request, not one per object in
 * flight); a 200 confirms it, anything else drops it and the SDK teaches the shape as above. Why: the scan's first
 * objects no longer wait for the SDK's first GetObjects (a cold middleware stack, about 1 ms of CPU each, 64 at once
 * on the thread that also parses the listings): on 2,016 small objects the first GETs went out about 0.1 s after
 * their listing came back.
 */
export class DirectGets {
  /** The shape of GETs S3 has answered with 200. */
  private shape: RequestShape | undefined;
  /**
   * The shape a listing (or the S3 source, before the SDK loads) suggests, until a direct listing or a GET confirms
   * it; `outcome` is set once a GET tries it, and settles when that GET is answered.
   */
  private trial: Trial | undefined;
  /** A listing taught a trial shape once already: later ones teach nothing (a failed guess is not guessed again). */
  private trialTaught = false;
  /** The shape whose direct listing failed: its later pages are listed through the SDK. */
  private listingFailedFor: RequestShape | undefined;
  /** Set when the credentials could not be resolved here: every GET then goes through the SDK. */
  private unusable = false;
  private lastPlan: { shape: RequestShape; resolved: SigningCredentials; plan: DirectGetPlan } | undefined;
  /** Where credentials and the clock offset come from: the client's configuration once there is a client. */
  private signing: SigningSource | undefined;

  constructor(
    client: S3Client | undefined,
    /** The agent the client's request handler was given (`httpAgent` or `httpsAgent`, proxy tunnels included). */
    private readonly agent: http.Agent,
    private readonly idleTimeoutMs: number,
    /** Credentials to sign with until a client is taught (see suggest()). */
    signing?: SigningSource
  ) {
    this.signing = signing;
    if (client !== undefined) this.teach(client);
  }

  /**
   * A shape to try before the SDK has sent anything (the S3 source builds it from the endpoint, region and static
   * credentials it knows without loading the SDK): on trial like a listing's, for listings and GETs alike.
   */
  suggest(shape: RequestShape): void {
    if (this.shape !== undefined || this.trial !== undefined || this.trialTaught) return;
    this.trialTaught = true;
    this.trial = { shape };
    // While the layout is listed: a TLS session for the GETs' connections to resume.
    warmUpGets({ ...shape, idleTimeoutMs: this.idleTimeoutMs }, this.maxSockets);
  }

  /** The TLS session this thread's GETs of `plan` got, if any (a worker thread's connections resume it). */
  tlsSession(plan: DirectGetPlan): Uint8Array | undefined {
    return tlsSessionOf(plan, this.maxSockets);
  }

  /** Learns from `client`'s requests from now on, and signs with its credentials and clock offset. */
  teach(client: S3Client): void {
    const config = client.config as unknown as ClientSigningConfig;
    this.signing = { credentials: () => config.credentials(), clockOffsetMs: () => config.systemClockOffset ?? 0 };
    // Sees every attempt the SDK sends, signed, with S3's answer (an error status throws past it).
    const recordShape =
      (next: (args: MiddlewareArgs) => Promise<{ response: unknown }>, context: LearnContext) =>
      async (args: MiddlewareArgs): Promise<{ response: unknown }> => {
        const result = await next(args);
        const input = args.input as { Key?: unknown; Range?: unknown; IfMatch?: unknown };
        const status = (result.response as { statusCode?: number }).statusCode;
        if (context.commandName === 'GetObjectCommand' && status === 200 && input.Range === undefined && input.IfMatch === undefined) {
          this.learn(args.request as SentRequest, String(input.Key));
        } else if (context.commandName === 'ListObjectsV2Command' && status === 200 && !this.trialTaught && this.shape === undefined) {
          this.learnFromListing(args.request as SentRequest);
        }
        return result;
      };
    // Last in the step that signs (an absolute position: a middleware placed relative to the signer's name would
    // break every request of a future SDK that renamed it); learn() checks that what it sees is signed.
    client.middlewareStack.add(recordShape as never, { step: 'finalizeRequest', priority: 'low', name: 'bedrockDeniedScanDirectGetShape', override: true });
  }

  /**
   * Whether a GET can be sent directly: the SDK has sent one successfully and nothing has failed since, or a listing
   * suggested a shape that no GET has yet been refused with.
   */
  get ready(): boolean {
    return (this.shape !== undefined || this.trial !== undefined) && !this.unusable;
  }

  /**
   * The GET as plain data with the client's current credentials (its provider refreshes them before they expire),
   * or undefined when no GET can be sent directly now. With only a trial shape, the first caller gets it to try
   * (and must report how that went: succeeded(), or forget()); later callers wait for that answer, at most the idle
   * timeout or TRIAL_WAIT_MS (a try whose answer does not come back, as from a stalled request or a worker thread that
   * stopped, then just means the SDK).
   */
  async plan(): Promise<DirectGetPlan | undefined> {
    return (await this.planOfShape())?.plan;
  }

  /**
   * Reserves the GET that tries a listing's shape for `key`, read on this thread (get or getWhole), where the answer
   * is known as soon as the body is in rather than once a worker thread has decoded the object too: true when there
   * was such a GET to make (the caller then reads `key` here), false otherwise.
   */
  claimTrial(key: string): boolean {
    const trial = this.trial;
    if (this.shape !== undefined || trial === undefined || trial.outcome !== undefined || this.unusable) return false;
    trying(trial, key);
    return true;
  }

  /** plan(), with the shape it was made from; `key` is the object it is for, when known (see claimTrial). */
  private async planOfShape(key?: string): Promise<{ plan: DirectGetPlan; shape: RequestShape } | undefined> {
    if (this.unusable) return undefined;
    let shape = this.shape;
    const trial = this.trial;
    const claimedByCaller = trial?.key !== undefined && trial.key === key;
    if (shape === undefined && trial !== undefined && !claimedByCaller) {
      if (trial.outcome !== undefined) {
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, Math.min(this.idleTimeoutMs, TRIAL_WAIT_MS), false)));
        const confirmed = await Promise.race([trial.outcome, waited]);
        clearTimeout(timer);
        return confirmed ? this.planOfShape(key) : undefined;
      }
      trying(trial);
    }
    shape ??= trial?.shape;
    if (shape === undefined) return undefined;
    const plan = await this.planFor(shape);
    return plan === undefined ? undefined : { plan, shape };
  }

  /** The plan of `shape` with the client's current credentials; undefined (and no direct request ever again) when they cannot be resolved here. */
  private async planFor(shape: RequestShape): Promise<DirectGetPlan | undefined> {
    try {
      if (this.signing === undefined) throw new TypeError('no credentials');
      const resolved = await this.signing.credentials();
      const offset = this.signing.clockOffsetMs();
      // The same plan while nothing changed (the provider hands out the same credentials until it refreshes them).
      const last = this.lastPlan;
      if (last !== undefined && last.shape === shape && last.resolved === resolved && last.plan.clockOffsetMs === offset) return last.plan;
      const credentials: SigningCredentials = { accessKeyId: resolved.accessKeyId, secretAccessKey: resolved.secretAccessKey, ...(resolved.sessionToken ? { sessionToken: resolved.sessionToken } : {}) };
      if (typeof credentials.accessKeyId !== 'string' || typeof credentials.secretAccessKey !== 'string') throw new TypeError('no credentials');
      const plan: DirectGetPlan = { ...shape, credentials, clockOffsetMs: offset, idleTimeoutMs: this.idleTimeoutMs };
      this.lastPlan = { shape, resolved, plan };
      return plan;
    } catch {
      this.unusable = true;
      this.forget(shape);
      return undefined;
    }
  }

  /**
   * A ListObjectsV2 page requested directly in the learned shape (a trial one too: it came from a listing) at the
   * bucket's root, or why it must be listed through the SDK: `sent` when a request went out and anything but a whole
   * 200 ListBucketResult came back (then listings in that shape go through the SDK, which words the errors), `unsent`
   * when no shape is known yet.
   */
  async list(params: { prefix: string; delimiter?: string; continuationToken?: string; maxKeys?: number }): Promise<{ page: ListPage } | { failed: 'sent' | 'unsent' }> {
    const shape = this.shape ?? this.trial?.shape;
    if (shape === undefined || this.unusable || shape === this.listingFailedFor) return { failed: 'unsent' };
    const plan = await this.planFor(shape);
    if (plan === undefined) return { failed: 'unsent' };
    // The query in SigV4's canonical form (sorted by name, escaped), which is also how it is sent.
    const parts: [string, string | undefined][] = [
      ['continuation-token', params.continuationToken],
      ['delimiter', params.delimiter],
      ['list-type', '2'],
      ['max-keys', params.maxKeys === undefined ? undefined : String(params.maxKeys)],
      ['prefix', params.prefix]
    ];
    const query = parts
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${escapeUri(value!)}`)
      .join('&');
    const body = await getListing(plan, query, this.agent, LISTING_MAX_BYTES);
    const page = body === null ? null : parseListBucketResult(body.toString('utf8'));
    if (page !== null) {
      // S3 took this endpoint, these credentials, this signing and these headers: a GET of the same shape needs no
      // trial of its own, and the objects this listing names can all be requested at once.
      this.succeeded(shape);
      return { page };
    }
    this.listingFailedFor = shape;
    // A shape no request has confirmed yet is wrong, then (another region, other headers): dropped, and the SDK's
    // next listing may suggest another.
    if (this.trial?.shape === shape && this.shape === undefined) {
      this.forget(shape);
      this.trialTaught = false;
    }
    return { failed: 'sent' };
  }

  /** A direct GET of `shape` (by default, whichever is on trial) was answered with 200: a trial shape is confirmed. */
  succeeded(shape?: RequestShape): void {
    const trial = this.trial;
    if (trial === undefined || (shape !== undefined && shape !== trial.shape)) return;
    this.trial = undefined;
    this.shape = trial.shape;
    trial.settle?.(true);
  }

  /**
   * The object's 200 response, or why the request must go through the SDK instead: `sent` when a request went out
   * and failed in any way (the shape is then forgotten until the SDK succeeds again), `unsent` when none could be
   * signed here (then direct GETs stop for good: the credentials could not be resolved outside the SDK).
   */
  async get(key: string): Promise<{ response: http.IncomingMessage } | { failed: 'sent' | 'unsent' }> {
    const planned = await this.planOfShape(key);
    if (planned === undefined) return { failed: 'unsent' };
    const { plan, shape } = planned;
    try {
      const response = await sendDirectGet(plan, key, this.agent);
      if (response.statusCode === 200) {
        this.succeeded(shape);
        return { response };
      }
      response.resume();
    } catch {
      // Sent again through the SDK, which reports what goes wrong.
    }
    this.forget(shape);
    return { failed: 'sent' };
  }

  /** Connections for small objects read whole: as many as the client's pool (the S3 source sizes it for the reads in flight). */
  private get maxSockets(): number {
    return Number.isFinite(this.agent.maxSockets) ? this.agent.maxSockets : DEFAULT_MAX_SOCKETS;
  }

  /** A small object read whole (getWholeObject), or why it must be read through the SDK instead, as get() says. */
  async getWhole(key: string, maxBytes: number): Promise<{ bytes: Buffer } | { failed: 'sent' | 'unsent' }> {
    const planned = await this.planOfShape(key);
    if (planned === undefined) return { failed: 'unsent' };
    const { plan, shape } = planned;
    // A 200 confirms a trial shape at once (S3 took the signature), before the body is in: requests waiting on it go.
    const bytes = await getWholeObject(plan, key, this.maxSockets, maxBytes, (status) => status === 200 && this.succeeded(shape));
    if (bytes !== null) return { bytes };
    this.forget(shape);
    return { failed: 'sent' };
  }

  /**
   * A direct GET of this shape (by default, of any) failed: send through the SDK until it succeeds again (and
   * re-teaches the shape). A trial shape that failed is dropped for good.
   */
  forget(shape?: RequestShape): void {
    if (shape === undefined || this.shape === shape) this.shape = undefined;
    const trial = this.trial;
    if (trial !== undefined && (shape === undefined || trial.shape === shape)) {
      this.trial = undefined;
      trial.settle?.(false);
    }
  }

  /** Keeps the shape of a GetObject the SDK signed and S3 answered with 200, if it can be replayed for any key. */
  private learn(request: SentRequest, key: string): void {
    const encoded = encodeKey(key);
    const path = String(request.path ?? '');
    const query = { ...(request.query ?? {}) } as Record<string, string>;
    // A path ending with the key as this code encodes it, and no query but the operation name.
    if (!path.endsWith(`/${encoded}`) || Object.keys(query).some((name) => name !== 'x-id')) return;
    const shape = shapeOf(request, path.slice(0, path.length - encoded.length), query);
    if (shape === undefined) return;
    this.shape = shape;
    // A GET the SDK sent settles a trial still waiting: its waiters may use the shape S3 just accepted.
    const trial = this.trial;
    this.trial = undefined;
    trial?.settle?.(true);
  }

  /**
   * Keeps, as a trial, the GetObject a ListObjectsV2 the SDK signed and S3 answered with 200 implies: the same
   * request to the listing's path (the bucket's root: `/bucket/` in path style, `/` virtual-hosted) plus the key.
   */
  private learnFromListing(request: SentRequest): void {
    const path = String(request.path ?? '');
    const shape = shapeOf(request, path.endsWith('/') ? path : `${path}/`, { 'x-id': 'GetObject' });
    if (shape === undefined) return;
    this.trialTaught = true;
    this.trial = { shape };
  }
}

/**
 * The constant part of a request the SDK signed, for GETs at `pathPrefix` + key with `query`: undefined unless
 * plain SigV4 (not SigV4a or S3 Express sessions), which is left to the SDK.
 */
function shapeOf(request: SentRequest, pathPrefix: string, query: Record<string, string>): RequestShape | undefined {
  const scope = /^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request,/.exec(String(request.headers?.authorization ?? ''));
  if (scope === null || request.headers['x-amz-s3session-token'] !== undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!PER_REQUEST_HEADERS.has(name.toLowerCase())) headers[name] = value;
  }
  return {
    protocol: request.protocol ?? 'https:',
    hostname: request.hostname,
    port: request.port,
    pathPrefix,
    search: new URLSearchParams(query).toString(),
    template: signingTemplate(headers, query, scope[1]!, scope[2]!)
  };
}

/** Marks `trial` as being tried by a GET (of `key`, when the caller reserved it): its waiters wait from now on. */
function trying(trial: Trial, key?: string): void {
  trial.key = key;
  trial.outcome = new Promise<boolean>((resolve) => (trial.settle = resolve));
}

/** The largest listing page read directly: S3's 1,000 keys of up to 1,024 bytes each, escaped, fit. */
const LISTING_MAX_BYTES = 16 * 1024 * 1024;

/**
 * The longest a request waits for the answer to the GET trying a listing's shape before going through the SDK: that
 * answer normally takes one round trip; one that stalls must not hold the scan for the whole idle timeout.
 */
const TRIAL_WAIT_MS = 2_000;

/** Headers that belong to one request (signature, date, retry and invocation ids, conditions), never replayed. */
const PER_REQUEST_HEADERS = new Set([
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'range',
  'if-match',
  'if-none-match',
  'content-length'
]);

/** A shape on trial; `key` is the object whose GET tries it, when reserved (claimTrial). */
interface Trial {
  shape: RequestShape;
  key?: string;
  outcome?: Promise<boolean>;
  settle?: (confirmed: boolean) => void;
}

/** A learned GET: the request's constant part (plan() adds credentials, clock offset and idle timeout). */
export type RequestShape = Pick<DirectGetPlan, 'protocol' | 'hostname' | 'port' | 'pathPrefix' | 'search' | 'template'>;

/** A request as the SDK hands it to its HTTP handler (fields it may leave out are optional). */
type SentRequest = Partial<SignableRequest> & Pick<SignableRequest, 'hostname' | 'headers'>;

interface SignableRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
}

interface MiddlewareArgs {
  input: unknown;
  request: unknown;
}

interface LearnContext {
  commandName?: string;
}

/** The parts of the S3 client's resolved configuration that sign its requests (@aws-sdk/core's SigV4 config). */
interface ClientSigningConfig {
  credentials(): Promise<SigningCredentials>;
  systemClockOffset?: number;
}

/** Credentials to sign with (the same object while they do not change) and the clock's correction. */
export interface SigningSource {
  credentials(): Promise<SigningCredentials>;
  clockOffsetMs(): number;
}

/**
 * The GET a plain S3 endpoint takes, built without the SDK: `endpoint` (a custom one, or AWS S3's regional one for
 * the bucket), the bucket in the path (path style) or in the host, signed for `region` and S3, with the constant
 * headers the SDK sends (host, payload hash) and `userAgent`.
 */
export function plainRequestShape(endpoint: URL, bucket: string, pathStyle: boolean, region: string, userAgent: string): RequestShape {
  const base = endpoint.pathname.replace(/\/+$/, '');
  const headers = { host: endpoint.host, 'x-amz-content-sha256': EMPTY_PAYLOAD_HASH, 'user-agent': userAgent };
  const query = { 'x-id': 'GetObject' };
  return {
    protocol: endpoint.protocol,
    hostname: endpoint.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: endpoint.port === '' ? undefined : Number(endpoint.port),
    pathPrefix: pathStyle ? `${base}/${escapeUri(bucket)}/` : `${base}/`,
    search: new URLSearchParams(query).toString(),
    template: signingTemplate(headers, query, region, 's3')
  };
}

const EMPTY_PAYLOAD_HASH = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
