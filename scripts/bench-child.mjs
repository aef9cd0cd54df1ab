// Child processes of `npm run bench`, each timed as a whole process (start-up included), like the action:
//   node scripts/bench-child.mjs gunzip <file>...           the floor: one thread, 256 KiB output chunks
//   node scripts/bench-child.mjs duckdb <layout> <file>...  DuckDB (2 threads) doing the detection's selection and group-by
//   node scripts/bench-child.mjs s3-gets <sdk|direct|http> <endpoint> <bucket> <keys.json>
//                                                          reads every key once, 64 at a time, through the AWS SDK's S3
//                                                          client set up as the action's, as the action's direct GETs (the
//                                                          client's signer over node:http), or as bare unsigned node:http
//                                                          GETs; prints the CPU time of the requests alone
//   node scripts/bench-child.mjs fetch-floor <http|file> <endpoint|dir> <bucket> <keys.json> <in-flight>
//                                                          the S3 bench's floor: every object fetched (bare unsigned
//                                                          node:http GETs over keep-alive connections, or read from the
//                                                          local copy) and gunzipped, <in-flight> at a time; no listing,
//                                                          signing, parsing or detection
import { createReadStream, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';

/** Objects up to this size (compressed) are read whole and gunzipped in one call by the fetch floor. */
const WHOLE_BYTES = 1024 * 1024;

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
} else if (mode === 'fetch-floor') {
  const [from, where, bucket, keysFile, inFlightArg] = rest;
  const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
  const inFlight = Math.max(1, Number(inFlightArg) || 64);
  const { get } = from === 'http' ? await bareGets(where, bucket, inFlight) : {};
  // Small objects whole and gunzipped in one call (as the action reads CloudTrail's 5-15 KB files), larger ones
  // streamed through gunzip on libuv's pool, from the network and from the files alike.
  const inflate = async (body) => {
    if (Buffer.isBuffer(body)) return gunzipSync(body).length;
    let bytes = 0;
    for await (const chunk of body.pipe(createGunzip({ chunkSize: 256 * 1024 }))) bytes += chunk.length;
    return bytes;
  };
  const fetchOne = async (key) => {
    if (get !== undefined) {
      const res = await get(key);
      return inflate(Number(res.headers['content-length']) <= WHOLE_BYTES ? await whole(res) : res);
    }
    const path = join(where, key);
    return inflate((await stat(path)).size <= WHOLE_BYTES ? await readFile(path) : createReadStream(path, { highWaterMark: 256 * 1024 }));
  };
  let bytes = 0;
  await eachKey(keys, inFlight, async (key) => {
    bytes += await fetchOne(key);
  });
  console.log(JSON.stringify({ objects: keys.length, bytes }));
} else if (mode === 's3-gets') {
  const [client, endpoint, bucket, keysFile] = rest;
  const keys = JSON.parse(readFileSync(keysFile, 'utf8'));
  const inFlight = 64;
  const { agent, get: bareGet } = await bareGets(endpoint, bucket, inFlight);
  const drain = async (body) => {
    let bytes = 0;
    for await (const chunk of body) bytes += chunk.length;
    return bytes;
  };
  let get;
  if (client === 'sdk') {
    // The settings src/sources/s3.ts gives its client.
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      followRegionRedirects: true,
      retryMode: 'standard',
      maxAttempts: 5,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      cacheMiddleware: true,
      requestHandler: { httpAgent: agent, httpsAgent: agent, connectionTimeout: 30_000, socketTimeout: 30_000 }
    });
    get = async (key) => drain((await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body);
  } else if (client === 'direct') {
    // What src/sources/s3-direct-get.ts sends once the SDK has read an object: a GET signed in place (SigV4 as
    // src/sources/sigv4.ts computes it, signing key derived once), over node:http and the same kind of agent.
    const { createHash, createHmac } = await import('node:crypto');
    const url = new URL(endpoint);
    const emptyPayload = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const accessKeyId = process.env.AWS_ACCESS_KEY_ID ?? 'bench';
    const secretAccessKey = process.env.AWS_SECRET_ACCESS_KEY ?? 'bench';
    let signingKey;
    let signingDay;
    get = async (key) => {
      const path = keyPath(bucket, key);
      const longDate = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
      const day = longDate.slice(0, 8);
      if (day !== signingDay) {
        signingKey = createHmac('sha256', `AWS4${secretAccessKey}`).update(day).digest();
        for (const part of ['us-east-1', 's3', 'aws4_request']) signingKey = createHmac('sha256', signingKey).update(part).digest();
        signingDay = day;
      }
      const headers = { host: url.host, 'x-amz-content-sha256': emptyPayload, 'x-amz-date': longDate };
      const canonical = `GET\n${path}\nx-id=GetObject\nhost:${url.host}\nx-amz-content-sha256:${emptyPayload}\nx-amz-date:${longDate}\n\nhost;x-amz-content-sha256;x-amz-date\n${emptyPayload}`;
      const scope = `${day}/us-east-1/s3/aws4_request`;
      const toSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
      headers.authorization = `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${createHmac('sha256', signingKey).update(toSign).digest('hex')}`;
      return drain(await httpGet({ host: url.hostname, port: url.port, path: `${path}?x-id=GetObject`, headers, agent }));
    };
  } else {
    get = async (key) => drain(await bareGet(key));
  }
  // Warm-up (connections, JIT) outside the measurement, then every key once.
  await Promise.all(keys.slice(0, inFlight).map(get));
  const cpu = process.cpuUsage();
  let bytes = 0;
  await eachKey(keys, inFlight, async (key) => {
    bytes += await get(key);
  });
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ requests: keys.length, bytes, cpuMs: (used.user + used.system) / 1000 }));
}

/** `fn` for every key, `inFlight` at a time. */
async function eachKey(keys, inFlight, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < keys.length) await fn(keys[next++]);
    })
  );
}

/** An object's path on the loopback S3 server (path style, each segment encoded). */
function keyPath(bucket, key) {
  return `/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** A GET's response, once its headers have come. */
function httpGet(options) {
  return new Promise((resolveGet, rejectGet) => {
    (options.agent instanceof https.Agent ? https : http).get(options, resolveGet).on('error', rejectGet);
  });
}

/** Bare unsigned GETs of `bucket`'s objects at `endpoint`, over an agent keeping `inFlight` connections alive. */
async function bareGets(endpoint, bucket, inFlight) {
  const url = new URL(endpoint);
  // Over TLS when the server is (BENCH_S3_TLS): the certificate comes with NODE_EXTRA_CA_CERTS.
  const agent = new (url.protocol === 'https:' ? https : http).Agent({ keepAlive: true, maxSockets: inFlight });
  return { agent, get: (key) => httpGet({ host: url.hostname, port: url.port, path: keyPath(bucket, key), agent }) };
}

async function whole(stream) {
  const parts = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}
