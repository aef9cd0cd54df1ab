import { Readable, pipeline } from 'node:stream';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';
import { isEnvelopeKey, type EnvelopeKey, type RecordSink } from '../../src/decode/record-sink.js';
import { DecodeError } from '../../src/decode/types.js';

/**
 * The test oracle (the `stream` strategy of the tests): stream-json's tokenizer for everything, with one Assembler per record so memory stays
 * bounded by the largest record. Slow (tens of times plain gunzip); kept as an independent reference that the
 * tests compare the byte scanner against.
 */

type Token = { name: string; value?: unknown };

const enum Mode {
  Between,
  WholeObject,
  Envelope,
  EnvelopeDone,
  TopArray
}

export async function decodeWithStreamJson(
  chunks: AsyncIterable<Buffer>,
  sink: RecordSink,
  countBytes: (n: number) => void
): Promise<void> {
  let bytesRead = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      bytesRead += chunk.length;
      countBytes(chunk.length);
      yield chunk;
    }
  }
  const tokens = parser.asStream({ jsonStreaming: true, streamValues: false });
  const source = Readable.from(counted(), { objectMode: false });
  let sourceError: unknown;
  pipeline(source, tokens, (error) => {
    if (error) sourceError = error;
  });

  let depth = 0;
  let mode = Mode.Between;
  let envelopeKey: EnvelopeKey = 'Records';
  let asm: Assembler | null = null;
  let lastTopKey = '';

  const notAnObject = (what: string): never => {
    const container = mode === Mode.Envelope ? `${envelopeKey}[] item` : 'array item';
    throw new DecodeError(`not CloudTrail: ${container} (record ${sink.records + 1}) is ${what}, expected an object`);
  };

  try {
    for await (const raw of tokens) {
      const token = raw as Token;
      const name = token.name;
      const opens = name === 'startObject' || name === 'startArray';
      const closes = name === 'endObject' || name === 'endArray';
      const isValue = opens || (name.endsWith('Value') && name !== 'keyValue');

      if (depth === 0) {
        if (name === 'startObject') {
          mode = Mode.WholeObject;
          lastTopKey = '';
          asm = new Assembler();
          asm.consume(token as never);
        } else if (name === 'startArray') {
          mode = Mode.TopArray;
          sink.topLevelArrayStart();
        } else if (isValue) {
          throw new DecodeError(`not CloudTrail: top-level value is a ${name.replace('Value', '')}`);
        }
        depth++;
        continue;
      }

      if (mode === Mode.WholeObject && depth === 1) {
        if (name === 'keyValue') lastTopKey = String(token.value);
        else if (name === 'startArray' && isEnvelopeKey(lastTopKey)) {
          // {"Records":[ ...: stream the array item by item.
          mode = Mode.Envelope;
          envelopeKey = lastTopKey;
          asm = null;
          sink.envelopeStart(envelopeKey);
          depth++;
          continue;
        } else if (isValue) lastTopKey = '';
      }

      if (mode === Mode.EnvelopeDone && depth === 1 && name === 'keyValue' && isEnvelopeKey(String(token.value))) {
        throw new DecodeError(`not CloudTrail: duplicate envelope key "${String(token.value)}" after the "${envelopeKey}" array`);
      }

      const itemDepth = mode === Mode.Envelope ? 2 : mode === Mode.TopArray ? 1 : -1;
      if (depth === itemDepth && asm === null && isValue) {
        if (name !== 'startObject') notAnObject(name === 'startArray' ? 'an array' : `a ${name.replace('Value', '')}`);
        asm = new Assembler();
      }

      if (asm !== null) {
        asm.consume(token as never);
      }
      if (opens) depth++;
      if (closes) depth--;

      if (asm !== null && asm.done) {
        const value = asm.current;
        asm = null;
        if (mode === Mode.WholeObject) sink.topLevelObject(value);
        else if (mode === Mode.Envelope) sink.envelopeItem(envelopeKey, value);
        else sink.topLevelArrayItem(value);
      }
      if (closes && depth === 1 && mode === Mode.Envelope) mode = Mode.EnvelopeDone;
      if (depth === 0) mode = Mode.Between;
    }
  } catch (error) {
    tokens.destroy();
    if (error instanceof DecodeError) throw error;
    if (sourceError instanceof DecodeError) throw sourceError;
    const message = (error as Error).message;
    // stream-json says "Parser has expected ..." when the input ends inside a value.
    if (message.startsWith('Parser has expected')) {
      throw new DecodeError(`truncated JSON: unexpected end of input after ${bytesRead} bytes (stream-json: ${message})`);
    }
    if (message.startsWith('Parser cannot parse input')) {
      throw new DecodeError(`invalid JSON (stream-json): ${message}`);
    }
    throw error;
  }
  if (sourceError !== undefined) throw sourceError;
  if (depth !== 0) throw new DecodeError(`truncated JSON: unexpected end of input after ${bytesRead} bytes`);
}
