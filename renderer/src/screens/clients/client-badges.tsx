// Runs in the renderer. Status and archived pills of a client.
import type { Client } from '../../../../shared/domain/client';
import { Badge, type BadgeTone } from '../../components/badge';
import { STATUS_LABELS } from './client-form-model';

const TONES: Record<Client['status'], BadgeTone> = { active: 'success', trial: 'info', paused: 'warning' };

export function ClientBadges({ client }: { client: Pick<Client, 'status' | 'archived'> }) {
  return (
    <span className="badges">
      <Badge tone={TONES[client.status]}>{STATUS_LABELS[client.status]}</Badge>
      {client.archived ? <Badge tone="neutral">Archived</Badge> : null}
    </span>
  );
}
