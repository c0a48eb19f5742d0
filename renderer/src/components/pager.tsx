// Runs in the renderer. "Showing 1–50 of 120" under a server-paged list, with Previous/Next page buttons when
// there is more than one page.
import { showingText } from '../screens/clients/paging';

export function Pager({
  offset,
  count,
  total,
  pageSize,
  locale,
  onOffset,
  className,
}: {
  offset: number;
  /** rows on this page */
  count: number;
  total: number;
  pageSize: number;
  locale: string;
  onOffset: (offset: number) => void;
  className?: string;
}) {
  return (
    <div className={className ? `pager ${className}` : 'pager'}>
      <p className="pager-text" aria-live="polite">
        {showingText(offset, count, total, locale)}
      </p>
      {total > pageSize ? (
        <div className="pager-buttons">
          <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
            Previous page
          </button>
          <button type="button" className="btn btn-small" disabled={offset + count >= total} onClick={() => onOffset(offset + pageSize)}>
            Next page
          </button>
        </div>
      ) : null}
    </div>
  );
}
