import type { DecodeOptions } from '../../src/decode/types.js';
import { decodeWithStreamJson } from './stream-json-decoder.js';

/**
 * The decode paths the equivalence tests compare: the two production ones (with the WebAssembly kernel, as
 * they run), the same without the kernel (`-js`, the JavaScript loop alone), and the stream-json oracle.
 */
export type Strategy = 'fast' | 'full' | 'fast-js' | 'full-js' | 'stream';

export function decodeOptionsFor(strategy: Strategy): Pick<DecodeOptions, 'strategy' | 'recordDecoder' | 'kernel'> {
  if (strategy === 'stream') return { recordDecoder: decodeWithStreamJson };
  if (strategy === 'fast-js') return { strategy: 'fast', kernel: false };
  if (strategy === 'full-js') return { strategy: 'full', kernel: false };
  return { strategy };
}
