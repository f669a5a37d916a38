import { describe, expect, it } from 'vitest';
import { createLruCache } from '../../src/modules/phishing/tracking/token-cache.ts';
import { createWriteQueue } from '../../src/modules/phishing/tracking/write-queue.ts';
import { createLogger } from '../../src/platform/log.ts';
import { captureStream } from '../harness/app.ts';

const log = createLogger('info', captureStream());

describe('tracking write queue (group commit)', () => {
  it('writes operations pushed together in one batch, and answers each only after its batch is written', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const writing = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const queue = createWriteQueue<number>({
      log,
      delayMs: 1,
      write: async (ops) => {
        entered();
        await gate;
        batches.push([...ops]);
      },
    });
    const answered: number[] = [];
    const pushes = [1, 2, 3].map((n) => queue.push(n).then(() => answered.push(n)));
    await writing;
    expect(answered).toEqual([]);
    release();
    await Promise.all(pushes);
    expect(batches).toEqual([[1, 2, 3]]);
    expect(answered).toEqual([1, 2, 3]);
  });

  it('starts a batch at once when it is full, and what arrives during a write forms the next batch', async () => {
    const batches: number[][] = [];
    const queue = createWriteQueue<number>({
      log,
      maxBatch: 2,
      delayMs: 10_000,
      write: async (ops) => {
        batches.push([...ops]);
      },
    });
    await Promise.all([1, 2, 3, 4].map((n) => queue.push(n)));
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    // A lone operation waits for the timer; flush writes it now.
    const lone = queue.push(5);
    await queue.flush();
    await lone;
    expect(batches.at(-1)).toEqual([5]);
  });

  it('a failing operation fails alone: the rest of its batch is written one by one', async () => {
    const written: number[] = [];
    const queue = createWriteQueue<number>({
      log,
      delayMs: 1,
      write: async (ops) => {
        if (ops.includes(13)) throw new Error('message deleted');
        written.push(...ops);
      },
    });
    const results = await Promise.allSettled([12, 13, 14].map((n) => queue.push(n)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written.sort()).toEqual([12, 14]);
  });

  it('refuses operations after close, having written the pending ones', async () => {
    const written: number[] = [];
    const queue = createWriteQueue<number>({
      log,
      delayMs: 10_000,
      write: async (ops) => void written.push(...ops),
    });
    const pending = queue.push(1);
    await queue.close();
    await pending;
    expect(written).toEqual([1]);
    await expect(queue.push(2)).rejects.toThrow('shutting down');
  });
});

describe('tracking token cache', () => {
  it('drops the least recently used entry and expires entries', () => {
    let now = 0;
    const cache = createLruCache<string>(2, 100, () => now);
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    now = 100;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });
});
