// A report table as an XLSX workbook: one sheet, numbers as numbers (byte and count columns "#,##0", shares
// "0.0%", to four places as in the CSV), the header and totals rows bold. Written here as a few XML files zipped by
// zip.ts (no `node:` module, so the Worker makes it too); the sheet straight as bytes (byte-pieces.ts). write-excel-file did this before, but it spends about
// 0.1 ms a cell (it escapes every attribute and looks each cell's style up by JSON.stringify): over a second for a
// regency's 9,000 access points × 9 columns. Here a column's style is chosen once, and a string is escaped only
// when it holds a character that needs it.
//
// Strings are written inline in their cells, not in a shared strings table: a regency's router names and busiest
// hours are nearly all different, so the table saved nothing, and it could only be made (and compressed) after the
// last row, while the sheet itself is compressed as it is written. Rows carry no `r` (a row follows the one before,
// which the format allows); cells keep theirs, which some readers need.
import { type CellValue, type ColumnKind, exportLabel, type ReportTable } from '../tables.js';
import { BytePieces } from './byte-pieces.js';
import { type Deflate, zip } from './zip.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** cellXfs below: 0 plain, 1 "#,##0", 2 "0.0%"; +3 the same in bold. */
const STYLE_OF_KIND: Partial<Record<ColumnKind, number>> = { bytes: 1, count: 1, ratio: 2 };
const BOLD = 3;
/** Bytes of the sheet handed to the compressor at a time (about 160 rows of the access points). */
const PIECE = 64 * 1024;

const STYLES = `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6">${[
  [0, 0],
  [3, 0],
  [164, 0],
  [0, 1],
  [3, 1],
  [164, 1],
]
  .map(
    ([fmt, font]) =>
      `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`,
  )
  .join(
    '',
  )}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const CONTENT_TYPES = `${HEAD}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;

const ROOT_RELS = `${HEAD}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS = `${HEAD}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;

// Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF): dropped. With the `u`
// flag a surrogate range matches only a surrogate without its pair.
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const SPECIAL = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for an XML element or attribute: most report strings need nothing, so they are tested first. */
function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(INVALID, '').replace(/[&<>"']/g, (c) => ENTITY[c]!);
}

/** A, B, … Z, AA, …: the column letters of a cell reference. */
function columnLetters(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const bytesOf = (ascii: string) => new TextEncoder().encode(ascii);
const TEXT = bytesOf('" t="inlineStr"><is><t');
const TEXT_BOLD = bytesOf(`" t="inlineStr" s="${BOLD}"><is><t`);
const PRESERVED = bytesOf(' xml:space="preserve">');
const CLOSE_TAG = bytesOf('>');
const TEXT_END = bytesOf('</t></is></c>');
const VALUE_END = bytesOf('</v></c>');
const ROW = bytesOf('<row>');
const ROW_END = bytesOf('</row>');

/**
 * Whether `text` is printable ASCII with nothing to escape (nearly every report string): then it is written as it
 * is, without the escaping's regular expressions and the UTF-8 encoder's call, which cost most of the sheet's
 * time in its 27,000 text cells at regency size.
 */
function plainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126 || c === 38 || c === 60 || c === 62 || c === 34 || c === 39) return false;
  }
  return true;
}

/** A string cell's text element, closed: spaces at either end are kept only when the element says so. */
function writeText(out: BytePieces, v: string, bold: boolean): void {
  const plain = plainAscii(v);
  const text = plain ? v : escapeXml(v);
  const padded = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  out.bytes(bold ? TEXT_BOLD : TEXT);
  out.bytes(padded ? PRESERVED : CLOSE_TAG);
  if (plain) out.ascii(text);
  else out.text(text);
  out.bytes(TEXT_END);
}

/** The workbook of `table`; `deflate` compresses its files (zip.ts: CompressionStream unless one is passed). */
export async function toXlsx(table: ReportTable, deflate?: Deflate): Promise<Uint8Array> {
  const letters = table.columns.map((_, i) => bytesOf(`<c r="${columnLetters(i)}`));
  const styles = table.columns.map((c) => STYLE_OF_KIND[c.kind] ?? 0);
  const shares = table.columns.map((c) => c.kind === 'ratio');
  /** What follows a number cell's reference, by style: the style, then the value's opening tag. */
  const numberTail = Array.from({ length: 2 * BOLD }, (_, s) => bytesOf(s ? `" s="${s}"><v>` : '"><v>'));
  const writeRow = (out: BytePieces, r: number, cells: readonly CellValue[], bold: boolean): void => {
    out.bytes(ROW);
    for (let i = 0; i < cells.length; i++) {
      let v = cells[i];
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'number' && !Number.isFinite(v)) continue;
      out.bytes(letters[i] ?? bytesOf(`<c r="${columnLetters(i)}`));
      out.digits(r);
      if (typeof v === 'number') {
        // A share to four places (0.9823, i.e. 98.23 %) as in the CSV, not the float's sixteen digits.
        if (shares[i]) v = Number(v.toFixed(4));
        out.bytes(numberTail[(styles[i] ?? 0) + (bold ? BOLD : 0)]!);
        if (Number.isSafeInteger(v) && v >= 0) out.digits(v);
        else out.ascii(String(v));
        out.bytes(VALUE_END);
      } else writeText(out, v, bold);
    }
    out.bytes(ROW_END);
  };
  const cols = table.columns
    .map(
      (c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.kind === 'text' ? 28 : 16}" customWidth="1"/>`,
    )
    .join('');
  /** The sheet in pieces of PIECE bytes, each handed out when full: zip.ts compresses one as the next is made. */
  function* sheet(): Generator<Uint8Array<ArrayBuffer>> {
    const out = new BytePieces(PIECE);
    out.text(`${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><cols>${cols}</cols><sheetData>`);
    writeRow(out, 1, table.columns.map(exportLabel), true);
    for (let i = 0; i < table.rows.length; i++) {
      writeRow(out, i + 2, table.rows[i]!, false);
      if (out.filled) yield* out.take();
    }
    if (table.totals) writeRow(out, table.rows.length + 2, table.totals, true);
    out.ascii('</sheetData></worksheet>');
    yield* out.take(true);
  }
  const encoder = new TextEncoder();
  // The sheet name: Excel allows 31 characters and no []:*?/\.
  const name = table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  const workbook = `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${escapeXml(name)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const text = (xml: string) => encoder.encode(xml);
  return zip(
    [
      ['[Content_Types].xml', text(CONTENT_TYPES)],
      ['_rels/.rels', text(ROOT_RELS)],
      ['xl/workbook.xml', text(workbook)],
      ['xl/_rels/workbook.xml.rels', text(WORKBOOK_RELS)],
      ['xl/styles.xml', text(STYLES)],
      ['xl/worksheets/sheet1.xml', sheet()],
    ],
    deflate,
  );
}
