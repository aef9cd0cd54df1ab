#!/usr/bin/env node
import { isCommandLine, runCli } from './cli/index.js';
import { run } from './main.js';

// One bundle, two entries: the runner starts `node dist/index.js` with INPUT_* variables; a person or
// another CI runs `bedrock-denied-scan [options] <source...>`.
if (isCommandLine(process.argv, process.env)) process.exitCode = await runCli(process.argv.slice(2));
else await run();
