import type { Server } from 'node:http';

export interface S3rverHandle {
  server: { close(): Promise<void>; httpServer?: Server };
  port: number;
  endpoint: string;
}

export function startS3rver(directory: string): Promise<S3rverHandle>;
