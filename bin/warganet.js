#!/usr/bin/env node
// The `warganet` command: runs the compiled CLI (built by `npm install` through the prepare script).
import { runCli } from '../dist/src/cli/main.js';

// `warganet … | head` closes the pipe early; that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
process.exitCode = await runCli(process.argv);
