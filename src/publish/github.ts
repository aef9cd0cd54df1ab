/**
 * Octokit plumbing shared by issue mode and the PR comment: the client, bounded retries, pagination.
 *
 * Retries are done here, per request, rather than with @octokit/plugin-retry, so they work with any Octokit the
 * caller passes (tests use a plain `getOctokit`) and so delays can be injected.
 */
import { getOctokit } from '@actions/github';

/** The Octokit `@actions/github` builds (REST endpoint methods + paginate). */
export type GitHubClient = ReturnType<typeof getOctokit>;

/**
 * A client for `token`, or null when there is none (the verdict stage then skips issue and comment).
 * `baseUrl` defaults to GITHUB_API_URL as read by `@actions/github` when first imported.
 */
export function githubClient(token: string, options: { baseUrl?: string } = {}): GitHubClient | null {
  if (!token.trim()) return null;
  return getOctokit(token.trim(), options.baseUrl ? { baseUrl: options.baseUrl } : {});
}

export interface RetryOptions {
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Backoff before retry 1, 2, 3... (default 1 s, 2 s, 4 s); the last value repeats. */
  delaysMs?: number[];
  /** Longest wait honoured for a `retry-after` or rate-limit reset; a longer one gives up at once (default 60 s). */
  maxWaitMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable clock (ms since epoch) for `x-ratelimit-reset`. */
  now?: () => number;
}

/** An API call that failed for good (after retries, or at once when not retryable). */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    /** What was being done, e.g. `create issue`. */
    readonly operation: string,
    /** HTTP status, when a response came back. */
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown }
  ) {
    super(message, options);
  }
}

interface HttpErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown>; data?: unknown };
}

/** The HTTP status of an Octokit RequestError (or a GitHubApiError), if any. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as HttpErrorLike).status;
  return typeof status === 'number' ? status : undefined;
}

function header(error: unknown, name: string): string | undefined {
  const headers = (error as HttpErrorLike)?.response?.headers;
  if (!headers) return undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return value === undefined || value === null ? undefined : String(value);
}

function errorText(error: unknown): string {
  const e = error as HttpErrorLike;
  const data = e?.response?.data as { message?: unknown } | undefined;
  const parts = [typeof e?.message === 'string' ? e.message : String(error)];
  if (data && typeof data.message === 'string' && !parts[0]!.includes(data.message)) parts.push(data.message);
  return parts.join(': ');
}

const DEFAULT_DELAYS_MS = [1000, 2000, 4000];

/**
 * How long to wait before retrying `error`, or null when it must not be retried.
 * Retried: 5xx, 429, 403 that is a rate limit (retry-after, x-ratelimit-remaining: 0, "rate limit" message),
 * and network failures (no status). Not retried: other 4xx (permissions, validation, not found).
 */
export function retryDelayMs(error: unknown, retryIndex: number, options: RetryOptions = {}): number | null {
  const delays = options.delaysMs && options.delaysMs.length > 0 ? options.delaysMs : DEFAULT_DELAYS_MS;
  const backoff = delays[Math.min(retryIndex, delays.length - 1)]!;
  const maxWait = options.maxWaitMs ?? 60_000;
  const status = httpStatus(error);
  const retryAfter = header(error, 'retry-after');
  const remaining = header(error, 'x-ratelimit-remaining');
  const reset = header(error, 'x-ratelimit-reset');
  const message = errorText(error).toLowerCase();

  const rateLimited =
    status === 429 || (status === 403 && (retryAfter !== undefined || remaining === '0' || message.includes('rate limit')));
  if (rateLimited) {
    let wait = backoff;
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter.trim())) wait = Number(retryAfter.trim()) * 1000;
    else if (remaining === '0' && reset !== undefined && /^\d+$/.test(reset.trim())) {
      wait = Math.max(0, Number(reset.trim()) * 1000 - (options.now ?? Date.now)());
    }
    return wait > maxWait ? null : wait;
  }
  if (status === undefined || (status >= 500 && status <= 599)) return backoff;
  return null;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `call`, retrying transient failures a bounded number of times; throws GitHubApiError at the end. */
export async function withRetries<T>(operation: string, call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const wait = attempt < retries ? retryDelayMs(error, attempt, options) : null;
      if (wait === null) {
        const status = httpStatus(error);
        const tries = attempt + 1;
        throw new GitHubApiError(
          `GitHub API: ${operation} failed${status ? ` with HTTP ${status}` : ''}${tries > 1 ? ` after ${tries} attempts` : ''}: ${errorText(error)}`,
          operation,
          status,
          tries,
          { cause: error }
        );
      }
      await sleep(wait);
    }
  }
}

interface PageResponse<T> {
  data: T[];
  headers: { link?: string };
}

/**
 * Every item of a paginated list, page by page (each page retried on its own), stopping at `maxPages`.
 * Follows the Link header's rel="next" when present, else stops at a short page.
 */
export async function listAllPages<T>(
  operation: string,
  fetchPage: (page: number, perPage: number) => Promise<PageResponse<T>>,
  options: RetryOptions & { perPage?: number; maxPages?: number } = {}
): Promise<T[]> {
  const perPage = options.perPage ?? 100;
  const maxPages = options.maxPages ?? 50;
  const items: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const response = await withRetries(`${operation} (page ${page})`, () => fetchPage(page, perPage), options);
    items.push(...response.data);
    const link = response.headers.link;
    const hasNext = link !== undefined ? /rel="next"/.test(link) : response.data.length === perPage;
    if (!hasNext) break;
  }
  return items;
}
