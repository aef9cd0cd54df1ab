// s3rver (an S3-compatible server for loopback tests and the S3 benchmark), with one fix applied.
// s3rver 3.7.1 prunes its directory walk below the first delimiter, so a delimiter listing only reports a common
// prefix when some object sits exactly one level below it (`AWSLogs/` alone never shows up for
// `AWSLogs/<account>/CloudTrail/...`). Real S3 reports it. The fix lists without the delimiter and groups the
// keys here; delimiter listings are then not paginated (test and bench trees have few folders per level).
import { createRequire } from 'node:module';

function fixDelimiterListings(server) {
  const store = server.store;
  const listObjects = store.listObjects.bind(store);
  store.listObjects = async (bucket, options) => {
    if (!options.delimiter) return listObjects(bucket, options);
    const all = await listObjects(bucket, { ...options, delimiter: undefined, maxKeys: Infinity });
    const prefix = options.prefix ?? '';
    const commonPrefixes = new Set();
    const objects = [];
    for (const object of all.objects) {
      const at = object.key.indexOf(options.delimiter, prefix.length);
      if (at >= 0) commonPrefixes.add(object.key.slice(0, at + options.delimiter.length));
      else objects.push(object);
    }
    return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated: false };
  };
}

/** Starts s3rver on 127.0.0.1 (a free port) storing objects in `directory`. */
export async function startS3rver(directory) {
  const S3rver = createRequire(import.meta.url)('s3rver');
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  fixDelimiterListings(server);
  const { port } = await server.run();
  return { server, port, endpoint: `http://127.0.0.1:${port}` };
}
