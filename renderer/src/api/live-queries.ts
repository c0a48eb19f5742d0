// Runs in the renderer. The app-wide hub, fed by the `data.changed` event of the active transport.
import { QueryHub } from './query-hub';
import { getApi } from './transport';

let hub: QueryHub | null = null;

export function liveQueries(): QueryHub {
  if (hub) return hub;
  const created = new QueryHub();
  getApi().events['data.changed']((payload) => created.notify(payload.tables));
  hub = created;
  return created;
}
