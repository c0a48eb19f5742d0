// Runs in the renderer. TEST / LIVE next to a Stripe account (live in the warning colour).
import { Badge } from '../../components/badge';
import { modeBadge } from './stripe-model';

export function StripeModeBadge({ livemode }: { livemode: boolean | null }) {
  const b = modeBadge(livemode);
  if (!b) return null;
  return (
    <span title={b.title} className="stripe-mode-badge">
      <Badge tone={b.tone}>{b.label}</Badge>
    </span>
  );
}
