/**
 * A concurrency cap with a short, bounded waiting line. Speech work spawns processes
 * (pocketsphinx per commit, espeak-ng and sox per reply); without a cap, 50 tiny
 * `response.create` events once ran 100 processes at once on a two-core kiosk. Work past
 * the line's length is refused at once, so callers can answer with an error event.
 */

export class WorkRefusedError extends Error {
  readonly reason: 'busy' | 'aborted';
  constructor(reason: 'busy' | 'aborted', message: string) {
    super(message);
    this.name = 'WorkRefusedError';
    this.reason = reason;
  }
}

/** Told of the line's length and of each task's wait and run, for the server's metrics. */
export interface WorkObserver {
  changed(running: number, queued: number): void;
  finished(waitSeconds: number, runSeconds: number, result: 'ok' | 'failed'): void;
  refused(): void;
}

interface Waiter {
  start: () => void;
  refuse: (error: WorkRefusedError) => void;
}

export class WorkLimiter {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly name: string,
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly observer?: WorkObserver,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`${name}: concurrency must be a whole number of at least 1`);
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Runs the task once a slot is free. The slot is held until the task settles, so a
   * task that owns a child process should settle only when the child has exited.
   * An abort while waiting leaves the line; an abort while running is the task's to honour.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const queuedAt = performance.now();
    try {
      await this.acquire(signal);
    } catch (error) {
      this.observer?.refused();
      throw error;
    } finally {
      this.observer?.changed(this.running, this.waiting.length);
    }
    const startedAt = performance.now();
    let result: 'ok' | 'failed' = 'failed';
    try {
      const value = await task();
      result = 'ok';
      return value;
    } finally {
      this.release();
      this.observer?.finished((startedAt - queuedAt) / 1000, (performance.now() - startedAt) / 1000, result);
    }
  }

  private acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new WorkRefusedError('aborted', `${this.name}: cancelled`));
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) {
      return Promise.reject(new WorkRefusedError('busy', `${this.name}: ${this.running} running and ${this.waiting.length} waiting; try again shortly`));
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new WorkRefusedError('aborted', `${this.name}: cancelled`));
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running += 1;
          resolve();
        },
        refuse: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.observer?.changed(this.running, this.waiting.length);
    });
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.start();
    this.observer?.changed(this.running, this.waiting.length);
  }
}
