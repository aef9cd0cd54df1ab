import { test } from '@jest/globals';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { startS3Server } from './helpers/s3-server.js';
test('dbg', async () => {
  const s3 = await startS3Server({ buckets: ['b'] });
  await s3.putObject('b', 'AWSLogs/o-abcdefghij/111111111111/CloudTrail/x/f', 'x');
  await s3.putObject('b', 'AWSLogs/o-abcdefghij/111111111111/CloudTrail/y/f', 'x');
  const out = await s3.client.send(new ListObjectsV2Command({ Bucket: 'b', Prefix: '', Delimiter: '/', MaxKeys: 5 }));
  console.log(JSON.stringify(out.CommonPrefixes), out.Contents);
  const out2 = await s3.client.send(new ListObjectsV2Command({ Bucket: 'b', Prefix: 'AWSLogs/', Delimiter: '/' }));
  console.log(JSON.stringify(out2.CommonPrefixes), out2.Contents);
  await s3.close();
});
