#!/usr/bin/env node
// `npm start`: runs the compiled server in this very process (so a signal sent to it reaches the server, and
// there is no wrapper left holding ports), compiling first only when dist/ is missing or older than the sources
// (a fresh clone where `npm install` was run with --ignore-scripts, or a `git pull` without `npm run build`).
// Compiling at every start cost tens of seconds and hundreds of MB on a small box.
import { ensureBuilt } from './ensure-built.js';

if (process.env.WARGANET_SKIP_BUILD_CHECK !== '1' && !ensureBuilt()) process.exit(1);

await import('../dist/src/main.js');
