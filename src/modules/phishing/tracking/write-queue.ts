import type { Logger } from '../../../platform/log.ts';

/**
 * Group commit: operations pushed within a few milliseconds are written together in one transaction, and
 * each push resolves only once the transaction holding it has committed, so an answered request is durable.
 */
export interface WriteQueue<Op> {
  /** Resolves when the operation is committed; rejects when it could not be written. */
  push(op: Op): Promise<void>;
  /** Writes what is pending and waits for it. */
  flush(): Promise<void>;
  /** Flushes and refuses further operations. */
  close(): Promise<void>;
}

export interface WriteQueueOptions<Op> {
  /** Writes the operations in one transaction (all or none). */
  readonly write: (ops: readonly Op[]) => Promise<void>;
  readonly log: Logger;
  /** A batch is written at once when this many operations wait. */
  readonly maxBatch?: number;
  /** Otherwise the first waiting operation waits at most this long for others to join it. */
  readonly delayMs?: number;
}

interface Pending<Op> {
  readonly op: Op;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export function createWriteQueue<Op>(options: WriteQueueOptions<Op>): WriteQueue<Op> {
  const maxBatch = options.maxBatch ?? 500;
  const delayMs = options.delayMs ?? 2;
  let pending: Pending<Op>[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  async function writeBatch(batch: Pending<Op>[]): Promise<void> {
    try {
      await options.write(batch.map((item) => item.op));
      for (const item of batch) item.resolve();
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      options.log.warn(
        { err: error, size: batch.length },
        'tracking batch failed; writing its events one by one',
      );
    }
    // One bad operation (a message deleted meanwhile) must not lose the others.
    for (const item of batch) {
      try {
        await options.write([item.op]);
        item.resolve();
      } catch (error) {
        item.reject(error);
      }
    }
  }

  function schedule(): void {
    if (running || pending.length === 0) return;
    if (pending.length >= maxBatch) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      start();
    } else {
      timer ??= setTimeout(() => {
        timer = undefined;
        start();
      }, delayMs);
    }
  }

  function start(): void {
    if (running || pending.length === 0) return;
    const batch = pending.slice(0, maxBatch);
    pending = pending.slice(batch.length);
    running = writeBatch(batch).finally(() => {
      running = undefined;
      // What arrived during the write has waited already: write it now.
      if (pending.length > 0) start();
    });
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (running || pending.length > 0) {
      start();
      await running;
    }
  }

  return {
    push(op) {
      if (closed) return Promise.reject(new Error('The tracking server is shutting down.'));
      return new Promise<void>((resolve, reject) => {
        pending.push({ op, resolve, reject });
        schedule();
      });
    },
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
