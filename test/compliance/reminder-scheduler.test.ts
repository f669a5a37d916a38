import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startReminderScheduler } from '../../src/modules/compliance/compliance.scheduler.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { createLogger } from '../../src/platform/log.ts';
import { createUnconfiguredMailer } from '../../src/platform/mail/index.ts';
import { openTestDatabase } from '../harness/db.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('the server reminder scheduler', () => {
  it('schedules nothing without mail, and says so', async () => {
    const db = await openTestDatabase('sqlite');
    const { lines, log } = capture();
    const scheduler = startReminderScheduler(
      { db: db.handle.db, clock: fixedClock('2026-11-02T15:00:00.000Z'), log },
      createUnconfiguredMailer(),
      'http://localhost',
      60,
    );
    await scheduler.stop();
    expect(lines.map((line) => line.msg)).toEqual([
      'compliance reminders are not scheduled: set ENAMEL_SMTP_URL and ENAMEL_REMINDER_INTERVAL_MINUTES',
    ]);
    await db.drop();
  });

  it('logs a failed run with its error instead of crashing, and runs do not overlap', async () => {
    const db = await openTestDatabase('sqlite');
    const { lines, log } = capture();
    const deps = { db: db.handle.db, clock: fixedClock('2026-11-02T15:00:00.000Z'), log };
    let runs = 0;
    const scheduler = startReminderScheduler(
      deps,
      createUnconfiguredMailer(),
      'http://localhost',
      0,
      async () => {
        runs += 1;
        throw new Error('database unreachable');
      },
    );
    const first = scheduler.runOnce();
    expect(scheduler.runOnce()).toBe(first);
    await first;
    await scheduler.stop();
    expect(runs).toBe(1);
    const failed = lines.find((line) => line.msg === 'compliance reminders failed; retrying next run');
    expect(failed?.level).toBe(50);
    expect(JSON.stringify(failed?.err)).toContain('database unreachable');
    await db.drop();
  });
});
