// Kept apart from cli/index.ts, which loads the whole action: src/index.ts decides with it before loading anything.

/** The command line runs when given arguments, or when started outside a runner with no action inputs. */
export function isCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.length > 2) return true;
  return env.GITHUB_ACTIONS !== 'true' && !Object.keys(env).some((k) => k.startsWith('INPUT_'));
}
