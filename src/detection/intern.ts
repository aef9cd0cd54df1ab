/**
 * Each distinct text once. The detection keeps thousands of groups and users whose fields repeat (the same
 * account, region, event source, user agent, error message…), and every record parsed from JSON brings its own
 * copy of each: a kept value goes through here, so the copies are dropped with the record. Each text also gets a
 * small number (1, 2, …; 0 is null), so a group is keyed by a few digits rather than by its fields' whole text.
 */
export class Texts {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  /** The number of `value` (0 for null), numbering it if it is new. */
  id(value: string | null): number {
    if (value === null) return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      this.values.push(value);
      id = this.values.length;
      this.ids.set(value, id);
    }
    return id;
  }

  /** The text numbered `id` (null for 0). */
  value(id: number): string | null {
    return id === 0 ? null : this.values[id - 1]!;
  }

  /** The kept copy of `value`. */
  text(value: string): string {
    return this.values[this.id(value) - 1]!;
  }
}

/**
 * A set that is usually empty or holds one value, without allocating a Set until a second distinct value
 * arrives: `undefined` (empty), the value itself, or a Set of two or more.
 */
export type Few<T extends string> = T | Set<T> | undefined;

export function addFew<T extends string>(few: Few<T>, value: T): Few<T> {
  if (few === undefined || few === value) return value;
  if (typeof few === 'string') return new Set<T>([few, value]);
  few.add(value);
  return few;
}

/** The values of a Few, in insertion order. */
export function fewValues<T extends string>(few: Few<T>): T[] {
  if (few === undefined) return [];
  return typeof few === 'string' ? [few] : [...few];
}

/**
 * `values.sort()` (UTF-16 code-unit order), in place, without Array.prototype.sort's set-up for short lists:
 * V8 allocates about 1 KB of sort state per call, which thousands of users' two-value lists add up to.
 */
export function sortTexts<T extends string>(values: T[]): T[] {
  if (values.length > 16) return values.sort();
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    let j = i - 1;
    while (j >= 0 && values[j]! > v) {
      values[j + 1] = values[j]!;
      j--;
    }
    values[j + 1] = v;
  }
  return values;
}

/** The distinct non-null values of `values`, in code-unit order (a new list). */
export function distinctSorted<T extends string>(values: readonly (T | null)[]): T[] {
  let present = 0;
  for (const v of values) if (v !== null) present++;
  if (present === 0) return [];
  const out = new Array<T>(present);
  present = 0;
  for (const v of values) if (v !== null) out[present++] = v;
  sortTexts(out);
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!;
  out.length = n;
  return out;
}
