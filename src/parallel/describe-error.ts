import { DecodeError } from '../decode/types.js';

/** How a file's failure is named in the report: a decode error's message, else the error with its code. */
export function describeError(error: unknown): string {
  if (error instanceof DecodeError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
