// The monthly report as an A4 PDF made on the server with pdf-lib (pure JS: no browser, and no `node:` module,
// so the Worker can make it too): letterhead, summary sentences, the daily-usage chart and the registrations by
// dusun drawn with pdf-lib's rectangles and lines, the tables with page breaks, and the signature block.
import {
  beginText,
  endText,
  PDFArray,
  PDFContentStream,
  PDFDocument,
  type PDFFont,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  type PDFPage,
  PDFRef,
  rgb,
  StandardFonts,
  setFillingColor,
  showText,
} from 'pdf-lib';
import { formatBytes, formatCount, formatDay } from '../format.js';
import type { ReportMessages } from '../messages/id.js';
import type { MonthlyReport } from '../monthly-report.js';
import type { ReportTable } from '../tables.js';
import { formatCell } from '../views/table-view.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 42;
const GREEN = rgb(0.043, 0.365, 0.231);
const GREY = rgb(0.28, 0.32, 0.29);
const LIGHT = rgb(0.85, 0.88, 0.86);
const INK = rgb(0.1, 0.1, 0.1);

// The standard fonts speak WinAnsi: Indonesian needs nothing else; anything outside it becomes "?".
const WIN_ANSI_EXTRA = new Set([...'€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ']);
const pdfText = (s: string) =>
  [...s.replaceAll('−', '-').replaceAll('×', 'x')]
    .map((ch) =>
      (ch >= ' ' && ch <= '~') || (ch >= '\u00a0' && ch <= '\u00ff') || WIN_ANSI_EXTRA.has(ch) ? ch : '?',
    )
    .join('');

// The width of a text in a font, per 1,000 points of size (its glyph widths and kerning), kept per font: a table's
// cells are measured for the column widths, then again to fit and to align, at sizes that shrink by half points.
const unitsOf = new WeakMap<PDFFont, Map<string, number>>();
function widthAt(font: PDFFont, text: string, size: number): number {
  let known = unitsOf.get(font);
  if (!known) {
    known = new Map();
    unitsOf.set(font, known);
  }
  let units = known.get(text);
  if (units === undefined) {
    // pdf-lib computes width × (size / 1000): at 1,000 that is the units themselves, so the result is the same.
    units = font.widthOfTextAtSize(text, 1000);
    known.set(text, units);
  }
  return units * (size / 1000);
}

interface Pen {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
  /** The page's resource name of each font, for the text runs drawn with operators. */
  fontKeys: Map<PDFFont, PDFName>;
}

function newPage(pen: Pen) {
  pen.page = pen.doc.addPage(A4);
  pen.y = A4[1] - MARGIN;
  pen.fontKeys.clear();
}

interface TextPiece {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly font: PDFFont;
}

/**
 * Pieces of text as one text object. pdf-lib's drawText validates its options and wraps every call in a graphics
 * state and a rotation matrix: in the tables, a cell each, that was most of the PDF's time.
 */
function drawPieces(pen: Pen, pieces: readonly TextPiece[]) {
  if (pieces.length === 0) return;
  const key = (font: PDFFont) => {
    let k = pen.fontKeys.get(font);
    if (!k) {
      k = pen.page.node.newFontDictionary(font.name, font.ref);
      pen.fontKeys.set(font, k);
    }
    return k;
  };
  // Numbers as short decimal strings: pdf-lib's PDFNumber formatting was a large share of a table's time.
  const num = (v: number) => String(Math.round(v * 1000) / 1000);
  const ops: PDFOperator[] = [beginText(), setFillingColor(INK)];
  for (const p of pieces) {
    ops.push(
      PDFOperator.of(PDFOperatorNames.SetFontAndSize, [key(p.font), num(p.size)]),
      PDFOperator.of(PDFOperatorNames.SetTextMatrix, ['1', '0', '0', '1', num(p.x), num(p.y)]),
      showText(p.font.encodeText(p.text)),
    );
  }
  ops.push(endText());
  pen.page.pushOperators(...ops);
}

/** Room for `h` points below the pen, or a new page. */
function need(pen: Pen, h: number) {
  if (pen.y - h < MARGIN) newPage(pen);
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (widthAt(font, next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function write(
  pen: Pen,
  text: string,
  o: { size?: number; bold?: boolean; color?: typeof INK; x?: number } = {},
) {
  const size = o.size ?? 10;
  const font = o.bold ? pen.bold : pen.regular;
  const x = o.x ?? MARGIN;
  for (const line of wrap(pdfText(text), font, size, A4[0] - x - MARGIN)) {
    need(pen, size * 1.4);
    pen.page.drawText(line, { x, y: pen.y - size, size, font, color: o.color ?? INK });
    pen.y -= size * 1.4;
  }
}

function letterhead(pen: Pen, report: MonthlyReport, m: ReportMessages) {
  const top = pen.y;
  pen.page.drawCircle({ x: MARGIN + 18, y: top - 18, size: 18, color: GREEN });
  // The Wi-Fi mark's arcs, as three strokes and a dot.
  for (const r of [6, 11]) {
    pen.page.drawSvgPath(`M ${-r} 0 A ${r} ${r} 0 0 1 ${r} 0`, {
      x: MARGIN + 18,
      y: top - 20,
      borderColor: rgb(1, 1, 1),
      borderWidth: 2,
    });
  }
  pen.page.drawCircle({ x: MARGIN + 18, y: top - 24, size: 2, color: rgb(1, 1, 1) });
  pen.page.drawText(pdfText(m.header(report.village).toUpperCase()), {
    x: MARGIN + 46,
    y: top - 14,
    size: 13,
    font: pen.bold,
  });
  pen.page.drawText(pdfText(report.title), { x: MARGIN + 46, y: top - 30, size: 11, font: pen.regular });
  pen.page.drawLine({
    start: { x: MARGIN, y: top - 44 },
    end: { x: A4[0] - MARGIN, y: top - 44 },
    thickness: 2,
  });
  pen.page.drawLine({
    start: { x: MARGIN, y: top - 47 },
    end: { x: A4[0] - MARGIN, y: top - 47 },
    thickness: 0.5,
  });
  pen.y = top - 62;
}

function columnChart(
  pen: Pen,
  title: string,
  points: ReadonlyArray<{ label: string; value: number }>,
  tick: (v: number) => string,
) {
  const h = 150;
  need(pen, h + 40);
  write(pen, title, { bold: true, size: 11 });
  const left = MARGIN + 48;
  const width = A4[0] - MARGIN - left;
  const base = pen.y - h;
  const max = Math.max(1, ...points.map((p) => p.value));
  for (const f of [0, 0.5, 1]) {
    const y = base + f * (h - 10);
    pen.page.drawLine({ start: { x: left, y }, end: { x: left + width, y }, thickness: 0.5, color: LIGHT });
    pen.page.drawText(pdfText(tick(max * f)), {
      x: MARGIN,
      y: y - 3,
      size: 7,
      font: pen.regular,
      color: GREY,
    });
  }
  const slot = width / Math.max(1, points.length);
  points.forEach((p, i) => {
    const bh = (p.value / max) * (h - 10);
    if (bh > 0)
      pen.page.drawRectangle({
        x: left + i * slot + slot * 0.15,
        y: base,
        width: slot * 0.7,
        height: bh,
        color: GREEN,
      });
    if (i % Math.max(1, Math.ceil(points.length / 16)) === 0) {
      pen.page.drawText(pdfText(p.label), {
        x: left + i * slot,
        y: base - 10,
        size: 7,
        font: pen.regular,
        color: GREY,
      });
    }
  });
  pen.y = base - 22;
}

function barChart(
  pen: Pen,
  title: string,
  points: ReadonlyArray<{ label: string; value: number; display: string }>,
) {
  need(pen, 30 + points.length * 18);
  write(pen, title, { bold: true, size: 11 });
  const left = MARGIN + 120;
  const width = A4[0] - MARGIN - left - 80;
  const max = Math.max(1, ...points.map((p) => p.value));
  for (const p of points) {
    need(pen, 18);
    pen.page.drawText(pdfText(p.label), { x: MARGIN, y: pen.y - 11, size: 9, font: pen.regular });
    const w = (p.value / max) * width;
    if (w > 0) pen.page.drawRectangle({ x: left, y: pen.y - 13, width: w, height: 11, color: GREEN });
    pen.page.drawText(pdfText(p.display), { x: left + w + 4, y: pen.y - 11, size: 9, font: pen.regular });
    pen.y -= 18;
  }
  pen.y -= 8;
}

/** Column widths from what the cells need (the header may wrap at its words), scaled to the page. */
function columnWidths(
  pen: Pen,
  header: readonly string[],
  body: readonly string[][],
  size: number,
  width: number,
) {
  const wants = header.map((label, i) => {
    const longestWord = Math.max(...label.split(/\s+/).map((w) => widthAt(pen.bold, pdfText(w), size)));
    const cells = body.map((r) => widthAt(pen.bold, pdfText(r[i] ?? ''), size));
    return Math.max(longestWord, ...cells) + 8;
  });
  const total = wants.reduce((a, b) => a + b, 0);
  // Spare room goes to every column alike; a shortfall shrinks them in proportion (text then shrinks to fit).
  return total <= width
    ? wants.map((w) => w + (width - total) / wants.length)
    : wants.map((w) => (w * width) / total);
}

/** The text at `size`, or smaller down to 6 pt when the column is narrow, cut with "…" only below that. */
function fitted(font: PDFFont, text: string, size: number, room: number): { s: string; size: number } {
  let s = pdfText(text);
  let at = size;
  while (at > 6 && widthAt(font, s, at) > room) at -= 0.5;
  while (s.length > 1 && widthAt(font, s, at) > room) s = `${s.slice(0, -2)}…`;
  return { s, size: at };
}

function table(pen: Pen, t: ReportTable, m: ReportMessages) {
  const size = 8;
  const width = A4[0] - 2 * MARGIN;
  const format = (r: readonly (string | number | null)[]) =>
    r.map((v, i) => formatCell(v, t.columns[i]?.kind ?? 'text', m));
  const body = [...t.rows.map(format), ...(t.totals ? [format(t.totals)] : [])];
  const header = t.columns.map((c) => c.label);
  const widths = columnWidths(pen, header, body, size, width);
  const xOf = (i: number) => MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0);
  const rule = () =>
    pen.page.drawLine({
      start: { x: MARGIN, y: pen.y - 3 },
      end: { x: MARGIN + width, y: pen.y - 3 },
      thickness: 0.4,
      color: LIGHT,
    });
  // The first column reads left to right (names); the figures line up on the right.
  const cell = (text: string, i: number, y: number, font: PDFFont): TextPiece => {
    const room = (widths[i] ?? 0) - 6;
    const f = fitted(font, text, size, room);
    const w = widthAt(font, f.s, f.size);
    const x = i === 0 ? xOf(0) : xOf(i) + room - w;
    return { text: f.s, x, y, size: f.size, font };
  };
  const headerLines = header.map((label, i) => wrap(pdfText(label), pen.bold, size, (widths[i] ?? 0) - 6));
  const headerHeight = Math.max(...headerLines.map((l) => l.length)) * (size + 2);
  need(pen, 50 + headerHeight);
  write(pen, t.title, { bold: true, size: 11 });
  drawPieces(
    pen,
    headerLines.flatMap((lines, i) =>
      lines.map((line, j) => cell(line, i, pen.y - 10 - j * (size + 2), pen.bold)),
    ),
  );
  pen.y -= headerHeight + 4;
  rule();
  body.forEach((r, k) => {
    need(pen, 14);
    const isTotal = t.totals !== undefined && k === body.length - 1;
    drawPieces(
      pen,
      r.map((text, i) => cell(text, i, pen.y - 13, isTotal ? pen.bold : pen.regular)),
    );
    pen.y -= 14;
    if (!isTotal) rule();
  });
  pen.y -= 10;
}

function signature(pen: Pen, report: MonthlyReport, m: ReportMessages, today: string) {
  need(pen, 110);
  const x = A4[0] - MARGIN - 200;
  pen.y -= 10;
  write(pen, m.signature.place(report.village, formatDay(today, m)), { x });
  write(pen, m.signature.role, { x, bold: true });
  pen.y -= 50;
  write(pen, m.signature.name, { x });
}

/** zlib-wrapped deflate (what /FlateDecode reads) by the platform's CompressionStream, in Node and Workers alike. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const packed = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(packed).arrayBuffer());
}

/**
 * Each page's content stream deflated natively, in place of pdf-lib's JavaScript deflate at save (a third of the
 * PDF's time): the same operators under /FlateDecode.
 */
async function packContents(doc: PDFDocument) {
  const ctx = doc.context;
  const refs = doc.getPages().flatMap((page) => {
    const contents = page.node.get(PDFName.of('Contents'));
    return contents instanceof PDFArray ? contents.asArray() : [contents];
  });
  await Promise.all(
    refs.map(async (ref) => {
      if (!(ref instanceof PDFRef)) return;
      const stream = ctx.lookup(ref);
      if (!(stream instanceof PDFContentStream)) return;
      const packed = await deflate(stream.getUnencodedContents());
      ctx.assign(ref, ctx.stream(packed, { Filter: 'FlateDecode' }));
    }),
  );
}

export async function monthlyPdf(
  report: MonthlyReport,
  m: ReportMessages,
  o: { today: string; generatedAt: string },
) {
  const doc = await PDFDocument.create();
  doc.setTitle(pdfText(report.title));
  doc.setAuthor(pdfText(m.header(report.village)));
  doc.setProducer('Warganet');
  doc.setCreator('Warganet');
  const pen: Pen = {
    doc,
    page: doc.addPage(A4),
    y: A4[1] - MARGIN,
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    fontKeys: new Map(),
  };
  letterhead(pen, report, m);
  for (const s of report.sentences) write(pen, s, { size: 10.5 });
  pen.y -= 8;
  columnChart(
    pen,
    m.title.usageChart,
    report.daily.map((d) => ({ label: d.day.slice(8), value: d.bytesDown })),
    (v) => formatBytes(v, m),
  );
  barChart(
    pen,
    `${m.col.registered} ${m.by.dusun}`,
    report.dusun.map((d) => ({
      label: d.key,
      value: typeof d.registered === 'number' ? d.registered : 0,
      display: formatCount(d.registered, m),
    })),
  );
  for (const t of report.tables) table(pen, t, m);
  write(pen, m.note.smallCell, { size: 8, color: GREY });
  signature(pen, report, m, o.today);
  for (const [i, page] of doc.getPages().entries()) {
    page.drawText(pdfText(`${m.generated(o.generatedAt)}  ${i + 1}/${doc.getPageCount()}`), {
      x: MARGIN,
      y: 20,
      size: 7,
      font: pen.regular,
      color: GREY,
    });
  }
  await packContents(doc);
  // No pause between objects: pdf-lib yields to the event loop every 50 by default, for a whole report's worth.
  return doc.save({ objectsPerTick: Number.POSITIVE_INFINITY });
}
