import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { Source, SourceDescription, SourceGap, SourceObject } from './types.js';
import { WHOLE_READ_BYTES, storedStream } from './whole-body.js';

/** Figures a local-file listing keeps for describe(). */
export interface LocalFileCounters {
  filesListed: number;
  filesRead: number;
  bytesRead: number;
  /** Matches that are not regular files (FIFOs, sockets, devices, directories matched by a glob): never opened. */
  notRegularFiles: number;
}

export function newLocalFileCounters(): LocalFileCounters {
  return { filesListed: 0, filesRead: 0, bytesRead: 0, notRegularFiles: 0 };
}

const GLOB_CHARACTERS = /[*?[]/;

/** Byte-order comparison; localeCompare would make the order depend on the runner's locale. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Workspace-relative with `/`, or absolute when the file lies outside `baseDir`. */
export function relativeName(baseDir: string, absolutePath: string): string {
  const rel = path.relative(baseDir, absolutePath);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return toPosix(absolutePath);
  return toPosix(rel);
}

/**
 * Every file under `dir`, depth first, in byte order of their paths.
 * Directory entries sort as `name/` so `a/b` comes after `a-b` exactly as a sorted path list would have it.
 * Symbolic links to files are followed; links to directories are not (they can form cycles).
 */
async function* walkDirectory(dir: string): AsyncGenerator<string> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  const keyed: { key: string; full: string; isDir: boolean }[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await fsp.stat(full).catch(() => undefined);
      isDir = false;
      isFile = target?.isFile() ?? false;
    }
    if (!isDir && !isFile) continue;
    keyed.push({ key: isDir ? `${entry.name}/` : entry.name, full, isDir });
  }
  keyed.sort((a, b) => compareNames(a.key, b.key));
  for (const entry of keyed) {
    if (entry.isDir) yield* walkDirectory(entry.full);
    else yield entry.full;
  }
}

async function* globFiles(pattern: string, counters: LocalFileCounters): AsyncGenerator<string> {
  const glob = await import('@actions/glob');
  const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: true });
  // @actions/glob yields in traversal order; collect this one line's matches (paths only) to sort them.
  const matches = await globber.glob();
  matches.sort((a, b) => compareNames(toPosix(a), toPosix(b)));
  for (const match of matches) {
    // A FIFO or device would block or never end when opened: only regular files (or links to them) are read.
    const target = await fsp.stat(match).catch(() => undefined);
    if (target?.isFile()) yield match;
    else counters.notRegularFiles++;
  }
}

/** Absolute paths of the files one `source` line names: a file, a directory (recursively) or a glob. */
async function* filesForLine(line: string, baseDir: string, counters: LocalFileCounters): AsyncGenerator<string> {
  const absolute = path.resolve(baseDir, line);
  const stat = await fsp.stat(absolute).catch(() => undefined);
  if (stat?.isFile()) {
    yield absolute;
  } else if (stat?.isDirectory()) {
    yield* walkDirectory(absolute);
  } else if (stat) {
    counters.notRegularFiles++;
  } else if (GLOB_CHARACTERS.test(line)) {
    // @actions/glob resolves relative patterns against process.cwd(); anchor them at the workspace instead.
    yield* globFiles(path.isAbsolute(line) ? line : path.join(baseDir, line), counters);
  }
}

/**
 * Lazily yields the files a `source` line names, as SourceObjects identified by device and inode (fileIdentity), so
 * a file named twice, or through a symlink or hard link, is read once. A line that turns out to match nothing is yielded
 * as a gap: named as not scanned, while every other line is still scanned.
 */
export async function* localFileObjects(
  line: string,
  baseDir: string,
  counters: LocalFileCounters,
  options: { nameFor?: (absolutePath: string) => string; noMatchMessage?: string } = {}
): AsyncGenerator<SourceObject | SourceGap> {
  const nameFor = options.nameFor ?? ((p: string) => relativeName(baseDir, p));
  let matched = 0;
  for await (const file of filesForLine(line, baseDir, counters)) {
    matched++;
    counters.filesListed++;
    // One stat gives the identity (one call instead of a realpath and a stat: a trail synced to disk is thousands of
    // small files) and the size, which lets the scan keep small files on the main thread and weigh bytes in flight.
    const stat = await fsp.stat(file, { bigint: true }).catch(() => undefined);
    const size = stat?.isFile() ? Number(stat.size) : undefined;
    yield {
      name: nameFor(file),
      identity: fileIdentity(stat) ?? (await fsp.realpath(file).catch(() => file)),
      ...(size !== undefined ? { size } : {}),
      open: () => (size !== undefined && size <= WHOLE_READ_BYTES ? readSmallFile(file, size, counters) : openCountedFile(file, counters))
    };
  }
  if (matched === 0) {
    const notRegular = counters.notRegularFiles > 0 ? ` (${counters.notRegularFiles} match(es) are not regular files and were not read)` : '';
    yield { gap: true, name: line, error: (options.noMatchMessage ?? `no files match '${line}'`) + notRegular };
  }
}

/**
 * A file's device and inode, with its size and modification time (inode numbers are not unique on every file system:
 * overlays of layers on different devices, some FUSE mounts), or null where the file system gives no inode (0: some
 * network file systems and Windows volumes), where the real path is used instead.
 */
export function fileIdentity(stat: { dev: bigint; ino: bigint; size: bigint; mtimeNs: bigint } | undefined): string | null {
  return stat === undefined || stat.ino === 0n ? null : `file ${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}`;
}

/**
 * A small file (a CloudTrail delivery is 5-15 KB) read in one call into a buffer of its listed size, then handed
 * on whole like a small S3 object: three file-system calls and no read stream. One byte more than the listed size
 * is asked for, so a file that grew since it was listed is streamed instead, all of it.
 */
async function readSmallFile(file: string, size: number, counters: LocalFileCounters): Promise<Readable> {
  const handle = await fsp.open(file, 'r');
  let bytesRead: number;
  const buffer = Buffer.allocUnsafe(size + 1);
  try {
    ({ bytesRead } = await handle.read(buffer, 0, size + 1, 0));
  } finally {
    await handle.close();
  }
  if (bytesRead > size) return openCountedFile(file, counters);
  counters.filesRead++;
  counters.bytesRead += bytesRead;
  return storedStream({ bytes: buffer.subarray(0, bytesRead), owned: true });
}

function openCountedFile(file: string, counters: LocalFileCounters): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    stream.once('open', () => {
      counters.filesRead++;
      resolve(stream);
    });
    stream.once('error', reject);
    // fs streams know how many bytes they handed out; cheaper than counting chunks.
    stream.once('close', () => {
      counters.bytesRead += stream.bytesRead;
    });
  });
}

/** A file path, directory or glob, relative to the workspace. */
export class LocalSource implements Source {
  private readonly counters = newLocalFileCounters();

  constructor(
    private readonly line: string,
    private readonly workspace: string
  ) {}

  objects(): AsyncIterable<SourceObject | SourceGap> {
    return localFileObjects(this.line, this.workspace, this.counters);
  }

  describe(): SourceDescription {
    return {
      kind: 'local',
      location: this.line,
      details: { ...this.counters }
    };
  }
}
