/**
 * Flattens groups of pages (one group per listed prefix) in order, while listing up to `width` groups ahead
 * and one page ahead within the group being read. Listing latency then overlaps with reading, and memory stays
 * bounded at about `width` × 2 pages.
 */
export async function* readAheadInOrder<T>(groups: AsyncIterable<AsyncIterable<T[]>>, width: number): AsyncGenerator<T> {
  interface Started {
    pages: AsyncIterator<T[]>;
    next: Promise<IteratorResult<T[]>>;
  }
  const pull = (pages: AsyncIterator<T[]>): Promise<IteratorResult<T[]>> => {
    const next = pages.next();
    // Marks the rejection handled while the promise waits in the window; it is awaited (and rethrown) later.
    next.catch(() => undefined);
    return next;
  };

  const groupIterator = groups[Symbol.asyncIterator]();
  const started: Started[] = [];
  let groupsDone = false;
  const fill = async (): Promise<void> => {
    while (!groupsDone && started.length < Math.max(1, width)) {
      const group = await groupIterator.next();
      if (group.done) groupsDone = true;
      else {
        const pages = group.value[Symbol.asyncIterator]();
        started.push({ pages, next: pull(pages) });
      }
    }
  };

  try {
    await fill();
    while (started.length > 0) {
      const head = started[0];
      const page = await head.next;
      if (page.done) {
        started.shift();
        await fill();
        continue;
      }
      head.next = pull(head.pages);
      yield* page.value;
    }
  } finally {
    // The consumer stopped early or something failed: stop the listings still running.
    for (const s of started) void s.pages.return?.()?.catch(() => undefined);
    void groupIterator.return?.()?.catch(() => undefined);
  }
}
