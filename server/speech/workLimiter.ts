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
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
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
    });
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.start();
  }
}
