// The XLSX exports' compression on Node: zlib's raw deflate at level 2 instead of CompressionStream, which has no
// level (it deflates at 6). A regency's 9,000-router sheet (3.7 MB of XML) compresses in under half the time for a
// file about 20 % larger; the reports' exports pass it in (web-wiring.ts), Workers keep CompressionStream.
import { setImmediate } from 'node:timers/promises';
import zlib from 'node:zlib';
import type { Deflate } from './reports/export/zip.js';

/**
 * Level 2: on the 3.6 MB sheet of 9,000 access points zlib took 22 ms (level 3: 28, level 1: 21) for a file 7 %
 * larger than level 3's (level 1: 14 %). The sheet is written in about 29 ms beside it, so level 3 had made the
 * compression the part to wait for.
 */
const LEVEL = 2;

/** zlib.crc32 came in Node 20.15; before it, undefined, and zip.ts's CompressionStream does the work. */
export function nodeDeflate(): Deflate | undefined {
  const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
  if (!crc32) return undefined;
  return async (chunks) => {
    const stream = zlib.createDeflateRaw({ level: LEVEL });
    const out: Buffer[] = [];
    stream.on('data', (b: Buffer) => out.push(b));
    const ended = new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
    });
    let crc = 0;
    let size = 0;
    let first = true;
    for (const chunk of chunks) {
      // As zip.ts does: zlib works on the thread pool while the next piece of the sheet is written.
      if (!first) await setImmediate();
      first = false;
      crc = crc32(chunk, crc);
      size += chunk.length;
      stream.write(chunk);
    }
    stream.end();
    await ended;
    return { packed: Buffer.concat(out), crc, size };
  };
}
