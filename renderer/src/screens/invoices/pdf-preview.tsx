// Runs in the renderer. The document's PDF, rendered by the main process on request (`invoices.pdf`, base64),
// shown from a Blob URL in an <iframe> (CSP frame-src blob:) with a "Download PDF" link (a[download]).
// A draft's PDF follows its edits: the query refetches when the invoice tables change.
import { useEffect, useState } from 'react';
import { useQuery } from '../../api';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { base64ToBlob } from './download';
import { INVOICE_TABLES } from './invoice-status';

function usePdf(id: number, enabled: boolean) {
  const q = useQuery('invoices.pdf', { id }, { tables: INVOICE_TABLES, enabled, keepPrevious: true });
  const [url, setUrl] = useState<string | null>(null);
  const data = q.data;
  useEffect(() => {
    if (!data) {
      setUrl(null);
      return undefined;
    }
    const u = URL.createObjectURL(base64ToBlob(data.dataBase64, data.mime));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [data]);
  return { url, fileName: data?.fileName ?? 'invoice.pdf', error: q.error, loading: q.loading, reload: q.reload };
}

export function PdfPreview({ id, draft }: { id: number; draft: boolean }) {
  const [open, setOpen] = useState(false);
  const pdf = usePdf(id, open);
  return (
    <section className="card" aria-labelledby="inv-pdf-title">
      <div className="card-header">
        <h2 id="inv-pdf-title" className="card-title">
          PDF
        </h2>
        <div className="inv-pdf-tools">
          {open && pdf.url ? (
            <a className="btn btn-small" href={pdf.url} download={pdf.fileName}>
              Download PDF
            </a>
          ) : null}
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? 'Hide preview' : 'Preview PDF'}
          </button>
        </div>
      </div>
      {open ? (
        <div className="card-body">
          {pdf.error ? (
            <ErrorNotice title="The PDF could not be made" error={pdf.error} onRetry={() => void pdf.reload()} />
          ) : pdf.url ? (
            <iframe className="inv-pdf-frame" title="PDF preview" src={pdf.url} />
          ) : (
            <Loading label="Rendering the PDF…" />
          )}
        </div>
      ) : (
        <div className="card-pad">
          <p className="muted">{draft ? 'The draft prints with a “DRAFT” watermark until it is issued.' : 'The PDF is rendered from the frozen document: it stays the same years later.'}</p>
        </div>
      )}
    </section>
  );
}
