// Runs in main (electron). Raised alerts become desktop notifications (browser mode shows them in-app only).
import { Notification } from 'electron';
import type { EventBus } from '../services/event-bus';
import type { EventPayload } from '../../shared/contract/events';

/** Shows a notification for every `alert.raised`; returns the unsubscribe function. */
export function notifyAlerts(bus: EventBus): () => void {
  return bus.subscribe((name, payload) => {
    if (name !== 'alert.raised' || !Notification.isSupported()) return;
    const alert = payload as EventPayload<'alert.raised'>;
    new Notification({ title: alert.title, body: alert.body }).show();
  });
}
