import type { DecodeOptions } from '../../src/decode/types.js';
import { decodeWithStreamJson } from './stream-json-decoder.js';

/** The decode paths the equivalence tests compare: the two production ones and the stream-json oracle. */
export type Strategy = 'fast' | 'full' | 'stream';

export function decodeOptionsFor(strategy: Strategy): Pick<DecodeOptions, 'strategy' | 'recordDecoder'> {
  return strategy === 'stream' ? { recordDecoder: decodeWithStreamJson } : { strategy };
}
