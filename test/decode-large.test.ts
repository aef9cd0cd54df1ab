import { Readable } from 'node:stream';
import { decodeCloudTrail } from '../src/decode/index.js';

/**
 * A ~300 MB {"Records":[...]} envelope, generated on the fly (nothing stored), must decode in bounded memory:
 * the scanner keeps only the current record's bytes, never the file.
 */

const ordinary = JSON.stringify({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', principalId: 'AIDA5EXAMPLEUSERID99', arn: 'arn:aws:iam::123456789012:user/reporting', accountId: '123456789012', accessKeyId: 'AKIA5EXAMPLEKEY00001', userName: 'reporting' },
  eventTime: '2024-03-07T12:35:10Z',
  eventSource: 's3.amazonaws.com',
  eventName: 'GetObject',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: '[aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/s3.cp]',
  requestParameters: { bucketName: 'finance-reports', key: '2024/03/q1 "quoted" \\ {not a brace} [nor a bracket].csv', Host: 'finance-reports.s3.us-east-1.amazonaws.com' },
  responseElements: null,
  requestID: 'N8XQ2EXAMPLE7Y1R',
  eventID: '2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091',
  readOnly: true,
  eventType: 'AwsApiCall',
  managementEvent: false,
  recipientAccountId: '123456789012',
  eventCategory: 'Data'
});
const denied = JSON.stringify({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', userName: 'intern', arn: 'arn:aws:iam::123456789012:user/intern', accountId: '123456789012' },
  eventTime: '2024-03-07T12:34:56Z',
  eventSource: 'bedrock.amazonaws.com',
  eventName: 'InvokeModel',
  awsRegion: 'us-east-1',
  errorCode: 'AccessDenied',
  errorMessage: 'User: arn:aws:iam::123456789012:user/intern is not authorized to perform: bedrock:InvokeModel',
  requestParameters: { modelId: 'anthropic.claude-3-sonnet-20240229-v1:0' },
  responseElements: null
});

// One block: 999 ordinary records and 1 denied one, each followed by a comma.
const RECORDS_PER_BLOCK = 1000;
const block = Buffer.from(Array.from({ length: RECORDS_PER_BLOCK }, (_, i) => (i === 500 ? denied : ordinary)).join(',') + ',');
const TARGET_BYTES = 300 * 1024 * 1024;
const BLOCKS = Math.ceil(TARGET_BYTES / block.length);
/** Emitted in 64 KiB + 7 slices so records straddle chunk boundaries at every offset. */
const SLICE = 65536 + 7;

function hugeEnvelope(sampleHeap: () => void): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    yield Buffer.from('{"Records":[');
    // The concatenation of BLOCKS blocks, sliced at a fixed size that does not divide the block.
    let carry = Buffer.alloc(0);
    for (let b = 0; b < BLOCKS; b++) {
      let data = carry.length ? Buffer.concat([carry, block]) : block;
      while (data.length >= SLICE) {
        yield data.subarray(0, SLICE);
        data = data.subarray(SLICE);
      }
      carry = Buffer.from(data);
      if (b % 64 === 0) sampleHeap();
    }
    yield Buffer.concat([carry, Buffer.from(ordinary + ']}')]);
  }
  return Readable.from(generate(), { objectMode: false });
}

describe('a ~300 MB envelope', () => {
  it.each(['fast', 'full'] as const)('decodes in bounded memory with the exact record count (%s)', async (strategy) => {
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    const sampleHeap = (): void => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    let bedrock = 0;
    const started = Date.now();
    const result = await decodeCloudTrail(hugeEnvelope(sampleHeap), {
      strategy,
      onRecord: (record) => {
        if (record.eventSource === 'bedrock.amazonaws.com' && record.errorCode === 'AccessDenied') bedrock++;
      }
    });
    sampleHeap();
    const elapsed = Date.now() - started;
    expect(result.format).toBe('records-envelope');
    expect(result.records).toBe(BLOCKS * RECORDS_PER_BLOCK + 1);
    expect(bedrock).toBe(BLOCKS);
    expect(result.bytes).toBe('{"Records":['.length + BLOCKS * block.length + ordinary.length + 2);
    expect(result.bytes).toBeGreaterThan(TARGET_BYTES);
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);
    expect(elapsed).toBeLessThan(20_000);
  }, 30_000);
});
