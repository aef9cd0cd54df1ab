import type { Readable } from 'node:stream';

/**
 * Destroys a source stream once its file is done (read to the end, or abandoned after a decode error, which
 * otherwise left the file open) and waits, briefly, for its 'close', so a source's figures (bytes read) are
 * complete when the scan returns, whichever thread decoded the file.
 */
export async function releaseStream(stream: Readable | undefined): Promise<void> {
  if (stream === undefined) return;
  if (stream.closed) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 1000);
    timer.unref();
    stream.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.destroy();
  });
}
