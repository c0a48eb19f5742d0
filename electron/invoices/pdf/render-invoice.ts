// Runs in main. Renders an invoice or credit note snapshot to PDF (pdf-lib, embedded Unicode font).
//
// A4, one column of blocks flowing down the pages: the agency's letterhead and the document's number and
// dates, "Bill to" beside the amount due (or, on a credit note, the invoice it corrects), the line table
// (its header repeated on every page it runs onto), the totals, legal mentions, payment instructions and
// notes; "Page N of M" in every footer. Every amount is printed from the snapshot's decimal text through
// shared/invoicing/format (never through a JS number). The same snapshot gives the same bytes: fixed dates,
// producer and font subset names, and a document ID hashed from the inputs.
import { createHash } from 'node:crypto';
import { degrees, PDFHexString, rgb, type PDFDocument, type PDFImage, type PDFPage } from 'pdf-lib';
import type { InvoiceSnapshot, Party, SnapshotLine } from '../../../shared/domain/invoice';
import { formatDate, formatMoney, formatPercent, formatPeriod, formatQuantityWithUnit, formatUnitPrice } from '../../../shared/invoicing/format';
import { compressContentStreams, createDocument } from './document';
import { embedFonts, type DocFont } from './fonts';
import { embedLogo, type LogoInput } from './images';
import { PAGE_HEIGHT, PAGE_WIDTH, PageFlow } from './page-flow';
import { drawLine, drawLines, hexColor, single, tint, wrap, type TextStyle } from './text-layout';

export interface RenderOptions {
  logo: LogoInput | null;
  /** diagonal watermark for drafts */
  watermark: 'DRAFT' | null;
}

// ---- geometry (points) and colours

const LEFT = 50;
const RIGHT = PAGE_WIDTH - 50;
const WIDTH = RIGHT - LEFT;
const TOP = PAGE_HEIGHT - 48;
/** content stays above this; the footer sits below */
const BOTTOM = 60;
const FOOTER_BASELINE = 34;
/** where content starts on pages after the first, below the running header */
const CONTINUED_TOP = TOP - 34;
const LOGO_BOX = { width: 170, height: 56 };
/** right-hand column of the letterhead and of the "Bill to" row */
const SIDE_WIDTH = 230;
const SIDE_X = RIGHT - SIDE_WIDTH;

/** the line table: description grows, numbers are right-aligned on their column's right edge */
const GAP = 10;
const COLUMNS = (() => {
  const amount = 92;
  const price = 84;
  const qty = 98;
  const desc = WIDTH - amount - price - qty - 3 * GAP;
  return {
    desc: { x: LEFT, width: desc },
    qty: { right: LEFT + desc + GAP + qty, width: qty },
    price: { right: LEFT + desc + GAP + qty + GAP + price, width: price },
    amount: { right: RIGHT, width: amount },
  };
})();
const TABLE_HEADER_HEIGHT = 22;
const ROW_FIRST_BASELINE = 15;
const ROW_PAD_BOTTOM = 8;

const TOTALS_WIDTH = 250;
const TOTALS_X = RIGHT - TOTALS_WIDTH;
const TOTALS_LABEL_WIDTH = 150;
/** from the table's last rule to the top of the first totals row */
const TOTALS_PAD_TOP = 8;
/** baseline of the first totals row below the block's top: the payment instructions line up with it */
const TOTALS_FIRST_BASELINE = TOTALS_PAD_TOP + 12;

const INK = rgb(0.13, 0.14, 0.16);
const MUTED = rgb(0.42, 0.44, 0.48);
const RULE = rgb(0.84, 0.85, 0.87);
const DEFAULT_ACCENT = rgb(0.12, 0.43, 0.92);
/** CreationDate of drafts: they have no issue date, and a clock would break byte-identical output */
const DRAFT_EPOCH = new Date(0);
const PRODUCER = 'Meterbook';

interface Styles {
  title: TextStyle;
  name: TextStyle;
  body: TextStyle;
  bodyBold: TextStyle;
  small: TextStyle;
  smallBold: TextStyle;
  label: TextStyle;
  note: TextStyle;
  big: TextStyle;
  totalBold: TextStyle;
  footer: TextStyle;
  watermark: TextStyle;
}

function makeStyles(regular: DocFont, bold: DocFont, accent: ReturnType<typeof rgb>): Styles {
  return {
    title: { font: bold, size: 22, color: accent, leading: 26 },
    name: { font: bold, size: 12, color: INK, leading: 15 },
    body: { font: regular, size: 9, color: INK, leading: 12 },
    bodyBold: { font: bold, size: 9, color: INK, leading: 12 },
    small: { font: regular, size: 8.5, color: MUTED, leading: 11.5 },
    smallBold: { font: bold, size: 8.5, color: INK, leading: 11.5 },
    label: { font: bold, size: 7.5, color: MUTED, leading: 11 },
    note: { font: regular, size: 8, color: MUTED, leading: 10.5 },
    big: { font: bold, size: 16, color: INK, leading: 20 },
    totalBold: { font: bold, size: 10, color: INK, leading: 14 },
    footer: { font: regular, size: 7.5, color: MUTED, leading: 10 },
    watermark: { font: bold, size: 118, color: rgb(0.55, 0.56, 0.6), leading: 118 },
  };
}

/** Money text negated without arithmetic: "12.50" -> "-12.50", "-3" -> "3", "0.00" stays. */
function negated(amount: string): string {
  if (amount.startsWith('-')) return amount.slice(1);
  return /^0(\.0*)?$/.test(amount) ? amount : `-${amount}`;
}

const isZero = (amount: string) => /^-?0(\.0*)?$/.test(amount);

/** A size at which `text` fits `width` (numbers that would otherwise run into the next column). */
function fitted(text: string, style: TextStyle, width: number): TextStyle {
  const w = style.font.width(text, style.size);
  return w <= width ? style : { ...style, size: Math.max(5.5, (style.size * width) / w) };
}

export async function renderInvoicePdf(snapshot: InvoiceSnapshot, options: RenderOptions): Promise<Uint8Array> {
  const doc = await createDocument();
  const fonts = await embedFonts(doc);
  const accent = hexColor(snapshot.branding.accentColor, DEFAULT_ACCENT);
  const s = makeStyles(fonts.regular, fonts.bold, accent);
  const logo = options.logo ? await embedLogo(doc, options.logo) : null;

  const { currency, locale } = snapshot;
  const money = (amount: string) => formatMoney(amount, currency, locale);
  const credit = snapshot.kind === 'credit_note';
  const docName = credit ? 'Credit note' : 'Invoice';
  const number = snapshot.number ?? 'DRAFT';

  let inTable = false;
  const flow = new PageFlow(doc, BOTTOM, (page, index) => {
    if (index === 0) return TOP;
    drawLine(page, single(snapshot.agency.name, s.smallBold), LEFT, TOP - 8, s.smallBold);
    drawLine(page, single(`${docName} ${number} (continued)`, s.small), RIGHT, TOP - 8, s.small, 'right');
    page.drawLine({ start: { x: LEFT, y: TOP - 17 }, end: { x: RIGHT, y: TOP - 17 }, thickness: 0.5, color: RULE });
    return inTable ? drawTableHeader(page, CONTINUED_TOP) : CONTINUED_TOP;
  });

  // ---- letterhead: the agency on the left, the document's title, number and dates on the right
  flow.addPage();
  let leftY = TOP;
  if (logo) leftY = drawLogo(flow.page, logo, leftY) - 14;
  leftY = drawParty(flow.page, snapshot.agency, LEFT, leftY - 10, WIDTH - SIDE_WIDTH - 20, s, { nameStyle: s.name, compact: true });

  drawLine(flow.page, single(credit ? 'CREDIT NOTE' : 'INVOICE', s.title), RIGHT, TOP - 20, s.title, 'right');
  const meta: Array<[string, string, TextStyle]> = [[credit ? 'Credit note no.' : 'Invoice no.', number, s.bodyBold]];
  if (snapshot.issueDate) meta.push(['Issue date', formatDate(snapshot.issueDate, locale), s.body]);
  if (snapshot.dueDate && !credit) meta.push(['Due date', formatDate(snapshot.dueDate, locale), s.body]);
  if (snapshot.period) meta.push(['Billing period', formatPeriod(snapshot.period.start, snapshot.period.end, locale), s.body]);
  if (snapshot.planName) meta.push(['Plan', snapshot.planName, s.body]);
  let rightY = TOP - 44;
  for (const [label, value, style] of meta) {
    drawLine(flow.page, single(label, s.small), SIDE_X, rightY, s.small);
    const lines = wrap(value, style, SIDE_WIDTH - 80);
    rightY = drawLines(flow.page, lines, RIGHT, rightY, { ...style, leading: 12 }, 'right') - 3;
  }

  // ---- "Bill to" and, beside it, the amount due (invoices) or what the credit note corrects
  const billTop = Math.min(leftY, rightY) - 22;
  drawLine(flow.page, 'BILL TO', LEFT, billTop, s.label);
  const billBottom = drawParty(flow.page, snapshot.client, LEFT, billTop - 15, WIDTH - SIDE_WIDTH - 20, s, { nameStyle: { ...s.name, size: 11 }, compact: false });
  const boxBottom = credit ? drawCreditBox(flow.page, snapshot, billTop + 8, s, accent) : drawDueBox(flow.page, snapshot, billTop + 8, s, accent, money);
  flow.y = Math.min(billBottom, boxBottom) - 22;

  // ---- the line table
  flow.need(TABLE_HEADER_HEIGHT + 40);
  flow.y = drawTableHeader(flow.page, flow.y);
  inTable = true;
  for (const line of snapshot.lines) drawRow(flow, layoutRow(line, snapshot, s));
  inTable = false;

  // ---- totals, with the payment instructions beside them when they fit there; mentions and notes below
  const totalsTop = drawTotals(flow, snapshot, s, accent, money);
  let instructionsBeside = false;
  if (snapshot.paymentInstructions) {
    const lines = wrap(snapshot.paymentInstructions, s.body, TOTALS_X - LEFT - 24);
    if (totalsTop - TOTALS_FIRST_BASELINE - s.smallBold.leading - 3 - lines.length * s.body.leading >= flow.bottom) {
      instructionsBeside = true;
      drawLine(flow.page, 'Payment instructions', LEFT, totalsTop - TOTALS_FIRST_BASELINE, s.smallBold);
      const end = drawLines(flow.page, lines, LEFT, totalsTop - TOTALS_FIRST_BASELINE - s.smallBold.leading - 3, s.body) + s.body.leading - 8;
      flow.y = Math.min(flow.y, end);
    }
  }
  if (snapshot.reverseChargeMention) drawTextBlock(flow, null, snapshot.reverseChargeMention, s);
  if (snapshot.paymentInstructions && !instructionsBeside) drawTextBlock(flow, 'Payment instructions', snapshot.paymentInstructions, s);
  if (snapshot.notes) drawTextBlock(flow, 'Notes', snapshot.notes, s);

  // ---- on every page: footer, and the draft watermark over the content
  const pageCount = flow.pages.length;
  flow.pages.forEach((page, i) => {
    page.drawLine({ start: { x: LEFT, y: FOOTER_BASELINE + 14 }, end: { x: RIGHT, y: FOOTER_BASELINE + 14 }, thickness: 0.5, color: RULE });
    const who = [snapshot.agency.name, `${docName} ${number}`, snapshot.agency.taxId ? `Tax ID ${snapshot.agency.taxId}` : null].filter(Boolean).join('  ·  ');
    const page_ = single(`Page ${i + 1} of ${pageCount}`, s.footer);
    const room = WIDTH - s.footer.font.width(page_, s.footer.size) - 20;
    drawLine(page, wrap(who, s.footer, room)[0] ?? '', LEFT, FOOTER_BASELINE, s.footer);
    drawLine(page, page_, RIGHT, FOOTER_BASELINE, s.footer, 'right');
    if (options.watermark) drawWatermark(page, options.watermark, s.watermark);
  });

  setMetadata(doc, snapshot, options);
  compressContentStreams(doc);
  return doc.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });

  // ---- blocks (closures over the document's styles)

  function drawTableHeader(page: PDFPage, top: number): number {
    page.drawRectangle({ x: LEFT, y: top - TABLE_HEADER_HEIGHT, width: WIDTH, height: TABLE_HEADER_HEIGHT, color: tint(accent, 0.88) });
    const y = top - 14.5;
    drawLine(page, 'Description', COLUMNS.desc.x + 6, y, s.smallBold);
    drawLine(page, 'Quantity', COLUMNS.qty.right, y, s.smallBold, 'right');
    drawLine(page, 'Unit price', COLUMNS.price.right, y, s.smallBold, 'right');
    drawLine(page, 'Amount', COLUMNS.amount.right - 6, y, s.smallBold, 'right');
    return top - TABLE_HEADER_HEIGHT;
  }
}

// ---- letterhead pieces

function drawLogo(page: PDFPage, logo: PDFImage, top: number): number {
  const scale = Math.min(LOGO_BOX.width / logo.width, LOGO_BOX.height / logo.height);
  const width = logo.width * scale;
  const height = logo.height * scale;
  page.drawImage(logo, { x: LEFT, y: top - height, width, height });
  return top - height;
}

/** A name-and-address block from baseline `y` down; returns the y below it. */
function drawParty(page: PDFPage, party: Party, x: number, y: number, width: number, s: Styles, o: { nameStyle: TextStyle; compact: boolean }): number {
  y = drawLines(page, wrap(party.name, o.nameStyle, width), x, y, o.nameStyle);
  y += o.nameStyle.leading - s.small.leading - 2;
  const lines: string[] = [];
  if (party.contactName && !o.compact) lines.push(party.contactName);
  lines.push(...party.addressLines);
  const reach = [party.email, party.phone].filter((v): v is string => Boolean(v));
  if (reach.length) lines.push(reach.join('  ·  '));
  if (party.taxId) lines.push(`Tax ID ${party.taxId}`);
  for (const line of lines) y = drawLines(page, wrap(line, s.small, width), x, y, { ...s.small, color: INK });
  return y;
}

function drawSideBox(page: PDFPage, top: number, height: number, accent: ReturnType<typeof rgb>): void {
  page.drawRectangle({ x: SIDE_X, y: top - height, width: SIDE_WIDTH, height, color: tint(accent, 0.93) });
  page.drawRectangle({ x: SIDE_X, y: top - height, width: 3, height, color: accent });
}

function drawDueBox(page: PDFPage, snap: InvoiceSnapshot, top: number, s: Styles, accent: ReturnType<typeof rgb>, money: (a: string) => string): number {
  const x = SIDE_X + 16;
  const amount = money(snap.totals.amountDue);
  const due = snap.dueDate ? `Due ${formatDate(snap.dueDate, snap.locale)}` : snap.paymentTermsDays > 0 ? `Due ${snap.paymentTermsDays} days after issue` : 'Due on receipt';
  const height = 62;
  drawSideBox(page, top, height, accent);
  drawLine(page, 'AMOUNT DUE', x, top - 16, s.label);
  const big = fitted(single(amount, s.big), s.big, SIDE_WIDTH - 32);
  drawLine(page, single(amount, big), x, top - 37, big);
  drawLine(page, single(due, s.small), x, top - 52, s.small);
  return top - height;
}

function drawCreditBox(page: PDFPage, snap: InvoiceSnapshot, top: number, s: Styles, accent: ReturnType<typeof rgb>): number {
  const x = SIDE_X + 16;
  const width = SIDE_WIDTH - 28;
  const ref = snap.creditOf ? wrap(`Credit note for invoice ${snap.creditOf.number} of ${formatDate(snap.creditOf.issueDate, snap.locale)}`, s.bodyBold, width) : [];
  const reason = snap.creditReason ? wrap(`Reason: ${snap.creditReason}`, s.body, width) : [];
  if (!ref.length && !reason.length) return top;
  const height = 14 + ref.length * s.bodyBold.leading + (ref.length && reason.length ? 4 : 0) + reason.length * s.body.leading + 6;
  drawSideBox(page, top, height, accent);
  let y = drawLines(page, ref, x, top - 17, s.bodyBold);
  if (ref.length) y -= 4;
  drawLines(page, reason, x, y, s.body);
  return top - height;
}

// ---- the line table

interface RowLayout {
  /** description lines, then note lines, each with the offset of its baseline below the row's top */
  left: Array<{ text: string; style: TextStyle; offset: number }>;
  qty: string[];
  price: string;
  amount: string;
}

function layoutRow(line: SnapshotLine, snap: InvoiceSnapshot, s: Styles): RowLayout {
  const width = COLUMNS.desc.width - 6;
  const left: RowLayout['left'] = [];
  let offset = ROW_FIRST_BASELINE;
  for (const text of wrap(line.description, s.body, width)) {
    left.push({ text, style: s.body, offset });
    offset += s.body.leading;
  }
  if (line.note) {
    offset += 1 - s.body.leading + s.note.leading;
    for (const text of wrap(line.note, s.note, width)) {
      left.push({ text, style: s.note, offset });
      offset += s.note.leading;
    }
  }
  return {
    left,
    qty: wrap(formatQuantityWithUnit(line.quantity, line.unit, snap.locale), s.body, COLUMNS.qty.width),
    price: line.unitPrice === null ? '' : single(formatUnitPrice(line.unitPrice, snap.currency, snap.locale), s.body),
    amount: single(formatMoney(line.amount, snap.currency, snap.locale), s.body),
  };
}

/** Draws a row, moving it whole to the next page when it does not fit; a row taller than a page is split. */
function drawRow(flow: PageFlow, row: RowLayout): void {
  const s = row.left[0]!.style;
  const numbersHeight = ROW_FIRST_BASELINE + (row.qty.length - 1) * s.leading + ROW_PAD_BOTTOM;
  const fullHeight = Math.max(row.left.at(-1)!.offset + ROW_PAD_BOTTOM, numbersHeight);
  if (fullHeight > flow.room && fullHeight <= CONTINUED_TOP - TABLE_HEADER_HEIGHT - flow.bottom) flow.addPage();
  let i = 0;
  let first = true;
  while (i < row.left.length) {
    const base = row.left[i]!.offset - ROW_FIRST_BASELINE;
    let j = i;
    while (j < row.left.length && row.left[j]!.offset - base + ROW_PAD_BOTTOM <= flow.room) j++;
    if (j === i || (first && numbersHeight > flow.room)) {
      flow.addPage();
      continue;
    }
    const top = flow.y;
    const page = flow.page;
    for (let k = i; k < j; k++) {
      const item = row.left[k]!;
      drawLine(page, item.text, COLUMNS.desc.x + 6, top - (item.offset - base), item.style);
    }
    let height = row.left[j - 1]!.offset - base + ROW_PAD_BOTTOM;
    if (first) {
      const y = top - ROW_FIRST_BASELINE;
      drawLines(page, row.qty, COLUMNS.qty.right, y, s, 'right');
      drawLine(page, row.price, COLUMNS.price.right, y, fitted(row.price, s, COLUMNS.price.width), 'right');
      drawLine(page, row.amount, COLUMNS.amount.right - 6, y, fitted(row.amount, s, COLUMNS.amount.width - 6), 'right');
      height = Math.max(height, numbersHeight);
    }
    page.drawLine({ start: { x: LEFT, y: top - height }, end: { x: RIGHT, y: top - height }, thickness: 0.5, color: RULE });
    flow.y = top - height;
    first = false;
    i = j;
  }
}

// ---- totals and text blocks

/** Draws the totals on the right; returns the top of the block (its page is flow.page). */
function drawTotals(flow: PageFlow, snap: InvoiceSnapshot, s: Styles, accent: ReturnType<typeof rgb>, money: (a: string) => string): number {
  const locale = snap.locale;
  type Row = { label: string[]; value: string; kind: 'plain' | 'total' | 'due' };
  const rows: Row[] = [];
  const add = (label: string, value: string, kind: Row['kind'] = 'plain') =>
    rows.push({ label: wrap(label, kind === 'plain' ? s.body : s.totalBold, TOTALS_LABEL_WIDTH), value: money(value), kind });
  add('Subtotal', snap.totals.subtotal);
  for (const d of snap.discounts) add(d.kind === 'percent' ? `${d.description} (${formatPercent(d.value, locale)})` : d.description, negated(d.amount));
  if (snap.discounts.length) add('Net', snap.totals.net);
  for (const t of snap.taxes) add(`${t.name} ${formatPercent(t.rate, locale)}`, t.amount);
  if (snap.kind === 'credit_note') {
    // a credit note is settled when issued: against what its invoice still asked for, the rest to the balance
    add('Total credit', snap.totals.total, 'total');
    const of = snap.creditOf?.number ?? 'the invoice';
    if (snap.settlement) {
      if (!isZero(snap.settlement.appliedToInvoice)) add(`Applied to ${of}`, snap.settlement.appliedToInvoice);
      if (!isZero(snap.settlement.creditedToBalance)) add('Credited to prepaid balance', snap.settlement.creditedToBalance);
    }
  } else {
    add('Total', snap.totals.total, 'total');
    if (!isZero(snap.totals.paidFromBalance)) add('Paid from prepaid balance', negated(snap.totals.paidFromBalance));
    add('Amount due', snap.totals.amountDue, 'due');
  }

  // plain rows: 17 pt; the total: a rule, then 22 pt; amount due: a tinted band of 22 pt after a 4 pt gap
  const extra = (r: Row) => (r.label.length - 1) * (r.kind === 'plain' ? s.body : s.totalBold).leading;
  const rowHeight = (r: Row) => (r.kind === 'plain' ? 17 : r.kind === 'total' ? 22 : 28) + extra(r);
  flow.need(rows.reduce((h, r) => h + rowHeight(r), TOTALS_PAD_TOP));
  const page = flow.page;
  const x = TOTALS_X;
  const top = flow.y;
  let y = top - TOTALS_PAD_TOP;
  for (const r of rows) {
    const style = r.kind === 'plain' ? s.body : s.totalBold;
    let baseline = y - 12;
    if (r.kind === 'total') {
      page.drawLine({ start: { x, y: y - 2 }, end: { x: RIGHT, y: y - 2 }, thickness: 0.8, color: INK });
      baseline = y - 17;
    } else if (r.kind === 'due') {
      page.drawRectangle({ x, y: y - 26 - extra(r), width: TOTALS_WIDTH, height: 22 + extra(r), color: tint(accent, 0.88) });
      baseline = y - 19;
    }
    drawLines(page, r.label, x + 6, baseline, style);
    drawLine(page, r.value, RIGHT - 6, baseline, fitted(r.value, style, TOTALS_WIDTH - TOTALS_LABEL_WIDTH - 12), 'right');
    y -= rowHeight(r);
  }
  flow.y = y - 6;
  return top;
}

/** A heading (optional) and wrapped text across the page; lines flow onto the next page when needed. */
function drawTextBlock(flow: PageFlow, heading: string | null, text: string, s: Styles): void {
  const lines = wrap(text, s.body, WIDTH);
  const headingHeight = heading ? s.smallBold.leading + 2 : 0;
  flow.need(12 + headingHeight + Math.min(2, lines.length) * s.body.leading);
  flow.y -= 12;
  if (heading) {
    drawLine(flow.page, single(heading, s.smallBold), LEFT, flow.y - s.smallBold.size, s.smallBold);
    flow.y -= headingHeight;
  }
  for (const line of lines) {
    flow.need(s.body.leading);
    drawLine(flow.page, line, LEFT, flow.y - s.body.size, s.body);
    flow.y -= s.body.leading;
  }
}

function drawWatermark(page: PDFPage, text: string, style: TextStyle): void {
  const angle = 35;
  const w = style.font.width(text, style.size);
  const h = style.size * 0.72; // cap height of DejaVu Sans
  const rad = (angle * Math.PI) / 180;
  // centre the rotated text on the page: the origin is the baseline start, rotated about itself
  const x = PAGE_WIDTH / 2 - ((w / 2) * Math.cos(rad) - (h / 2) * Math.sin(rad));
  const y = PAGE_HEIGHT / 2 - ((w / 2) * Math.sin(rad) + (h / 2) * Math.cos(rad));
  page.drawText(text, { x, y, size: style.size, font: style.font.pdf, color: style.color, rotate: degrees(angle), opacity: 0.13 });
}

// ---- metadata

function setMetadata(doc: PDFDocument, snap: InvoiceSnapshot, options: RenderOptions): void {
  const credit = snap.kind === 'credit_note';
  const title = snap.number ? `${credit ? 'Credit note' : 'Invoice'} ${snap.number}` : `Draft ${credit ? 'credit note' : 'invoice'}`;
  const period = snap.period ? formatPeriod(snap.period.start, snap.period.end, snap.locale) : null;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setAuthor(snap.agency.name);
  doc.setSubject(period ? `${snap.client.name}, ${period}` : snap.client.name);
  // one keyword string: pdf-lib joins a list with spaces, which would run multi-word names together
  doc.setKeywords([[credit ? 'credit note' : 'invoice', snap.number ?? 'draft', snap.client.name, snap.period?.label, snap.currency].filter(Boolean).join(', ')]);
  doc.setCreator(PRODUCER);
  doc.setProducer(PRODUCER);
  doc.setLanguage(snap.locale);
  const date = snap.issueDate ? new Date(`${snap.issueDate}T00:00:00Z`) : DRAFT_EPOCH;
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  // A file identifier (PDF 14.4) that is a function of what was rendered, not of the clock.
  const hash = createHash('sha256').update(JSON.stringify(snap)).update(options.watermark ?? '');
  if (options.logo) hash.update(options.logo.bytes);
  const id = PDFHexString.of(hash.digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}
