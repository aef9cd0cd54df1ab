/**
 * What a terminal sees instead of a runner's log. The action speaks to the runner (`workflow-commands.ts`):
 * its annotations, failures, debug lines and outputs are workflow commands (`::warning::...`) on stdout; outside
 * a runner they are noise. Every line written to stdout passes through `translateWorkflowCommand`, so a
 * command from anywhere (our code, `@actions/glob`) reads as plain text, and `--json` keeps stdout for the
 * report alone.
 */

export interface TerminalOptions {
  /** stdout carries only the JSON report; everything else goes to stderr. */
  json: boolean;
  /** ANSI colours (a TTY, and NO_COLOR unset). */
  colour: boolean;
}

const COLOURS = { red: 31, yellow: 33, green: 32, dim: 2 } as const;
export const paint = (on: boolean, colour: keyof typeof COLOURS, text: string): string => (on ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text);

/** Undoes the workflow commands' escaping of command data (`%25`, `%0D`, `%0A`). */
function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/**
 * One line as a terminal should show it: `null` to drop it (debug, outputs, masks), `stream` to say where
 * it goes. Plain lines are passed through unchanged.
 */
export function translateWorkflowCommand(line: string, options: TerminalOptions): { text: string; stream: 'stdout' | 'stderr' } | null {
  const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!command) return { text: line, stream: options.json ? 'stderr' : 'stdout' };
  const [, name, properties, data] = command;
  const message = unescapeData(data!);
  const title = /(?:^|,)title=([^,]*)/.exec(properties ?? '')?.[1];
  switch (name) {
    case 'warning':
      return { text: paint(options.colour, 'yellow', `warning: ${title ? `${unescapeData(title.replace(/%3A/g, ':').replace(/%2C/g, ','))}: ` : ''}${message}`), stream: 'stderr' };
    case 'error':
      return { text: paint(options.colour, 'red', `error: ${message}`), stream: 'stderr' };
    case 'notice':
      return { text: `notice: ${message}`, stream: 'stderr' };
    default:
      // debug, set-output, add-mask, group markers...: runner plumbing.
      return null;
  }
}

/**
 * Routes everything written to process.stdout through the translation until the returned function is
 * called; `writeReport` then writes to the real stdout (for --json).
 */
export function routeWorkflowCommands(options: TerminalOptions): { restore(): void; writeStdout(text: string): void } {
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  const stderrWrite = process.stderr.write.bind(process.stderr);
  let pending = '';
  const flushLine = (line: string) => {
    const shown = translateWorkflowCommand(line, options);
    if (!shown) return;
    (shown.stream === 'stdout' ? stdoutWrite : stderrWrite)(shown.text + '\n');
  };
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0) {
      flushLine(pending.slice(0, newline).replace(/\r$/, ''));
      pending = pending.slice(newline + 1);
    }
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stdout.write;
  return {
    restore() {
      if (pending) flushLine(pending);
      pending = '';
      process.stdout.write = stdoutWrite as typeof process.stdout.write;
    },
    writeStdout: (text: string) => void stdoutWrite(text)
  };
}
