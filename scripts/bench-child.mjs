// Child processes of `npm run bench`, each timed as a whole process (start-up included), like the action:
//   node scripts/bench-child.mjs gunzip <file>...           the floor: one thread, 256 KiB output chunks
//   node scripts/bench-child.mjs duckdb <layout> <file>...  DuckDB (2 threads) doing the detection's selection and group-by
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createGunzip } from 'node:zlib';

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'gunzip') {
  let bytes = 0;
  for (const path of rest) for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }).pipe(createGunzip({ chunkSize: 256 * 1024 }))) bytes += chunk.length;
  console.log(JSON.stringify({ bytes }));
} else if (mode === 'duckdb') {
  const [layout, ...files] = rest;
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: String(Number(process.env.DUCKDB_THREADS) || availableParallelism()) });
  const c = await db.connect();
  // Only the fields the detection reads, declared (no schema sampling): DuckDB's best case.
  const record = `STRUCT(eventTime VARCHAR, eventSource VARCHAR, eventName VARCHAR, errorCode VARCHAR, errorMessage VARCHAR, awsRegion VARCHAR, sourceIPAddress VARCHAR, userAgent VARCHAR, recipientAccountId VARCHAR, userIdentity STRUCT(userName VARCHAR, arn VARCHAR, accountId VARCHAR, sessionContext STRUCT(sessionIssuer STRUCT(userName VARCHAR))), requestParameters STRUCT(modelId VARCHAR))`;
  const list = `[${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(',')}]`;
  const from =
    layout === 'envelopes'
      ? `(SELECT unnest(Records, recursive := false) AS r FROM read_json(${list}, format = 'auto', records = true, maximum_object_size = 1073741824, columns = {Records: '${record}[]'}))`
      : `(SELECT struct_pack(eventTime, eventSource, eventName, errorCode, errorMessage, awsRegion, sourceIPAddress, userAgent, recipientAccountId, userIdentity, requestParameters) AS r FROM read_json(${list}, format = 'newline_delimited', maximum_object_size = 1073741824, columns = ${JSON.stringify(Object.fromEntries([...record.matchAll(/(\w+) (VARCHAR|STRUCT\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\))/g)].filter((m) => !m[0].startsWith('STRUCT')).map((m) => [m[1], m[2]]))).replaceAll('"', "'")}))`;
  const sql = `SELECT r.sourceIPAddress AS src, coalesce(r.userIdentity.userName, r.userIdentity.sessionContext.sessionIssuer.userName, regexp_extract(r.userIdentity.arn, '[^:/]+$')) AS "user",
      r.userAgent, coalesce(r.userIdentity.accountId, r.recipientAccountId) AS account, r.eventSource, r.eventName, r.awsRegion, r.errorMessage, r.errorCode,
      count(*) AS count, min(r.eventTime) AS firstTime, max(r.eventTime) AS lastTime, list(DISTINCT r.requestParameters.modelId) AS modelIds
    FROM ${from}
    WHERE lower(r.eventSource) = 'bedrock.amazonaws.com' AND lower(r.eventName) = 'invokemodel' AND lower(r.errorCode) = 'accessdenied'
    GROUP BY ALL`;
  const reader = await c.runAndReadAll(`SELECT count(*) AS rows, sum(count) AS matched FROM (${sql})`);
  const [rows, matched] = reader.getRows()[0];
  console.log(JSON.stringify({ rows: Number(rows), matched: Number(matched ?? 0) }));
}
