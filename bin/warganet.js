#!/usr/bin/env node
// The `warganet` command: runs the compiled CLI (built by `npm install` through the prepare script).
import { runCli } from '../dist/src/cli/main.js';

process.exitCode = await runCli(process.argv);
