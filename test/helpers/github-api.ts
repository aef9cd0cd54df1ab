/**
 * A small in-memory GitHub REST API on 127.0.0.1 for tests (no jest dependency: the end-to-end test reuses
 * it by pointing GITHUB_API_URL at `url`).
 *
 * Implements: list issues for a repo (state, labels, per_page/page, Link header), get/create/update issue,
 * list/create issue comments (paginated), update issue comment, get/create label, and who a token is:
 * GraphQL `{ viewer { login } }` and REST `GET /user` (403 for installation tokens, as on GitHub). Issues and
 * comments are authored by the identity of the token that wrote them. Bodies over 65,536 characters are
 * rejected with 422 like GitHub does. Failures can be injected per route.
 *
 * Also: startStalledServer (accepts connections, never answers) and closedPortUrl (connection refused).
 */
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  /** Set for pull requests (the issues API lists them too). */
  pull_request?: { url: string };
  created_at: string;
  /** Who opened it; the fake's default identity (github-actions[bot]) when unset. */
  user?: FakeUser;
}

export interface FakeUser {
  login: string;
  type: 'User' | 'Bot';
}

export interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: FakeUser;
}

export interface FakeLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, as sent (percent-encoded). */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or null. */
  body: unknown;
  authorization: string | undefined;
}

export interface FailureSpec {
  method?: string;
  /** Matches when the path (without query) matches this regex or equals this string. */
  path?: RegExp | string;
  status: number;
  /** How many matching requests fail (default 1). */
  times?: number;
  headers?: Record<string, string>;
  message?: string;
}

export interface GitHubApiState {
  issues: FakeIssue[];
  comments: FakeComment[];
  labels: FakeLabel[];
}

export interface GitHubApi {
  url: string;
  serverUrl: string;
  owner: string;
  repo: string;
  state: GitHubApiState;
  requests: RecordedRequest[];
  /** Makes the next matching request(s) fail with `status`. */
  failNext(spec: FailureSpec): void;
  /** Adds an open pull request (so comments can be posted on it) and returns its number. */
  addPullRequest(title?: string): number;
  /** Every body sent in POST/PATCH requests (issue bodies and comments), in order. */
  sentBodies(): string[];
  close(): Promise<void>;
}

export const GITHUB_BODY_LIMIT = 65_536;

export interface GitHubApiOptions {
  owner?: string;
  repo?: string;
  serverUrl?: string;
  /** Login of the default identity, which every token not in `tokens` has (a Bot: an installation token). */
  commenter?: string;
  /** Who each token is: a `User` (PAT: GET /user answers) or a `Bot` (installation token: GET /user is 403). */
  tokens?: Record<string, FakeUser>;
  /** Whether POST /graphql answers `viewer` (default true); false makes it 404, as on a server without GraphQL. */
  graphql?: boolean;
}

export async function startGitHubApi(options: GitHubApiOptions = {}): Promise<GitHubApi> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'octo-repo';
  const serverUrl = options.serverUrl ?? 'https://github.example';
  const commenter = options.commenter ?? 'github-actions[bot]';
  const defaultUser: FakeUser = { login: commenter, type: 'Bot' };
  const identityOf = (authorization: string | undefined): FakeUser => {
    const token = /^(?:token|bearer)\s+(.+)$/i.exec(authorization ?? '')?.[1];
    return (token !== undefined && options.tokens?.[token]) || defaultUser;
  };
  const state: GitHubApiState = { issues: [], comments: [], labels: [] };
  const requests: RecordedRequest[] = [];
  const failures: (FailureSpec & { remaining: number })[] = [];
  let nextIssue = 1;
  let nextComment = 1000;
  let clock = Date.parse('2024-04-10T00:00:00Z');

  const issueUrl = (n: number) => `${serverUrl}/${owner}/${repo}/issues/${n}`;
  const issueJson = (i: FakeIssue) => ({
    id: 100_000 + i.number,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    labels: i.labels.map((name) => ({ name })),
    assignees: i.assignees.map((login) => ({ login })),
    html_url: i.pull_request ? `${serverUrl}/${owner}/${repo}/pull/${i.number}` : issueUrl(i.number),
    created_at: i.created_at,
    user: i.user ?? defaultUser,
    ...(i.pull_request ? { pull_request: i.pull_request } : {})
  });
  const commentJson = (c: FakeComment) => ({
    id: c.id,
    body: c.body,
    user: c.user,
    html_url: `${issueUrl(c.issue_number)}#issuecomment-${c.id}`
  });

  const send = (res: http.ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}) => {
    const text = data === undefined ? '' : JSON.stringify(data);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(text);
  };

  const paginate = (req: RecordedRequest, items: unknown[], base: string): { page: unknown[]; link?: string } => {
    const perPage = Math.min(100, Math.max(1, Number(req.query.per_page ?? 30) || 30));
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const links: string[] = [];
    const at = (p: number) => {
      const q = new URLSearchParams({ ...req.query, per_page: String(perPage), page: String(p) });
      return `<${base}${req.path}?${q.toString()}>`;
    };
    if (page < last) links.push(`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
    if (page > 1) links.push(`${at(1)}; rel="first"`, `${at(page - 1)}; rel="prev"`);
    return { page: slice, ...(links.length ? { link: links.join(', ') } : {}) };
  };

  const tooLong = (body: unknown) => typeof body === 'string' && body.length > GITHUB_BODY_LIMIT;
  const validation = (res: http.ServerResponse, field: string) =>
    send(res, 422, { message: 'Validation Failed', errors: [{ resource: 'Issue', field, code: 'custom', message: `${field} is too long (maximum is 65536 characters)` }] });

  let baseUrl = '';
  const prefix = `/repos/${owner}/${repo}`;

  const handle = (req: RecordedRequest, res: http.ServerResponse) => {
    const failure = failures.find((f) => f.remaining > 0 && (!f.method || f.method === req.method) && (!f.path || (typeof f.path === 'string' ? f.path === req.path : f.path.test(req.path))));
    if (failure) {
      failure.remaining--;
      return send(res, failure.status, { message: failure.message ?? `injected ${failure.status}` }, failure.headers);
    }
    if (req.path === '/user' && req.method === 'GET') {
      const user = identityOf(req.authorization);
      if (user.type === 'Bot') return send(res, 403, { message: 'Resource not accessible by integration', status: '403' });
      return send(res, 200, { login: user.login, type: user.type });
    }
    if (req.path === '/graphql' && req.method === 'POST') {
      if (options.graphql === false) return send(res, 404, { message: 'Not Found' });
      const query = String((req.body as { query?: unknown } | null)?.query ?? '');
      if (!/\bviewer\s*\{\s*login\s*\}/.test(query)) return send(res, 200, { errors: [{ message: `fake GraphQL only answers viewer { login }, not: ${query}` }] });
      return send(res, 200, { data: { viewer: { login: identityOf(req.authorization).login } } });
    }
    if (!req.path.startsWith(prefix + '/')) return send(res, 404, { message: 'Not Found' });
    const rest = req.path.slice(prefix.length);
    const body = (req.body ?? {}) as Record<string, unknown>;
    let m: RegExpMatchArray | null;

    if (rest === '/issues' && req.method === 'GET') {
      const wanted = req.query.state ?? 'open';
      const labels = (req.query.labels ?? '').split(',').map((l) => l.trim()).filter(Boolean);
      const matching = state.issues
        .filter((i) => wanted === 'all' || i.state === wanted)
        .filter((i) => labels.every((l) => i.labels.some((il) => il.toLowerCase() === l.toLowerCase())))
        .sort((a, b) => b.number - a.number) // GitHub's default: newest first
        .map(issueJson);
      const { page, link } = paginate(req, matching, baseUrl);
      return send(res, 200, page, link ? { link } : {});
    }
    if (rest === '/issues' && req.method === 'POST') {
      if (typeof body.title !== 'string' || body.title === '') return send(res, 422, { message: 'Validation Failed', errors: [{ field: 'title', code: 'missing_field' }] });
      if (tooLong(body.body)) return validation(res, 'body');
      const labels = Array.isArray(body.labels) ? (body.labels as string[]) : [];
      for (const name of labels) {
        if (!state.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) state.labels.push({ name, color: 'ededed', description: null });
      }
      const issue: FakeIssue = {
        number: nextIssue++,
        title: body.title,
        body: typeof body.body === 'string' ? body.body : null,
        state: 'open',
        state_reason: null,
        labels,
        assignees: Array.isArray(body.assignees) ? (body.assignees as string[]) : [],
        created_at: new Date((clock += 1000)).toISOString(),
        user: identityOf(req.authorization)
      };
      state.issues.push(issue);
      return send(res, 201, issueJson(issue));
    }
    if ((m = rest.match(/^\/issues\/(\d+)$/))) {
      const issue = state.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return send(res, 404, { message: 'Not Found' });
      if (req.method === 'GET') return send(res, 200, issueJson(issue));
      if (req.method === 'PATCH') {
        if (tooLong(body.body)) return validation(res, 'body');
        if (typeof body.body === 'string') issue.body = body.body;
        if (typeof body.title === 'string') issue.title = body.title;
        if (body.state === 'open' || body.state === 'closed') issue.state = body.state;
        if (typeof body.state_reason === 'string') issue.state_reason = body.state_reason;
        return send(res, 200, issueJson(issue));
      }
    }
    if ((m = rest.match(/^\/issues\/(\d+)\/comments$/))) {
      const number = Number(m[1]);
      if (!state.issues.some((i) => i.number === number)) return send(res, 404, { message: 'Not Found' });
      if (req.method === 'GET') {
        const { page, link } = paginate(req, state.comments.filter((c) => c.issue_number === number).map(commentJson), baseUrl);
        return send(res, 200, page, link ? { link } : {});
      }
      if (req.method === 'POST') {
        if (typeof body.body !== 'string' || body.body === '') return send(res, 422, { message: 'Validation Failed' });
        if (tooLong(body.body)) return validation(res, 'body');
        const comment: FakeComment = { id: nextComment++, issue_number: number, body: body.body, user: identityOf(req.authorization) };
        state.comments.push(comment);
        return send(res, 201, commentJson(comment));
      }
    }
    if ((m = rest.match(/^\/issues\/comments\/(\d+)$/)) && req.method === 'PATCH') {
      const comment = state.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      if (typeof body.body !== 'string' || body.body === '') return send(res, 422, { message: 'Validation Failed' });
      if (tooLong(body.body)) return validation(res, 'body');
      comment.body = body.body;
      return send(res, 200, commentJson(comment));
    }
    if (rest === '/labels' && req.method === 'POST') {
      const name = String(body.name ?? '');
      if (state.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
        return send(res, 422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
      }
      const label: FakeLabel = { name, color: String(body.color ?? 'ededed'), description: typeof body.description === 'string' ? body.description : null };
      state.labels.push(label);
      return send(res, 201, label);
    }
    if ((m = rest.match(/^\/labels\/([^/]+)$/)) && req.method === 'GET') {
      const name = decodeURIComponent(m[1]!);
      const label = state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
      return label ? send(res, 200, label) : send(res, 404, { message: 'Not Found' });
    }
    return send(res, 404, { message: `Not Found (fake API has no ${req.method} ${req.path})` });
  };

  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const parsed = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          return send(res, 400, { message: 'Problems parsing JSON' });
        }
      }
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        path: parsed.pathname,
        query: Object.fromEntries(parsed.searchParams),
        body,
        authorization: incoming.headers.authorization
      };
      requests.push(recorded);
      try {
        handle(recorded, res);
      } catch (error) {
        send(res, 500, { message: String(error) });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    serverUrl,
    owner,
    repo,
    state,
    requests,
    failNext(spec) {
      failures.push({ ...spec, remaining: spec.times ?? 1 });
    },
    addPullRequest(title = 'A pull request') {
      const number = nextIssue++;
      state.issues.push({
        number,
        title,
        body: null,
        state: 'open',
        state_reason: null,
        labels: [],
        assignees: [],
        pull_request: { url: `${baseUrl}${prefix}/pulls/${number}` },
        created_at: new Date((clock += 1000)).toISOString()
      });
      return number;
    },
    sentBodies() {
      return requests
        .filter((r) => (r.method === 'POST' || r.method === 'PATCH') && typeof (r.body as { body?: unknown })?.body === 'string')
        .map((r) => (r.body as { body: string }).body);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    }
  };
}

export interface StalledServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Request lines received so far (`GET /repos/... HTTP/1.1`), none of them answered. */
  requests(): string[];
  close(): Promise<void>;
}

/** A server that accepts every connection and never answers: a GitHub API that hangs. */
export async function startStalledServer(): Promise<StalledServer> {
  const sockets = new Set<net.Socket>();
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      for (let end = received.indexOf('\r\n\r\n'); end !== -1; end = received.indexOf('\r\n\r\n')) {
        requests.push(received.slice(0, received.indexOf('\r\n')));
        received = received.slice(end + 4); // bodies are not parsed: enough for GETs, which is what tests stall
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };
}

/** `http://127.0.0.1:<port>` with nothing listening on the port: connecting is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
