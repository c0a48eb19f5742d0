// Runs in main. Long jobs: start returns an id at once, progress is published as typed `job.progress`
// events (throttled), cancel goes through an AbortController, and shutdown waits for jobs to stop.
import type { EventPayload } from '../../shared/contract/events';
import type { EventBus } from '../services/event-bus';
import type { Logger } from '../services/logger';

export type JobProgress = Omit<EventPayload<'job.progress'>, 'jobId' | 'kind' | 'done'>;

export interface JobControl {
  readonly signal: AbortSignal;
  /** publish progress; throttled to one event per `throttleMs` except the last */
  progress(p: JobProgress): void;
}

export interface RunningJob {
  id: string;
  kind: string;
  startedAt: Date;
  last: JobProgress | null;
}

export class JobRegistry {
  private readonly jobs = new Map<string, { info: RunningJob; controller: AbortController; done: Promise<void> }>();

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly throttleMs = 150,
  ) {}

  /** Starts `fn` in the background under `id` (unique while running). Returns false if a job with that id runs already. */
  start(id: string, kind: string, fn: (ctl: JobControl) => Promise<JobProgress & { error?: string }>): boolean {
    if (this.jobs.has(id)) return false;
    const controller = new AbortController();
    const info: RunningJob = { id, kind, startedAt: new Date(), last: null };
    let lastEmit = 0;
    const emit = (p: JobProgress, done: boolean) => {
      info.last = p;
      const now = Date.now();
      if (!done && now - lastEmit < this.throttleMs) return;
      lastEmit = now;
      this.bus.emit('job.progress', { jobId: id, kind, done, ...p });
    };
    const done = (async () => {
      try {
        const final = await fn({ signal: controller.signal, progress: (p) => emit(p, false) });
        emit(final, true);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.error(`Job ${id} crashed`, { error: err instanceof Error ? err.stack : message });
        emit({ ...(info.last ?? { step: 'failed', current: 0, total: null }), error: `Meterbook hit an internal error: ${message}` }, true);
      } finally {
        this.jobs.delete(id);
      }
    })();
    this.jobs.set(id, { info, controller, done });
    return true;
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job) return false;
    job.controller.abort(new Error('cancelled'));
    return true;
  }

  isRunning(id: string): boolean {
    return this.jobs.has(id);
  }

  running(): RunningJob[] {
    return [...this.jobs.values()].map((j) => j.info);
  }

  /** Resolves when the job (if running) has finished. */
  async wait(id: string): Promise<void> {
    await this.jobs.get(id)?.done;
  }

  /** Cancels every job and waits for them to stop (app shutdown). */
  async shutdown(): Promise<void> {
    const all = [...this.jobs.values()];
    for (const j of all) j.controller.abort(new Error('shutdown'));
    await Promise.allSettled(all.map((j) => j.done));
  }
}
