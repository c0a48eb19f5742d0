// Runs in main. Content flowing down A4 pages: a cursor (the next baseline region's top, `y`) that starts a
// new page when a block would run into the bottom margin. Whoever starts a page draws its running header
// (continuation title, repeated table header) through `onNewPage`.
import type { PDFDocument, PDFPage } from 'pdf-lib';

/** A4 in points. */
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;

export class PageFlow {
  readonly pages: PDFPage[] = [];
  page!: PDFPage;
  /** top of the free space on the current page */
  y = 0;

  constructor(
    private readonly doc: PDFDocument,
    /** lowest y content may reach (above the footer) */
    readonly bottom: number,
    /** draws the page's running header and returns where content starts */
    private readonly onNewPage: (page: PDFPage, index: number) => number,
  ) {}

  addPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = this.onNewPage(this.page, this.pages.length - 1);
  }

  /** Free height left on the current page. */
  get room(): number {
    return this.y - this.bottom;
  }

  /** Starts a new page unless `height` fits below the cursor. */
  need(height: number): void {
    if (height > this.room) this.addPage();
  }
}
