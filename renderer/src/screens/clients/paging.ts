// Runs in the renderer (pure). Offset paging arithmetic for server-paged lists.
import { formatCount } from '../../format/numbers';

/** "Showing 1–50 of 120" (en dash, locale digits). */
export function showingText(offset: number, count: number, total: number, locale: string): string {
  if (total === 0 || count === 0) return `Showing 0 of ${formatCount(total, locale)}`;
  return `Showing ${formatCount(offset + 1, locale)}–${formatCount(offset + count, locale)} of ${formatCount(total, locale)}`;
}

/** The offset of the last page that has rows, for when rows vanished under the current page. */
export function lastPageOffset(total: number, pageSize: number): number {
  return total <= 0 ? 0 : Math.floor((total - 1) / pageSize) * pageSize;
}
