/**
 * A loopback fake of the Athena and CloudTrail (Lake) JSON APIs, driven by the real SDK clients: it runs the
 * SQL it receives in DuckDB (through the Trino shim) and plays the query lifecycle: QUEUED/RUNNING for a set
 * number of polls, then SUCCEEDED (Lake: FINISHED) or a scripted FAILED/CANCELLED, slow queries that never
 * finish (until stopped), throttling (400 TooManyRequestsException / ThrottlingException) and small result pages.
 * Athena's ExecutionParameters must each be one SQL literal ('text' with '' for a quote, or a number): they are
 * bound as DuckDB parameters, never spliced into the SQL.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DuckDBConnection } from '@duckdb/node-api';
import { lakeSqlForDuckDb, runQuery } from './trino-shim.js';

export interface FakeBehaviour {
  /** Polls answered QUEUED, then RUNNING, before the final state. */
  queuedPolls?: number;
  runningPolls?: number;
  /** Never leaves RUNNING (until StopQueryExecution / CancelQuery). */
  slow?: boolean;
  /** Final state instead of success. */
  fail?: { state: 'FAILED' | 'CANCELLED'; reason: string };
  /** Answer the first N calls of each of these operations with a throttling error. */
  throttle?: Record<string, number>;
  /** Result rows per GetQueryResults page (Athena counts the header on the first page). */
  pageSize?: number;
  /** Bytes scanned to report (default: 1 KiB per table row read... a fixed figure). */
  dataScannedBytes?: number;
  /** Partition keys GetTableMetadata reports (default: the organization layout). */
  partitionKeys?: string[];
}

interface Query {
  id: string;
  sql: string;
  params: string[];
  lake: boolean;
  polls: number;
  state: string;
  reason?: string;
  columns?: string[];
  rows?: (string | null)[][];
}

export interface FakeCall {
  target: string;
  body: Record<string, unknown>;
}

/** Parses one ExecutionParameters value: a SQL string literal or a number, nothing else. */
export function parseLiteral(text: string): string {
  if (/^'(?:[^']|'')*'$/s.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(text)) return text;
  throw new Error(`execution parameter is not a literal: ${text}`);
}

export class AwsQueryFake {
  readonly calls: FakeCall[] = [];
  readonly queries = new Map<string, Query>();
  behaviour: FakeBehaviour = {};
  private server?: http.Server;
  private seq = 0;
  private throttled = new Map<string, number>();

  constructor(private readonly connection: DuckDBConnection) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        this.handle(String(req.headers['x-amz-target'] ?? ''), body)
          .then(([status, out]) => {
            res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
            res.end(JSON.stringify(out));
          })
          .catch((error: unknown) => {
            res.writeHead(500, { 'content-type': 'application/x-amz-json-1.1' });
            res.end(JSON.stringify({ __type: 'InternalServerException', message: String(error) }));
          });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  reset(behaviour: FakeBehaviour = {}): void {
    this.behaviour = behaviour;
    this.calls.length = 0;
    this.throttled.clear();
  }

  operations(): string[] {
    return this.calls.map((c) => c.target);
  }

  private async handle(fullTarget: string, text: string): Promise<[number, unknown]> {
    const target = fullTarget.slice(fullTarget.lastIndexOf('.') + 1);
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    this.calls.push({ target, body });
    const limit = this.behaviour.throttle?.[target] ?? 0;
    const seen = this.throttled.get(target) ?? 0;
    if (seen < limit) {
      this.throttled.set(target, seen + 1);
      const lake = fullTarget.includes('CloudTrail');
      return [400, { __type: lake ? 'ThrottlingException' : 'TooManyRequestsException', message: 'Rate exceeded' }];
    }
    switch (target) {
      case 'GetTableMetadata':
        return [200, { TableMetadata: { Name: body.TableName, PartitionKeys: (this.behaviour.partitionKeys ?? ['account_id', 'region', 'timestamp']).map((Name) => ({ Name, Type: 'string' })) } }];
      case 'StartQueryExecution':
        return this.startQuery(String(body.QueryString), ((body.ExecutionParameters as string[] | undefined) ?? []).map(String), false);
      case 'StartQuery':
        return this.startQuery(String(body.QueryStatement), [], true);
      case 'GetQueryExecution':
        return this.describe(String(body.QueryExecutionId), false);
      case 'DescribeQuery':
        return this.describe(String(body.QueryId), true);
      case 'StopQueryExecution':
      case 'CancelQuery': {
        const q = this.queries.get(String(body.QueryExecutionId ?? body.QueryId));
        if (q) q.state = 'CANCELLED';
        return [200, target === 'CancelQuery' ? { QueryId: q?.id, QueryStatus: 'CANCELLED' } : {}];
      }
      case 'GetQueryResults':
        return body.QueryExecutionId !== undefined ? this.athenaResults(body) : this.lakeResults(body);
      default:
        return [400, { __type: 'UnknownOperationException', message: target }];
    }
  }

  private async startQuery(sql: string, raw: string[], lake: boolean): Promise<[number, unknown]> {
    let params: string[];
    try {
      params = raw.map(parseLiteral);
    } catch (error) {
      return [400, { __type: 'InvalidRequestException', message: String(error) }];
    }
    const id = `${lake ? 'lake' : 'athena'}-query-${++this.seq}`;
    this.queries.set(id, { id, sql, params, lake, polls: 0, state: 'QUEUED' });
    return [200, lake ? { QueryId: id } : { QueryExecutionId: id }];
  }

  private async advance(q: Query): Promise<void> {
    if (q.state === 'CANCELLED' || q.state === 'FAILED' || q.state === 'SUCCEEDED') return;
    q.polls++;
    const queued = this.behaviour.queuedPolls ?? 1;
    const running = this.behaviour.runningPolls ?? 1;
    if (q.polls <= queued) q.state = 'QUEUED';
    else if (q.polls <= queued + running || this.behaviour.slow) q.state = 'RUNNING';
    else if (this.behaviour.fail) {
      q.state = this.behaviour.fail.state;
      q.reason = this.behaviour.fail.reason;
    } else {
      try {
        const result = await runQuery(this.connection, q.lake ? lakeSqlForDuckDb(q.sql) : q.sql, q.params);
        q.columns = result.columns;
        q.rows = result.rows;
        q.state = 'SUCCEEDED';
      } catch (error) {
        q.state = 'FAILED';
        q.reason = `SYNTAX_ERROR: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }

  private async describe(id: string, lake: boolean): Promise<[number, unknown]> {
    const q = this.queries.get(id);
    if (!q) return [400, { __type: lake ? 'QueryIdNotFoundException' : 'InvalidRequestException', message: `no query ${id}` }];
    await this.advance(q);
    const scanned = this.behaviour.dataScannedBytes ?? 123_456_789;
    if (lake) {
      const status = q.state === 'SUCCEEDED' ? 'FINISHED' : q.state;
      return [200, { QueryId: id, QueryString: q.sql, QueryStatus: status, ErrorMessage: q.reason, QueryStatistics: { EventsMatched: q.rows?.length ?? 0, EventsScanned: 1000, BytesScanned: scanned, ExecutionTimeInMillis: 1234, CreationTime: 1_700_000_000 } }];
    }
    return [
      200,
      {
        QueryExecution: {
          QueryExecutionId: id,
          Query: q.sql,
          WorkGroup: 'primary',
          Status: { State: q.state, StateChangeReason: q.reason },
          Statistics: { DataScannedInBytes: scanned, EngineExecutionTimeInMillis: 2345, TotalExecutionTimeInMillis: 3456 }
        }
      }
    ];
  }

  private page(q: Query, token: unknown, header: boolean): { rows: (string | null)[][]; next?: string } {
    const all = [...(header ? [q.columns!] : []), ...q.rows!];
    const size = this.behaviour.pageSize ?? 1000;
    const start = token === undefined ? 0 : Number(token);
    const next = start + size < all.length ? String(start + size) : undefined;
    return { rows: all.slice(start, start + size), next };
  }

  private athenaResults(body: Record<string, unknown>): [number, unknown] {
    const q = this.queries.get(String(body.QueryExecutionId));
    if (!q || q.state !== 'SUCCEEDED') return [400, { __type: 'InvalidRequestException', message: 'query has not succeeded' }];
    const { rows, next } = this.page(q, body.NextToken, true);
    return [
      200,
      {
        ResultSet: {
          Rows: rows.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
          ResultSetMetadata: { ColumnInfo: q.columns!.map((Name) => ({ Name, Label: Name, Type: 'varchar' })) }
        },
        NextToken: next
      }
    ];
  }

  private lakeResults(body: Record<string, unknown>): [number, unknown] {
    const q = this.queries.get(String(body.QueryId));
    if (!q || q.state !== 'SUCCEEDED') return [400, { __type: 'InactiveQueryException', message: 'query has not finished' }];
    const { rows, next } = this.page(q, body.NextToken, false);
    return [
      200,
      {
        QueryStatus: 'FINISHED',
        QueryStatistics: { ResultsCount: rows.length, TotalResultsCount: q.rows!.length, BytesScanned: this.behaviour.dataScannedBytes ?? 123_456_789 },
        QueryResultRows: rows.map((r) => r.flatMap((v, i) => (v === null ? [] : [{ [q.columns![i]!]: v }]))),
        NextToken: next
      }
    ];
  }
}
