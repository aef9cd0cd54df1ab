import type { CompiledPrefilter } from '../prefilter.js';
import { RECORD_SCANNER_KERNEL } from './record-scanner-kernel.wasm.js';

/**
 * The WebAssembly half of RecordScanner (see record-scanner-kernel.c): one instance per thread, shared by every
 * scanner on it (write() is synchronous, so they never overlap); each call loads the caller's state in and out.
 */

/** Indices into the kernel's state array (record-scanner-kernel.c). */
export const enum KernelState {
  Depth = 0,
  InString = 1,
  Marker = 2,
  Mode = 3,
  ItemDepth = 4,
  ExpectKey = 5,
  InItem = 6,
  KeyCleared = 7,
  Events = 8,
  /** 1 when the JS side holds a depth-1 key it tracks (lastKey): the kernel then leaves depth 1 to the byte loop. */
  LastKey = 9
}

/** Event types in the low two bits of an event (the marker flag is bit 2, the position the bits above). */
export const enum KernelEvent {
  ItemBegin = 0,
  ItemEnd = 1,
  TopBegin = 2,
  TopEnd = 3
}

/** The few WebAssembly APIs used (the project's TypeScript libs do not declare them). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type WasmModule = object;
const WebAssemblyApi = (
  globalThis as unknown as {
    WebAssembly: {
      Module: new (bytes: Uint8Array) => WasmModule;
      Instance: new (module: WasmModule, imports: object) => { readonly exports: unknown };
    };
  }
).WebAssembly;

interface KernelExports {
  memory: WasmMemory;
  input(): number;
  stack_address(): number;
  state_address(): number;
  events_address(): number;
  marker_starts_address(): number;
  marker_offset_address(): number;
  marker_length_address(): number;
  marker_bytes_address(): number;
  vector_bytes_address(): number;
  set_vector_count(n: number): void;
  scan(i: number, n: number): number;
}

const MAX_MARKERS = 32;
const MAX_MARKER_BYTES = 4096;
const MAX_VECTOR_BYTES = 6;
/**
 * Larger chunks are scanned in pieces of this size, so the kernel's memory (one per thread, never shrunk) stays
 * small whatever a stream hands over; positions fit the events' 29 bits with room to spare.
 */
export const MAX_KERNEL_CHUNK = 4 * 1024 * 1024;
const PADDING = 16;

export class ScannerKernel {
  private readonly exports: KernelExports;
  private readonly inputAddress: number;
  /** Views into the kernel's memory; rebuilt when it grows. */
  input!: Uint8Array;
  stack!: Uint8Array;
  state!: Int32Array;
  events!: Uint32Array;
  private loaded: CompiledPrefilter | null | undefined = undefined;

  constructor(module: WasmModule) {
    this.exports = new WebAssemblyApi.Instance(module, {}).exports as KernelExports;
    this.inputAddress = this.exports.input();
    this.views();
  }

  private views(): void {
    const buffer = this.exports.memory.buffer;
    this.input = new Uint8Array(buffer, this.inputAddress);
    this.stack = new Uint8Array(buffer, this.exports.stack_address(), 4097);
    this.state = new Int32Array(buffer, this.exports.state_address(), 10);
    this.events = new Uint32Array(buffer, this.exports.events_address(), 16384);
  }

  /** Copies `chunk` to the kernel's input, growing its memory when needed. */
  load(chunk: Uint8Array): void {
    const needed = this.inputAddress + chunk.length + PADDING;
    const memory = this.exports.memory;
    if (needed > memory.buffer.byteLength) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
      this.views();
    }
    this.input.set(chunk);
  }

  /**
   * Loads the prefilter's markers unless they are already loaded; false when the kernel can't hold them
   * (the JS loop scans instead).
   */
  usePrefilter(prefilter: CompiledPrefilter | null): boolean {
    if (prefilter === this.loaded) return true;
    const buffer = this.exports.memory.buffer;
    const starts = new Uint32Array(buffer, this.exports.marker_starts_address(), 256);
    const offsets = new Int32Array(buffer, this.exports.marker_offset_address(), MAX_MARKERS);
    const lengths = new Int32Array(buffer, this.exports.marker_length_address(), MAX_MARKERS);
    const bytes = new Uint8Array(buffer, this.exports.marker_bytes_address(), MAX_MARKER_BYTES);
    starts.fill(0);
    const distinct: string[] = [];
    let used = 0;
    for (let b = 0; b < 256 && prefilter !== null; b++) {
      for (const marker of prefilter.byFirstByte[b]) {
        const key = Buffer.from(marker).toString('latin1');
        let index = distinct.indexOf(key);
        if (index < 0) {
          if (distinct.length === MAX_MARKERS || used + marker.length > MAX_MARKER_BYTES) {
            this.loaded = undefined;
            return false;
          }
          index = distinct.push(key) - 1;
          offsets[index] = used;
          lengths[index] = marker.length;
          bytes.set(marker, used);
          used += marker.length;
        }
        starts[b] |= 1 << index;
      }
    }
    const firstBytes: number[] = [];
    for (let b = 0; b < 256; b++) if (starts[b] !== 0) firstBytes.push(b);
    const vector = new Uint8Array(buffer, this.exports.vector_bytes_address(), MAX_VECTOR_BYTES);
    if (firstBytes.length <= MAX_VECTOR_BYTES) vector.set(firstBytes);
    this.exports.set_vector_count(firstBytes.length <= MAX_VECTOR_BYTES ? firstBytes.length : -1);
    this.loaded = prefilter;
    return true;
  }

  scan(i: number, n: number): number {
    return this.exports.scan(i, n);
  }
}

let compiled: WasmModule | null | undefined;
let shared: ScannerKernel | null = null;

/** This thread's kernel, or null where WebAssembly SIMD is unavailable (the JS loop scans alone then). */
export function scannerKernel(): ScannerKernel | null {
  if (shared !== null) return shared;
  if (compiled === undefined) {
    try {
      compiled = new WebAssemblyApi.Module(Buffer.from(RECORD_SCANNER_KERNEL, 'base64'));
    } catch {
      compiled = null;
    }
  }
  if (compiled === null) return null;
  shared = new ScannerKernel(compiled);
  return shared;
}
