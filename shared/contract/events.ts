// Runs anywhere. Events main -> renderer.
import { z } from 'zod';

export const events = {
  /** a write committed; the renderer refetches queries that read these tables */
  'data.changed': z.object({ tables: z.array(z.string()) }),
  /** progress of a long job */
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    step: z.string(),
    current: z.number(),
    total: z.number().nullable(),
    done: z.boolean(),
    error: z.string().optional(),
    /** job-specific live counters, e.g. { pages, fetched, inserted, duplicates, rejected } */
    counters: z.record(z.string(), z.number()).optional(),
  }),
  'alert.raised': z.object({ id: z.number(), clientId: z.number().nullable(), title: z.string(), body: z.string() }),
  /** the desktop menu asks the window to show a main screen (a hash route from shared/ui/screen-shortcuts.ts) */
  'app.navigate': z.object({ hash: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
