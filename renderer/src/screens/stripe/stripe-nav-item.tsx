// Runs in the renderer. The "Stripe sync" entry of the sidebar, with the number of failed changes. Shown while
// Stripe is connected, or while changes still wait or failed (after a disconnect); otherwise the sidebar stays
// as it was, and Settings › Stripe links the panel.
import { useQuery } from '../../api';
import { Link } from '../../router/link';
import '../../styles/alerts.css';
import '../../styles/ingest.css';
import { navCountText, STRIPE_TABLES } from './stripe-model';

const ICON = 'M4 7.5h10.5l-3-3M16 12.5H5.5l3 3';

export function StripeNavItem({ current }: { current: boolean }) {
  const q = useQuery('stripe.status', {}, { tables: STRIPE_TABLES });
  const s = q.data;
  if (!s || (!s.connected && s.outbox.failed === 0 && s.outbox.pending === 0 && !current)) return null;
  const failed = s.outbox.failed;
  return (
    <li>
      <Link to={{ name: 'stripe', status: 'all' }} className="nav-link" aria-current={current ? 'page' : undefined}>
        <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d={ICON} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span>Stripe sync</span>
        {failed > 0 ? (
          <span className="nav-count nav-count-alerts">
            <span aria-hidden="true">{navCountText(failed)}</span>
            <span className="visually-hidden">({failed} failed)</span>
          </span>
        ) : null}
      </Link>
    </li>
  );
}
