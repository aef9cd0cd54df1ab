import type { ScanProgress } from '../scan.js';
import { formatCount } from '../report/html.js';

const sum = (progress: ScanProgress, keys: string[]): number => {
  let total = 0;
  for (const source of progress.sources) {
    const details = source.describe().details;
    for (const key of keys) if (typeof details[key] === 'number') total += details[key] as number;
  }
  return total;
};

/** One status line: files, MB, records and matched events so far. */
export function progressLine(progress: ScanProgress, startedMs: number, nowMs: number): string {
  const files = sum(progress, ['filesRead', 'objectsRead']);
  const megabytes = sum(progress, ['bytesRead']) / 1e6;
  const seconds = (nowMs - startedMs) / 1000;
  return `scanning: ${formatCount(files)} files, ${megabytes.toFixed(1)} MB read, ${formatCount(progress.records())} records, ${formatCount(progress.matched())} denied calls so far (${seconds.toFixed(0)} s)`;
}

/**
 * Rewrites one stderr line at most every `intervalMs` while the scan runs; the returned function clears it.
 * Only used on a terminal (or with --progress): CI logs never get it unless asked.
 */
export function showProgress(progress: ScanProgress, write: (text: string) => void, intervalMs = 250): () => void {
  const started = Date.now();
  let shown = false;
  const timer = setInterval(() => {
    write(`\r\u001b[2K${progressLine(progress, started, Date.now())}`);
    shown = true;
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (shown) write('\r\u001b[2K');
  };
}
