// Runs in the renderer. Decides which live queries refetch after a write: every query declares
// the tables it reads; every committed write announces the tables it touched (`data.changed`).
import { EVERY_TABLE } from './http-api';

export { EVERY_TABLE };

/** True when a query reading `queryTables` must refetch after a write to `changedTables`. */
export function affects(queryTables: readonly string[], changedTables: readonly string[]): boolean {
  if (changedTables.includes(EVERY_TABLE) || queryTables.includes(EVERY_TABLE)) return true;
  return queryTables.some((t) => changedTables.includes(t));
}

interface Entry {
  readonly tables: readonly string[];
  readonly reload: () => void;
}

/**
 * Registry of live queries. `notify` collects the tables of a burst of writes (a demo load emits
 * many events) and, once the scheduler fires, reloads each affected query exactly once.
 */
export class QueryHub {
  private readonly entries = new Set<Entry>();
  private pending: string[] = [];
  private scheduled = false;

  constructor(private readonly schedule: (flush: () => void) => void = (flush) => void setTimeout(flush, 25)) {}

  /** Registers a query; returns the function that unregisters it. */
  register(tables: readonly string[], reload: () => void): () => void {
    const entry: Entry = { tables: [...tables], reload };
    this.entries.add(entry);
    return () => {
      this.entries.delete(entry);
    };
  }

  notify(changedTables: readonly string[]): void {
    this.pending.push(...changedTables);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  get size(): number {
    return this.entries.size;
  }

  private flush(): void {
    const changed = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (const entry of [...this.entries]) {
      if (this.entries.has(entry) && affects(entry.tables, changed)) entry.reload();
    }
  }
}
