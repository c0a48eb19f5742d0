// Runs in the renderer. The "Alerts" entry of the sidebar, with the unread count (nothing while zero or unknown).
import { useQuery } from '../../api';
import { Link } from '../../router/link';
import '../../styles/alerts.css';
import '../../styles/ingest.css';
import { navCountText } from './alerts-model';

const ICON = 'M10 2.8a4.6 4.6 0 0 0-4.6 4.6v3.1L4 13.6h12l-1.4-3.1V7.4A4.6 4.6 0 0 0 10 2.8zM8.2 16a1.9 1.9 0 0 0 3.6 0';

export function AlertsNavCount() {
  const q = useQuery('alerts.list', { unreadOnly: true, limit: 1, offset: 0 }, { tables: ['alerts'] });
  const n = q.data?.unread ?? 0;
  if (n === 0) return null;
  return (
    <span className="nav-count nav-count-alerts">
      <span aria-hidden="true">{navCountText(n)}</span>
      <span className="visually-hidden">({n} unread)</span>
    </span>
  );
}

export function AlertsNavItem({ current }: { current: boolean }) {
  return (
    <li>
      <Link to={{ name: 'alerts' }} className="nav-link" aria-current={current ? 'page' : undefined}>
        <svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d={ICON} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span>Alerts</span>
        <AlertsNavCount />
      </Link>
    </li>
  );
}
