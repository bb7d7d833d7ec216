// A ZIP archive (what an XLSX file is) of a few named files, each deflated by the platform's
// CompressionStream by default: Node and Workers both have it, so no zip library and no `node:` module. A caller
// on Node may pass a faster Deflate (src/node-deflate.ts: zlib at a lower level; CompressionStream has no level).
// The entries carry a fixed date (1980-01-01), so the same files always give the same bytes.

/** Raw deflate data of the concatenated `chunks`, with their CRC-32 and length: one ZIP entry's contents. */
export type Deflate = (
  chunks: Iterable<Uint8Array<ArrayBuffer>>,
) => Promise<{ packed: Uint8Array; crc: number; size: number }>;

const immediate = (globalThis as { setImmediate?: (run: () => void) => unknown }).setImmediate;
/**
 * Lets the event loop run once: a zlib step finishing on Node's thread pool is a task, not a microtask.
 * setImmediate where there is one (Node), as setTimeout waits a millisecond there.
 */
const nextTask = () => new Promise<void>((resolve) => (immediate ?? setTimeout)(resolve));

/**
 * Raw deflate data, the CRC-32 and the length of the concatenated `chunks`, from CompressionStream('gzip'): a gzip
 * member is a header, the raw deflate stream, then the CRC-32 and the length (RFC 1952), so the checksum comes
 * from zlib, not from a loop in JavaScript (a quarter of the time of a 2 MB sheet). Each chunk is handed to the
 * stream as soon as it is made and the event loop let run, so that (in Node, whose zlib works on the thread
 * pool) the sheet's next rows are written while the last ones are compressed: at 9,000 access points the
 * compression had taken about as long as writing the XML, one after the other.
 */
export const streamDeflate: Deflate = async (chunks) => {
  const stream = new CompressionStream('gzip');
  const compressed = new Response(stream.readable).arrayBuffer();
  const writer = stream.writable.getWriter();
  let size = 0;
  let first = true;
  for (const chunk of chunks) {
    if (!first) await nextTask();
    first = false;
    size += chunk.length;
    // Not awaited: a write resolves once zlib has taken the chunk, which is what the next chunk's making overlaps.
    writer.write(chunk).catch(() => {});
  }
  await writer.close();
  const gz = new Uint8Array(await compressed);
  const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
  // The header is 10 bytes, then whatever its flags announce: extra field, name, comment, header CRC.
  const flags = gz[3]!;
  let at = 10;
  if (flags & 4) at += 2 + view.getUint16(at, true);
  if (flags & 8) while (gz[at++] !== 0);
  if (flags & 16) while (gz[at++] !== 0);
  if (flags & 2) at += 2;
  return { packed: gz.subarray(at, gz.length - 8), crc: view.getUint32(gz.length - 8, true), size };
};

const DOS_DATE_1980_01_01 = (1 << 5) | 1;

/**
 * The archive of `files` (name → contents), in the given order. Names are ASCII. A file's contents are bytes or
 * chunks of bytes made as they are read (an iterator): the files are read one after the other, in order, so a
 * later file's iterator may use what an earlier one's making gathered.
 */
export async function zip(
  files: ReadonlyArray<
    readonly [name: string, data: Uint8Array<ArrayBuffer> | Iterable<Uint8Array<ArrayBuffer>>]
  >,
  deflate: Deflate = streamDeflate,
) {
  const encoder = new TextEncoder();
  const entries: Array<{ name: Uint8Array; size: number; packed: Uint8Array; crc: number }> = [];
  for (const [name, data] of files) {
    entries.push({
      name: encoder.encode(name),
      ...(await deflate(data instanceof Uint8Array ? [data] : data)),
    });
  }
  const localSize = entries.reduce((s, e) => s + 30 + e.name.length + e.packed.length, 0);
  const centralSize = entries.reduce((s, e) => s + 46 + e.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const bytes = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  /** The fields a local header and a central directory entry share, from "version needed" to the name's length. */
  const common = (e: (typeof entries)[number]) => {
    u16(20); // version needed: 2.0 (deflate)
    u16(0); // flags
    u16(8); // method: deflate
    u16(0); // time 00:00
    u16(DOS_DATE_1980_01_01);
    u32(e.crc);
    u32(e.packed.length);
    u32(e.size);
    u16(e.name.length);
    u16(0); // extra field length
  };
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    u32(0x04034b50);
    common(e);
    bytes(e.name);
    bytes(e.packed);
  }
  const centralAt = at;
  for (const [i, e] of entries.entries()) {
    u32(0x02014b50);
    u16(20); // version made by
    common(e);
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(0); // external attributes
    u32(offsets[i]!);
    bytes(e.name);
  }
  u32(0x06054b50);
  u16(0);
  u16(0);
  u16(entries.length);
  u16(entries.length);
  u32(centralSize);
  u32(centralAt);
  u16(0); // comment length
  return out;
}
