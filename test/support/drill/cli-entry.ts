// The `warganet` command as bin/warganet.js runs it, for drills that SIGKILL a CLI command in a child process.
import { runCli } from '../../../src/cli/main.js';

process.exitCode = await runCli(process.argv);
