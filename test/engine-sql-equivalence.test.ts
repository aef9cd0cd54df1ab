/**
 * The engine's SQL, executed by DuckDB (through the one visible Trino shim) over a table shaped like the
 * documented Athena CloudTrail table, gives the runner engine's DetectionResult, row for row: on every
 * detection fixture and on the public samples, lossless and parity, default and widened selections,
 * suppression rules on modelId, wide and narrow windows. The same for the CloudTrail Lake dialect.
 */
import * as path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { parseSuppressionRules } from '../src/detection/suppress.js';
import type { DetectionResult, Selection } from '../src/detection/types.js';
import type { CloudTrailRecord } from '../src/decode/types.js';
import { athenaQuery, lakeQuery, RESULT_COLUMNS } from '../src/engines/athena-sql.js';
import { detectionFromRows, type EngineRow } from '../src/engines/rows.js';
import { filesBelow, repoRoot } from './helpers/fixtures.js';
import { decodeFile, lakeSqlForDuckDb, loadAthenaTable, loadLakeTable, runQuery, shimmedConnection } from './helpers/trino-shim.js';
import { withoutRunnerOnlyFields } from '../src/engines/rows.js';


async function recordsOf(files: string[]): Promise<CloudTrailRecord[]> {
  const all: CloudTrailRecord[] = [];
  for (const file of files) {
    try {
      all.push(...(await decodeFile(file)));
    } catch {
      // corrupt / truncated / not CloudTrail: the runner engine skips them too
    }
  }
  return all;
}

const fixtureFiles = filesBelow(path.join(repoRoot, '__fixtures__'));
const publicFiles = filesBelow(path.resolve(repoRoot, '..', 'shared', 'data', 'real-cloudtrail')).filter((f) => /\.json(l|\.gz)?$|\.ndjson$/.test(f));

/** The runner engine's result, less the per-user context and denials per hour, which only the runner engine computes (see rows.ts). */
function runner(records: CloudTrailRecord[], selection: Selection): DetectionResult {
  const detector = new DeniedInvocations(selection);
  for (const r of records) detector.observe(r);
  return withoutRunnerOnlyFields(detector.result());
}

async function engine(connection: DuckDBConnection, table: string, selection: Selection, org = true): Promise<DetectionResult> {
  const query = athenaQuery({ table, partitions: org ? { date: 'timestamp', account: 'account_id', region: 'region' } : { date: 'timestamp' }, selection });
  const { columns, rows } = await runQuery(connection, query.sql, query.params);
  expect(columns).toEqual([...RESULT_COLUMNS]);
  return detectionFromRows(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as EngineRow), selection);
}

const WIDE = { since: Date.parse('2010-01-01T00:00:00Z'), until: Date.parse('2030-12-31T23:59:59.999Z') };
const base = { eventSources: ['bedrock.amazonaws.com'], eventNames: ['InvokeModel'], errorCodes: ['AccessDenied'], splunkParity: false, ...WIDE };

let db: { connection: DuckDBConnection; close(): void };
let fixtures: CloudTrailRecord[];
let samples: CloudTrailRecord[];

beforeAll(async () => {
  db = await shimmedConnection();
  fixtures = await recordsOf(fixtureFiles);
  samples = await recordsOf(publicFiles);
  await loadAthenaTable(db.connection, 'security.fixtures', fixtures);
  await loadAthenaTable(db.connection, 'security.samples', samples);
  await loadLakeTable(db.connection, 'EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE', fixtures);
}, 120_000);

afterAll(() => db?.close());

const distinct = (records: CloudTrailRecord[], key: keyof CloudTrailRecord) =>
  [...new Set(records.map((r) => r[key]).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length < 200))].sort();

describe('Athena SQL in DuckDB equals the runner engine', () => {
  test('the fixtures hold what the comparison needs', () => {
    expect(fixtures.length).toBeGreaterThan(50);
    expect(samples.length).toBeGreaterThan(100);
    expect(runner(fixtures, base).findings.length).toBeGreaterThan(5);
  });

  const selections: [string, () => Selection][] = [
    ['default selection', () => base],
    ['default selection, splunk-parity', () => ({ ...base, splunkParity: true })],
    ['widened names and codes', () => ({ ...base, eventNames: ['InvokeModel', 'converse', 'InvokeModelWithResponseStream', 'ConverseStream'], errorCodes: ['accessdenied', 'AccessDeniedException'] })],
    ['widened sources (mantle, sagemaker)', () => ({ ...base, eventSources: ['bedrock.amazonaws.com', 'bedrock-mantle.amazonaws.com', 'sagemaker.amazonaws.com'], eventNames: ['InvokeModel', 'InvokeEndpoint', 'Converse'] })],
    [
      'suppression by user, wildcard and modelId',
      () => ({ ...base, suppress: parseSuppressionRules('user=build-bot\nmodelId=anthropic.claude-3-opus*\nsrc=10.* user_agent=*boto*\nuser=never-matches') })
    ],
    ['suppression with parity', () => ({ ...base, splunkParity: true, suppress: parseSuppressionRules('modelId=*sonnet*\nvendor_region=us-west-2') })],
    ['a narrow window', () => ({ ...base, since: Date.parse('2026-11-26T09:01:00Z'), until: Date.parse('2026-11-26T13:00:30Z') })]
  ];

  for (const [name, selection] of selections) {
    test(`fixtures: ${name}`, async () => {
      const expected = runner(fixtures, selection());
      const actual = await engine(db.connection, 'security.fixtures', selection());
      if (name.includes('narrow')) {
        // Only the window's partitions are read: events outside them are not seen, so not counted.
        expect(actual.outsideWindow).toBeLessThanOrEqual(expected.outsideWindow);
        expect({ ...actual, outsideWindow: 0 }).toEqual({ ...expected, outsideWindow: 0 });
      } else {
        expect(actual).toEqual(expected);
      }
      expect(expected.matched + expected.droppedByParity + expected.suppressed.reduce((s, r) => s + r.count, 0)).toBeGreaterThan(0);
    });
  }

  test('single-account layout (timestamp partition only) gives the same', async () => {
    expect(await engine(db.connection, 'security.fixtures', base, false)).toEqual(runner(fixtures, base));
  });

  test('public samples: every error code, source and name they hold, lossless and parity', async () => {
    const widened: Selection = { ...base, eventSources: distinct(samples, 'eventSource'), eventNames: distinct(samples, 'eventName'), errorCodes: distinct(samples, 'errorCode') };
    for (const s of [widened, { ...widened, splunkParity: true }]) {
      const expected = runner(samples, s);
      expect(expected.findings.length).toBeGreaterThan(10);
      expect(await engine(db.connection, 'security.samples', s)).toEqual(expected);
    }
  });

  test('public samples: the default selection and its near misses', async () => {
    const s = { ...base, eventNames: ['InvokeModel', 'Converse'] };
    expect(await engine(db.connection, 'security.samples', s)).toEqual(runner(samples, s));
  });

  test('public samples: day-sized windows across the samples', async () => {
    const times = samples.filter((r) => typeof r.errorCode === 'string').map((r) => Date.parse(String(r.eventTime))).filter((t) => !Number.isNaN(t)).sort((a, b) => a - b);
    const widened: Selection = { ...base, eventSources: distinct(samples, 'eventSource'), eventNames: distinct(samples, 'eventName'), errorCodes: distinct(samples, 'errorCode') };
    for (const t of [times[0]!, times[Math.floor(times.length / 2)]!, times[times.length - 1]!]) {
      const s = { ...widened, since: t - 3_600_000, until: t + 3_600_000 };
      const expected = runner(samples, s);
      const actual = await engine(db.connection, 'security.samples', s);
      expect(actual.outsideWindow).toBeLessThanOrEqual(expected.outsideWindow);
      expect({ ...actual, outsideWindow: 0 }).toEqual({ ...expected, outsideWindow: 0 });
      expect(expected.matched).toBeGreaterThan(0);
    }
  });
});

describe('CloudTrail Lake SQL in DuckDB equals the runner engine', () => {
  for (const [name, s] of [
    ['default', base],
    ['parity, widened', { ...base, splunkParity: true, eventNames: ['InvokeModel', 'Converse'], errorCodes: ['AccessDenied', 'AccessDeniedException'] }],
    ['suppression on modelId', { ...base, suppress: parseSuppressionRules('modelId=anthropic.claude-3-opus*') }]
  ] as [string, Selection][]) {
    test(name, async () => {
      const query = lakeQuery({ eventDataStore: 'arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLEf852-4e8f-8bd1-bcf6cEXAMPLE', selection: s });
      expect(query.params).toEqual([]);
      const { columns, rows } = await runQuery(db.connection, lakeSqlForDuckDb(query.sql));
      const actual = detectionFromRows(rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as EngineRow), s);
      expect(actual).toEqual(runner(fixtures, s));
    });
  }
});
