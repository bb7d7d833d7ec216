// Node composition root: `npm start`. Reads the configuration (environment, then ./.env), starts every
// configured role, and stops cleanly on SIGINT/SIGTERM.
import { runCli } from './cli/main.js';

process.exitCode = await runCli([process.argv[0]!, 'warganet', 'start']);
