/**
 * `source` lines starting with `!` exclude what they match, as in `@actions/glob` and `actions/upload-artifact`.
 * A pattern is matched against each object's name as the report shows it: a workspace-relative path for
 * local files, `s3://bucket/key`, `artifact:NAME/path`. `*` and `?` stay within one path segment, `**` spans
 * any number of segments, and a pattern that names a folder excludes everything below it.
 *
 * Matching is by segments with a two-pointer wildcard match inside each: O(pattern × name) at worst, never
 * exponential, because object names (S3 keys) can be chosen by whoever writes to the bucket.
 */
import * as path from 'node:path';
import { isSourceGap, type Source, type SourceDescription, type SourceGap, type SourceObject } from './types.js';

/** `*` and `?` within one segment; `?` is one UTF-16 code unit. */
function segmentMatches(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/** Whether `name` (segments) matches `pattern` (segments, `**` for any number of them). */
function segmentsMatch(pattern: readonly string[], name: readonly string[]): boolean {
  // reachable[j]: the first i pattern segments can match the first j name segments.
  let reachable = new Array<boolean>(name.length + 1).fill(false);
  reachable[0] = true;
  for (const segment of pattern) {
    const next = new Array<boolean>(name.length + 1).fill(false);
    if (segment === '**') {
      let any = false;
      for (let j = 0; j <= name.length; j++) {
        any ||= reachable[j]!;
        next[j] = any;
      }
    } else {
      for (let j = 1; j <= name.length; j++) next[j] = reachable[j - 1]! && segmentMatches(segment, name[j - 1]!);
    }
    reachable = next;
  }
  return reachable[name.length]!;
}

/** A compiled exclusion: the pattern as written, and its segments (with an implicit `/**` for folders). */
export class ExclusionPattern {
  private readonly segments: string[];

  constructor(
    readonly text: string,
    workspace: string
  ) {
    let pattern = text.replace(/\\/g, '/');
    if (path.isAbsolute(pattern)) {
      const relative = path.relative(workspace, pattern);
      if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) pattern = relative.split(path.sep).join('/');
    }
    pattern = pattern.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    this.segments = [...splitName(pattern), '**'];
  }

  matches(name: string): boolean {
    return segmentsMatch(this.segments, splitName(name));
  }
}

/** `s3://bucket/key` keeps `s3:` and the bucket as its first segments; empty segments (`//`) are dropped. */
function splitName(name: string): string[] {
  return name.split('/').filter((s) => s.length > 0);
}

/** A source whose objects matching any exclusion are left out (counted as `excluded` in its figures). */
export class ExcludingSource implements Source {
  private excluded = 0;

  constructor(
    private readonly inner: Source,
    private readonly exclusions: readonly ExclusionPattern[]
  ) {}

  get readConcurrency(): number | undefined {
    return this.inner.readConcurrency;
  }

  async *objects(): AsyncGenerator<SourceObject | SourceGap> {
    for await (const item of this.inner.objects()) {
      if (!isSourceGap(item) && this.exclusions.some((e) => e.matches(item.name))) {
        this.excluded++;
        continue;
      }
      yield item;
    }
  }

  describe(): SourceDescription {
    const inner = this.inner.describe();
    return { ...inner, details: { ...inner.details, excluded: this.excluded } };
  }
}
