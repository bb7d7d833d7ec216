// A regency's exports run to thousands of rows: the XLSX sheet is compressed in pieces as it is written
// (zip.ts; on Node by zlib, src/node-deflate.ts), and the CSV is built line by line. Both must read back as the same table whatever the length.
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { nodeDeflate } from '../src/node-deflate.js';
import { toCsv } from '../src/reports/export/csv.js';
import { toXlsx } from '../src/reports/export/xlsx.js';
import type { ReportTable } from '../src/reports/tables.js';

function longTable(rows: number): ReportTable {
  return {
    id: 'panjang',
    title: 'Titik akses',
    columns: [
      { id: 'router', label: 'Router', kind: 'text' },
      { id: 'health', label: 'Kondisi', kind: 'text' },
      { id: 'bytes', label: 'Unduh', kind: 'bytes' },
      { id: 'hours', label: 'Jam', kind: 'hours' },
    ],
    rows: Array.from({ length: rows }, (_, i) => [
      `ap-${i} <Dusun "${i % 7}" & co>`,
      i % 3 ? 'Baik' : null,
      i * 1_000_003,
      i % 5 ? '19.00, 20.00' : '',
    ]),
    totals: ['Jumlah', null, 42, null],
  };
}

describe('long report tables', () => {
  // CompressionStream (zip.ts's own, as on Workers) and zlib at a lower level (what the Node server passes in).
  it.each([
    ['CompressionStream', undefined],
    ['node:zlib', nodeDeflate()],
  ] as const)(
    'reads back every row of a 1,234-row XLSX compressed by %s, across its pieces, in order',
    async (_, deflate) => {
      const table = longTable(1234);
      const [sheet] = await readXlsxFile(Buffer.from(await toXlsx(table, deflate)));
      const data = sheet!.data.map((row) => row.map((v) => (v === '' ? null : v)));
      expect(data).toHaveLength(1234 + 2);
      expect(data[0]).toEqual(['Router', 'Kondisi', 'Unduh (byte)', 'Jam']);
      for (const [i, row] of table.rows.entries())
        expect(data[i + 1]).toEqual(row.map((v) => (v === '' ? null : v)));
      expect(data.at(-1)).toEqual(['Jumlah', null, 42, null]);
    },
  );

  it('writes one CSV line per row, quoting names with quotes and commas, and empty cells empty', () => {
    const csv = toCsv(longTable(1234)).split('\r\n');
    expect(csv).toHaveLength(1234 + 3); // header, rows, totals, and the empty string after the last CRLF
    expect(csv[0]).toBe('\uFEFFRouter,Kondisi,Unduh (byte),Jam');
    expect(csv[1]).toBe('"ap-0 <Dusun ""0"" & co>",,0,');
    expect(csv[2]).toBe('"ap-1 <Dusun ""1"" & co>",Baik,1000003,"19.00, 20.00"');
    expect(csv.at(-2)).toBe('Jumlah,,42,');
  });

  it('writes every kind of text cell so that it reads back: plain, entities, non-ASCII, control characters dropped', async () => {
    const table = textTable([
      'ap-7 Krajan',
      'Tom & Jerry <"quoted"> \'single\'',
      'Dusun Kidul — Pandanwangi é ñ 🙂',
      'bell\u0007 and tab\tinside',
    ]);
    const [sheet] = await readXlsxFile(Buffer.from(await toXlsx(table, nodeDeflate())));
    expect(sheet!.data.slice(1).map((row) => row[0])).toEqual([
      'ap-7 Krajan',
      'Tom & Jerry <"quoted"> \'single\'',
      'Dusun Kidul — Pandanwangi é ñ 🙂',
      'bell and tab\tinside',
    ]);
  });

  // The reader trims, so the sheet's XML itself is looked at: what a spreadsheet keeps.
  it('keeps spaces at either end of a text cell by saying so, and only then', async () => {
    const xml = await sheetXml(textTable(['  both ends  ', ' ', '\u0001 after a dropped one', 'none']));
    expect(xml).toContain('<t xml:space="preserve">  both ends  </t>');
    expect(xml).toContain('<t xml:space="preserve"> </t>');
    expect(xml).toContain('<t xml:space="preserve"> after a dropped one</t>');
    expect(xml).toContain('<t>none</t>');
  });
});

function textTable(texts: readonly string[]): ReportTable {
  return {
    id: 'teks',
    title: 'Teks',
    columns: [{ id: 't', label: 'Teks', kind: 'text' }],
    rows: texts.map((t) => [t]),
  };
}

/** The sheet's XML as toXlsx writes it, before compression. */
async function sheetXml(table: ReportTable): Promise<string> {
  const files: Uint8Array[][] = [];
  await toXlsx(table, async (chunks) => {
    const file = [...chunks];
    files.push(file);
    return { packed: new Uint8Array(0), crc: 0, size: file.reduce((s, c) => s + c.length, 0) };
  });
  return Buffer.concat(files.at(-1)!).toString('utf8');
}
