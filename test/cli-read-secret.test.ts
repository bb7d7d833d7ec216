// The backup passphrase typed at a terminal is not shown: only the prompt and a newline reach the screen.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readHidden } from '../src/cli/read-secret.js';

describe('readHidden', () => {
  it('returns the typed line without echoing it', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (c: Buffer) => {
      shown += c.toString('utf8');
    });
    const answer = readHidden(input, output, 'Frasa sandi: ');
    input.write('kebun-kopi-di-lereng\r');
    expect(await answer).toBe('kebun-kopi-di-lereng');
    expect(shown).toBe('Frasa sandi: \n');
  });

  it('is cancelled by Ctrl-D without an answer', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const answer = readHidden(input, output, 'Frasa sandi: ');
    input.write('\u0004');
    await expect(answer).rejects.toThrow('dibatalkan');
  });
});
