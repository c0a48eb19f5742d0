// Runs in the renderer. The count next to "Unassigned usage" in the sidebar: how many provider-side ids
// wait for a client. Renders nothing when there are none (or while unknown).
import { useQuery } from '../../api';
import '../../styles/ingest.css';
import { idsToAssign } from './unassigned-model';

export function UnassignedNavCount() {
  const q = useQuery('usage.unassigned', {}, { tables: ['usage_events', 'client_mappings'] });
  const n = q.data ? idsToAssign(q.data) : 0;
  if (n === 0) return null;
  return (
    <span className="nav-count">
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span className="visually-hidden">({n} to assign)</span>
    </span>
  );
}
