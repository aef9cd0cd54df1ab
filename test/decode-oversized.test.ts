import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { capText } from '../src/decode/cap-text.js';
import { decodeCloudTrail, DecodeError } from '../src/decode/index.js';
import type { CloudTrailRecord } from '../src/decode/index.js';
import { DeniedInvocations } from '../src/detection/denied-invocations.js';
import { DEFAULT_SELECTION } from '../src/detection/metadata.js';
import { prefilterMarkers } from '../src/detection/prefilter.js';
import type { Selection } from '../src/detection/types.js';
import { decodeOptionsFor } from './helpers/strategies.js';
import { chunked } from './helpers/fixtures.js';

/**
 * Records larger than 1 MiB are compacted as they stream in: strings longer than 64 KiB of raw bytes become
 * their capText() form inside the decoder, so neither memory nor V8's string limit depends on them, and the
 * detection sees exactly what it would have made of the whole value.
 */

const SELECTION: Selection = {
  eventSources: [...DEFAULT_SELECTION.eventSources],
  eventNames: [...DEFAULT_SELECTION.eventNames],
  errorCodes: [...DEFAULT_SELECTION.errorCodes],
  splunkParity: false
};

const denied = (i: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventVersion: '1.09',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/big', accountId: '123456789012', userName: 'big' },
  eventTime: `2024-03-07T12:00:${String(i).padStart(2, '0')}Z`,
  eventSource: 'bedrock.amazonaws.com',
  eventName: 'InvokeModel',
  awsRegion: 'us-east-1',
  sourceIPAddress: '192.0.2.1',
  userAgent: 'small',
  errorCode: 'AccessDenied',
  errorMessage: 'denied',
  requestParameters: { modelId: 'anthropic.claude-3-haiku-20240307-v1:0' },
  eventID: `id-${i}`,
  ...over
});
const s3 = { eventVersion: '1.09', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: '2024-03-07T11:00:00Z', userAgent: 'x'.repeat(70_000) };

async function decode(input: Readable, strategy: 'fast' | 'full' | 'stream') {
  const detection = new DeniedInvocations(SELECTION);
  const records: CloudTrailRecord[] = [];
  try {
    const result = await decodeCloudTrail(input, {
      ...decodeOptionsFor(strategy),
      prefilter: prefilterMarkers(SELECTION),
      onRecord: (r) => {
        records.push(r);
        detection.observe(r);
      }
    });
    return { result, records, findings: detection.result() };
  } catch (error) {
    return { error: error as Error, records, findings: detection.result() };
  }
}

describe('oversized records', () => {
  // 3 MiB of text with every kind of escape, multi-byte UTF-8 and a surrogate pair, repeated.
  const piece = 'Mozilla/5.0 "quoted" back\\slash\nline\ttab é ü 中文 😀 \u0001 \u2028 /';
  const hugeAgent = piece.repeat(Math.ceil((3 * 1024 * 1024) / piece.length));
  const otherAgent = hugeAgent.slice(0, -1) + '#';
  const body = JSON.stringify({
    Records: [
      s3,
      denied(1, { userAgent: hugeAgent }),
      denied(2, { userAgent: hugeAgent, requestParameters: { modelId: 'm'.repeat(2 * 1024 * 1024) } }),
      denied(3, { userAgent: otherAgent, errorMessage: '\\u' + 'e'.repeat(100_000) }),
      denied(4)
    ]
  }).replace('"small"', '"sm\\u0061ll"');

  it.each([65536, 4099])('fast, full and stream give the same rows, with the long values capped (%i-byte chunks)', async (size) => {
    const bytes = Buffer.from(body);
    const [fast, full, stream] = await Promise.all((['fast', 'full', 'stream'] as const).map((s) => decode(chunked(bytes, size), s)));
    for (const outcome of [fast, full, stream]) {
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toEqual({ format: 'records-envelope', records: 5, bytes: bytes.length });
    }
    expect(full.findings).toEqual(stream.findings);
    expect(fast.findings).toEqual(stream.findings);
    expect(full.findings.matched).toBe(4);
    expect(full.findings.findings.map((f) => [f.user_agent, f.count, f.modelIds, f.result])).toEqual([
      [capText(hugeAgent), 2, ['anthropic.claude-3-haiku-20240307-v1:0', capText('m'.repeat(2 * 1024 * 1024))], 'denied'],
      ['small', 1, ['anthropic.claude-3-haiku-20240307-v1:0'], 'denied'],
      [capText(otherAgent), 1, ['anthropic.claude-3-haiku-20240307-v1:0'], capText('\\u' + 'e'.repeat(100_000))]
    ]);
    expect(capText(hugeAgent)).toMatch(new RegExp(`…\\[truncated: ${hugeAgent.length} chars, sha256:[0-9a-f]{12}\\]$`));
    // The byte scanner handed the detection the capped strings; stream-json the whole ones.
    expect(full.records[1]!.userAgent).toBe(capText(hugeAgent));
    expect(fast.records[1]!.userAgent).toBe(capText(hugeAgent));
    expect(stream.records[1]!.userAgent).toBe(hugeAgent);
    // Short strings of an oversized record pass through untouched.
    expect(full.records[1]!.userIdentity).toEqual(denied(1).userIdentity);
  });

  it('a string past V8\'s string limit (540 MiB) is capped while it streams', async () => {
    const FILL = 540 * 1024 * 1024;
    const slice = Buffer.alloc(1024 * 1024, 'a');
    const [before, after] = JSON.stringify(denied(9)).split('"small"');
    async function* generate(): AsyncGenerator<Buffer> {
      yield Buffer.from(`${before}"`);
      for (let i = 0; i < FILL / slice.length; i++) yield slice;
      yield Buffer.from(`"${after}\n${JSON.stringify(denied(10))}\n`);
    }
    const outcome = await decode(Readable.from(generate(), { objectMode: false }), 'fast');
    expect(outcome.error).toBeUndefined();
    expect(outcome.result?.records).toBe(2);
    expect(outcome.findings.matched).toBe(2);
    const agents = outcome.findings.findings.map((f) => f.user_agent);
    expect(agents).toHaveLength(2);
    expect(agents).toContain('small');
    const capped = agents.find((a) => a !== 'small')!;
    expect(capped).toHaveLength(8192);
    expect(capped).toMatch(/^a+…\[truncated: 566231040 chars, sha256:[0-9a-f]{12}\]$/);
  }, 120_000);

  it.each([
    ['a raw control character', Buffer.from('\u0007'), /^invalid JSON in record 1: bad control character in string literal \(byte 0x07\)$/],
    ['an unknown escape', Buffer.from('\\x'), /^invalid JSON in record 1: bad escaped character in string literal \('\\x'\)$/],
    ['a bad \\u escape', Buffer.from('\\u12G4'), /^invalid JSON in record 1: bad Unicode escape in string literal$/]
  ])('a long string with %s is invalid JSON, as JSON.parse would say', async (_what, bad, message) => {
    const head = Buffer.from('{"eventName":"InvokeModel","userAgent":"');
    const bytes = Buffer.concat([head, Buffer.alloc(2 * 1024 * 1024, 'a'), bad, Buffer.from('"}\n')]);
    for (const strategy of ['fast', 'full'] as const) {
      const outcome = await decode(chunked(bytes, 65536), strategy);
      expect(outcome.error).toBeInstanceOf(DecodeError);
      expect(outcome.error?.message).toMatch(message);
    }
    const stream = await decode(chunked(bytes, 65536), 'stream');
    expect(stream.error).toBeInstanceOf(DecodeError);
  });
});
