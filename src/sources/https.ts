import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import { countedStream } from './byte-counter.js';
import { ConfigError } from '../errors.js';
import { ProxyError, proxyAgentFor, proxyNote, redactProxy } from '../proxy.js';
import { DEFAULT_IDLE_TIMEOUT_MS, idleGuard, isTimeout } from './idle.js';
import type { Source, SourceDescription, SourceObject } from './types.js';

export interface HttpsSourceOptions {
  /** Waits before the 2nd, 3rd... attempt; its length + 1 is the number of attempts. */
  retryDelaysMs?: number[];
  /**
   * No bytes for this long (connecting, waiting for the response, or mid-body) fails the attempt; before the body
   * starts that attempt is retried, a stalled body fails the object.
   */
  timeoutMs?: number;
  /** Extra trusted CA certificates (PEM), for tests; the runner's are taken from NODE_EXTRA_CA_CERTS. */
  ca?: string | Buffer;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 2000];
const MAX_REDIRECTS = 5;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The URL without credentials: the query (presigned URLs carry a signature there) becomes `?…`, user info is dropped. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const query = url.search ? '?…' : '';
    return `${url.protocol}//${url.host}${url.pathname}${query}`;
  } catch {
    return raw.replace(/\?.*$/, '?…');
  }
}

function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname);
}

/** Throws ConfigError unless `raw` is https://, or http:// to a loopback address (used by tests). */
export function checkDownloadUrl(raw: string, inputName = 'source'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`Input '${inputName}': '${redactUrl(raw)}' is not a valid URL`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url)) return url;
  if (url.protocol === 'http:') {
    throw new ConfigError(`Input '${inputName}': '${redactUrl(raw)}' uses plain http://, which is insecure; use https://`);
  }
  throw new ConfigError(`Input '${inputName}': unsupported URL scheme in '${redactUrl(raw)}'`);
}

/** An HTTP status that the attempt loop should retry. */
class RetryableStatus extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One object per URL, streamed, retried on connection errors, 5xx and 429 until the body starts. */
export class HttpsSource implements Source {
  private readonly url: URL;
  private readonly name: string;
  private readonly identity: string;
  private attempts = 0;
  private retries = 0;
  private objectsRead = 0;
  private bytesRead = 0;
  private lastStatus: number | undefined;
  /** The URL of the latest request (a redirect target may be proxied differently from the URL itself). */
  private lastUrl: URL;
  /** One agent per origin: a CONNECT tunnel through the proxy `@actions/http-client` picks for it, or none. */
  private readonly agents = new Map<string, http.Agent | undefined>();

  constructor(
    line: string,
    private readonly options: HttpsSourceOptions = {}
  ) {
    this.url = checkDownloadUrl(line);
    this.name = redactUrl(line);
    this.lastUrl = this.url;
    // The full URL, query included: two presigned URLs of one object differ only by their query, but so do two
    // different objects behind one endpoint (`download?id=1`, `download?id=2`); merging those would silently skip
    // a file, while reading one object twice only double-counts it in plain sight. Hashed, so the signature the
    // query carries is not kept in the clear.
    this.identity = `url-sha256:${createHash('sha256').update(this.url.toString()).digest('hex')}`;
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  async *objects(): AsyncGenerator<SourceObject> {
    yield { name: this.name, identity: this.identity, open: () => this.open() };
  }

  describe(): SourceDescription {
    return {
      kind: 'https',
      location: this.name,
      details: {
        url: this.name,
        status: this.lastStatus ?? null,
        attempts: this.attempts,
        retries: this.retries,
        objectsRead: this.objectsRead,
        bytesRead: this.bytesRead,
        ...(this.agentProxy() ? { proxy: this.agentProxy() } : {})
      }
    };
  }

  private async open(): Promise<Readable> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const maxAttempts = delays.length + 1;
    let lastProblem = '';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) {
        this.retries++;
        await sleep(delays[attempt - 2]);
      }
      this.attempts++;
      try {
        const response = await this.get(this.url, 0);
        this.objectsRead++;
        return countedStream(this.guardedBody(response), (n) => {
          this.bytesRead += n;
        });
      } catch (err) {
        if (err instanceof RetryableStatus || isConnectionError(err)) {
          lastProblem = (err as Error).message;
          continue;
        }
        if (err instanceof ProxyError) throw new Error(`${this.name}: ${err.message}`, { cause: err });
        throw err;
      }
    }
    throw new Error(`${this.name}: download failed after ${maxAttempts} attempts: ${lastProblem}${this.note(lastProblem)}`);
  }

  /** ` (through proxy …)` for the latest request, unless `message` already names the proxy. */
  private note(message = ''): string {
    return /\bthe proxy\b/.test(message) ? '' : proxyNote(this.lastUrl);
  }

  /** The proxy (redacted) the URL's requests went through, if any. */
  private agentProxy(): string | undefined {
    const agent = this.agents.get(`${this.url.protocol}//${this.url.host}`) as (http.Agent & { proxy?: URL }) | undefined;
    return agent?.proxy ? redactProxy(agent.proxy) : undefined;
  }

  private agentFor(url: URL): http.Agent | undefined {
    const origin = `${url.protocol}//${url.host}`;
    if (!this.agents.has(origin)) this.agents.set(origin, proxyAgentFor(url, { connectTimeoutMs: this.timeoutMs }));
    return this.agents.get(origin);
  }

  /** The response body, failing with a named error when it gives no bytes for the idle timeout. */
  private async *guardedBody(response: http.IncomingMessage): AsyncGenerator<Buffer> {
    let received = 0;
    try {
      for await (const chunk of idleGuard(response, this.timeoutMs)) {
        received += chunk.length;
        yield chunk;
      }
    } catch (err) {
      const problem = isTimeout(err) ? `no data for ${this.timeoutMs} ms` : (err as Error).message;
      throw new Error(`${this.name}: the download broke off after ${received} bytes: ${problem}${this.note(problem)}`, { cause: err });
    } finally {
      response.destroy();
    }
  }

  /** Resolves with a 2xx response whose body has not been read yet. */
  private get(url: URL, redirects: number): Promise<http.IncomingMessage> {
    const client = url.protocol === 'https:' ? https : http;
    this.lastUrl = url;
    const agent = this.agentFor(url);
    const options: https.RequestOptions = { headers: { 'accept-encoding': 'identity' } };
    if (agent) options.agent = agent;
    if (this.options.ca && url.protocol === 'https:') options.ca = this.options.ca;
    return new Promise((resolve, reject) => {
      const request = client.get(url, options, (response) => {
        const status = response.statusCode ?? 0;
        this.lastStatus = status;
        if (status >= 200 && status < 300) {
          // From here the body's own idle guard (guardedBody) watches for a stall.
          request.setTimeout(0);
          resolve(response);
          return;
        }
        response.resume();
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location) {
          if (redirects >= MAX_REDIRECTS) {
            reject(new Error(`${this.name}: too many redirects`));
            return;
          }
          let target: URL;
          try {
            target = checkDownloadUrl(new URL(location, url).toString());
          } catch (err) {
            reject(new Error(`${this.name}: refused redirect: ${(err as Error).message}`));
            return;
          }
          this.get(target, redirects + 1).then(resolve, reject);
          return;
        }
        const problem = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`;
        if (status >= 500 || status === 429) reject(new RetryableStatus(problem));
        else reject(new Error(`${this.name}: ${problem}${this.note()}`));
      });
      request.setTimeout(this.timeoutMs, () => {
        request.destroy(Object.assign(new Error(`no data for ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      request.on('error', reject);
    });
  }
}

function isConnectionError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return (
    typeof code === 'string' &&
    ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET'].includes(
      code
    )
  );
}
