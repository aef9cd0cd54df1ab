/**
 * `JSON.stringify(value, null, indent)`, produced in pieces of about `chunkChars` characters, so a large report is
 * written without ever holding its whole text (a 7 MB report built as one string costs several times that in
 * peak memory: the string, its UTF-8 copy and the garbage of building it). The output is byte-identical to
 * JSON.stringify's: the same escaping (each string goes through JSON.stringify), `toJSON()` honoured (Dates),
 * boxed primitives unwrapped, `undefined`, functions and symbols left out of objects and written as `null` in
 * arrays, non-finite numbers as `null`, empty arrays and objects as `[]` and `{}`, and a TypeError for cycles
 * and BigInts. Iterative (an explicit stack), so deep values cannot overflow the call stack.
 */
export function* stringifyChunks(value: unknown, indent = 2, chunkChars = 64 * 1024): Generator<string> {
  const gap = ' '.repeat(Math.max(0, Math.min(10, Math.floor(indent))));
  let out = '';

  interface Frame {
    /** The holder's entries: [key, value] for objects, values for arrays. */
    readonly object: object;
    readonly array: boolean;
    readonly keys: string[] | null;
    index: number;
    /** Whether an entry has been written (for the separator and the closing bracket). */
    wrote: boolean;
    readonly indent: string;
  }
  const stack: Frame[] = [];
  const open = new Set<object>();

  /** The value as JSON.stringify sees it: toJSON() called, boxed primitives unwrapped. */
  const prepare = (raw: unknown, key: string): unknown => {
    let v = raw;
    if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') v = (toJSON as (key: string) => unknown).call(v, key);
    }
    if (v instanceof Number) v = Number(v);
    else if (v instanceof String) v = String(v);
    else if (v instanceof Boolean) v = v.valueOf();
    return v;
  };
  /** A primitive's text, or undefined when the value is left out (undefined, function, symbol). */
  const primitive = (v: unknown): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'string':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? String(v) : 'null';
      case 'boolean':
        return v ? 'true' : 'false';
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      default:
        return undefined;
    }
  };
  /** Writes `v` (already prepared) if it is a primitive; otherwise opens a frame for it. Returns false if left out. */
  const begin = (v: unknown, at: string): boolean => {
    if (v !== null && typeof v === 'object') {
      if (open.has(v)) throw new TypeError('Converting circular structure to JSON');
      const array = Array.isArray(v);
      const keys = array ? null : Object.keys(v);
      if (array && (v as unknown[]).length === 0) {
        out += '[]';
        return true;
      }
      open.add(v);
      out += array ? '[' : '{';
      stack.push({ object: v, array, keys, index: 0, wrote: false, indent: at });
      return true;
    }
    const text = primitive(v);
    if (text === undefined) return false;
    out += text;
    return true;
  };

  const top = prepare(value, '');
  if (!begin(top, '')) return; // JSON.stringify(undefined) is undefined: nothing to write
  while (stack.length > 0) {
    if (out.length >= chunkChars) {
      yield out;
      out = '';
    }
    const frame = stack[stack.length - 1];
    const inner = frame.indent + gap;
    if (frame.array) {
      const items = frame.object as unknown[];
      if (frame.index >= items.length) {
        out += gap ? `\n${frame.indent}]` : ']';
        open.delete(frame.object);
        stack.pop();
        continue;
      }
      const i = frame.index++;
      out += (frame.wrote ? ',' : '') + (gap ? `\n${inner}` : '');
      frame.wrote = true;
      const v = prepare(items[i], String(i));
      if (!begin(v, inner)) out += 'null';
      continue;
    }
    const keys = frame.keys!;
    if (frame.index >= keys.length) {
      out += frame.wrote ? (gap ? `\n${frame.indent}}` : '}') : '}';
      open.delete(frame.object);
      stack.pop();
      continue;
    }
    const key = keys[frame.index++];
    const v = prepare((frame.object as Record<string, unknown>)[key], key);
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    const separator = (frame.wrote ? ',' : '') + (gap ? `\n${inner}` : '');
    out += `${separator}${JSON.stringify(key)}:${gap ? ' ' : ''}`;
    frame.wrote = true;
    begin(v, inner);
  }
  if (out.length > 0) yield out;
}
