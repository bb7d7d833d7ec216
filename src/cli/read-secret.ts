// A passphrase typed at the terminal without showing it: readline in terminal mode (raw input, so the terminal
// itself echoes nothing) writing its own echo into a sink that drops it. Only the prompt and the final newline
// reach the screen.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError } from './io.js';

export function readHidden(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  output.write(prompt);
  const sink = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: true, historySize: 0 });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      output.write('\n');
      resolve(line);
    });
    // Ctrl-C arrives as a key in raw mode; Ctrl-D closes the input.
    rl.once('SIGINT', () => rl.close());
    rl.once('close', () => {
      if (answered) return;
      output.write('\n');
      reject(new CliError('dibatalkan; tidak ada yang diubah', 130));
    });
  });
}
