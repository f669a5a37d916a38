import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendRemediationReminders } from '../../src/modules/compliance/risks/remediation.reminders.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import { createSmtpMailer, createUnconfiguredMailer, SmtpUrl } from '../../src/platform/mail/index.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';

const now = '2026-11-02T15:00:00.000Z';

/** An active user of the DSO with a known email, to own tasks or receive escalations. */
async function addUser(handle: DatabaseHandle, dsoId: string, role: string, name: string) {
  const id = newId();
  const email = `${name.toLowerCase()}.${id.slice(-6)}@bright.example`;
  await handle.db
    .insertInto('users')
    .values({
      id,
      dsoId,
      personId: null,
      email,
      displayName: name,
      role,
      status: 'active',
      passwordHash: null,
      passwordChangedAt: null,
      mfaSecret: null,
      mfaEnabledAt: now,
      mfaLastStep: null,
      recoveryCodes: '[]',
      expiresAt: null,
      lastSignInAt: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { id, email };
}

const risk = {
  title: 'Imaging PC runs an unsupported system',
  threat: 'Ransomware',
  vulnerability: 'Unsupported operating system',
  assetGroup: 'Imaging workstations',
  likelihood: 'medium',
  impact: 'high',
};

describeEachDialect('remediation tasks API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let otherDsoId: string;
  let practiceA: string;
  let practiceB: string;
  let admin: AuthHeaders;
  let ownerId: string;

  const call = async (method: string, url: string, payload?: object, headers?: AuthHeaders) =>
    app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: headers ?? admin,
      ...(payload ? { payload } : {}),
    });
  const newRisk = async (practiceId: string | null = null, headers = admin) =>
    (await call('POST', '/compliance/risks', { ...risk, practiceId }, headers)).json().id as string;

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    otherDsoId = (await buildDso(deps)).id;
    practiceA = (await buildPractice(deps, dsoId, { name: 'Alder Dental' })).id;
    practiceB = (await buildPractice(deps, dsoId, { name: 'Birch Dental' })).id;
    admin = await authAs(get().handle, dsoId);
    ownerId = (await addUser(get().handle, dsoId, 'it_admin', 'Robin')).id;
  });

  it('creates a task linked to risks and controls, then completes it', async () => {
    const riskId = await newRisk();
    const created = await call('POST', '/compliance/tasks', {
      title: 'Replace the imaging PC in room 2',
      description: 'Move the sensor software to a supported workstation.',
      ownerUserId: ownerId,
      dueDate: '2026-12-15',
      riskIds: [riskId],
      controlIds: ['mfa-email'],
    });
    expect(created.statusCode).toBe(201);
    const task = created.json();
    expect(task).toMatchObject({
      status: 'open',
      overdue: false,
      owner: { id: ownerId, displayName: 'Robin' },
      riskIds: [riskId],
      risks: [{ id: riskId, level: 'high' }],
      controls: [{ id: 'mfa-email', title: 'MFA on email' }],
      completedAt: null,
    });
    const started = await call('PATCH', `/compliance/tasks/${task.id}`, { status: 'in_progress' });
    expect(started.json()).toMatchObject({ status: 'in_progress', completedAt: null });
    const done = await call('PATCH', `/compliance/tasks/${task.id}`, { status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', completedAt: now });
    const byRisk = (await call('GET', `/compliance/tasks?riskId=${riskId}`)).json().items;
    expect(byRisk.map((t: { id: string }) => t.id)).toEqual([task.id]);
    const events = (await call('GET', '/audit-events?limit=200')).json().items;
    const actions = events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['remediationTasks.create', 'remediationTasks.update']));
  });

  it('refuses unknown owners, risks, controls and bad values, naming them', async () => {
    const strangerRisk = await newRisk(null, await authAs(get().handle, otherDsoId));
    const unknown = '01900000-0000-7000-8000-00000000abcd';
    const base = { title: 'Patch the server', dueDate: '2026-12-01' };
    const cases: [object, string][] = [
      [{ ...base, controlIds: ['mfa-email', 'no-such-control'] }, 'no-such-control'],
      [{ ...base, riskIds: [unknown] }, unknown],
      [{ ...base, riskIds: [strangerRisk] }, strangerRisk],
      [{ ...base, ownerUserId: unknown }, unknown],
      [{ ...base, status: 'finished' }, 'status'],
      [{ ...base, dueDate: '2026-13-01' }, 'dueDate'],
      [{ title: '', dueDate: '2026-12-01' }, 'title'],
      [{ ...base, practiceId: unknown }, unknown],
    ];
    for (const [payload, named] of cases) {
      const response = await call('POST', '/compliance/tasks', payload);
      expect([named, response.statusCode]).toEqual([named, 400]);
      expect(JSON.stringify(response.json().error)).toContain(named);
    }
    const id = (await call('POST', '/compliance/tasks', base)).json().id;
    const patched = await call('PATCH', `/compliance/tasks/${id}`, { controlIds: ['nope'] });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.message).toContain('"nope"');
    expect((await call('GET', '/compliance/tasks?overdue=maybe')).statusCode).toBe(400);
  });

  it('filters overdue tasks by the clock and by status', async () => {
    const late = (await call('POST', '/compliance/tasks', { title: 'Late', dueDate: '2026-10-01' })).json();
    const cancelled = (
      await call('POST', '/compliance/tasks', {
        title: 'Dropped',
        dueDate: '2026-10-01',
        status: 'cancelled',
      })
    ).json();
    expect(late.overdue).toBe(true);
    expect(cancelled.overdue).toBe(false);
    const overdue = (await call('GET', '/compliance/tasks?overdue=true&limit=200')).json().items;
    expect(overdue.map((t: { id: string }) => t.id)).toEqual([late.id]);
    const notOverdue = (await call('GET', '/compliance/tasks?overdue=false&limit=200')).json().items;
    expect(notOverdue.map((t: { id: string }) => t.id)).toContain(cancelled.id);
    expect(notOverdue.map((t: { id: string }) => t.id)).not.toContain(late.id);
    const byStatus = (await call('GET', '/compliance/tasks?status=cancelled')).json().items;
    expect(byStatus.map((t: { id: string }) => t.id)).toEqual([cancelled.id]);
  });

  it('keeps a practice manager to their practices’ tasks', async () => {
    const pm = await authAs(get().handle, dsoId, 'practice_manager', [practiceA]);
    const mine = (
      await call('POST', '/compliance/tasks', {
        title: 'Alder',
        dueDate: '2026-12-01',
        practiceId: practiceA,
      })
    ).json();
    const theirs = (
      await call('POST', '/compliance/tasks', {
        title: 'Birch',
        dueDate: '2026-12-01',
        practiceId: practiceB,
      })
    ).json();
    const wide = (
      await call('POST', '/compliance/tasks', { title: 'Everyone', dueDate: '2026-12-01' })
    ).json();
    const seen = (await call('GET', '/compliance/tasks?limit=200', undefined, pm)).json().items;
    expect(seen.map((t: { id: string }) => t.id)).toEqual([mine.id]);
    expect((await call('GET', `/compliance/tasks/${theirs.id}`, undefined, pm)).statusCode).toBe(404);
    expect((await call('GET', `/compliance/tasks/${wide.id}`, undefined, pm)).statusCode).toBe(404);
    const patchTheirs = await call('PATCH', `/compliance/tasks/${theirs.id}`, { status: 'done' }, pm);
    expect(patchTheirs.statusCode).toBe(404);
    const createTheirs = await call(
      'POST',
      '/compliance/tasks',
      { title: 'Birch', dueDate: '2026-12-01', practiceId: practiceB },
      pm,
    );
    expect(createTheirs.statusCode).toBe(400);
    const birchRisk = await newRisk(practiceB);
    const linkTheirs = await call(
      'POST',
      '/compliance/tasks',
      { title: 'Alder', dueDate: '2026-12-01', practiceId: practiceA, riskIds: [birchRisk] },
      pm,
    );
    expect(linkTheirs.statusCode).toBe(400);
    expect(linkTheirs.json().error.message).toContain(birchRisk);
    const ok = await call('PATCH', `/compliance/tasks/${mine.id}`, { status: 'in_progress' }, pm);
    expect(ok.statusCode).toBe(200);
  });
});

describeEachDialect('remediation reminders', (get) => {
  let peer: SmtpPeer;
  let app: FastifyInstance;

  beforeAll(async () => {
    peer = await startSmtpPeer();
    ({ app } = await createTestApp(get().handle));
  });
  afterAll(async () => {
    await app.close();
    await peer.close();
  });

  it('reminds owners once a day and escalates overdue tasks once to the security officers', async () => {
    const handle = get().handle;
    const deps = testDeps(handle);
    const dsoId = (await buildDso(deps)).id;
    const plainDsoId = (await buildDso(deps)).id;
    const officer = await addUser(handle, dsoId, 'security_officer', 'Sam');
    await addUser(handle, dsoId, 'dso_admin', 'Ada');
    const owner1 = await addUser(handle, dsoId, 'it_admin', 'Olu');
    const owner2 = await addUser(handle, dsoId, 'practice_manager', 'Oona');
    const plainAdmin = await addUser(handle, plainDsoId, 'dso_admin', 'Pia');
    const admin = await authAs(handle, dsoId);
    const add = async (headers: AuthHeaders, task: object) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/compliance/tasks',
        headers,
        payload: task,
      });
      expect(response.statusCode).toBe(201);
    };
    await add(admin, { title: 'Soon', dueDate: '2026-11-05', ownerUserId: owner1.id });
    await add(admin, { title: 'In a week', dueDate: '2026-11-09', ownerUserId: owner1.id });
    await add(admin, { title: 'Later', dueDate: '2026-11-20', ownerUserId: owner2.id });
    await add(admin, { title: 'Late', dueDate: '2026-10-30', ownerUserId: owner2.id });
    await add(admin, { title: 'Finished', dueDate: '2026-11-03', ownerUserId: owner1.id, status: 'done' });
    await add(admin, { title: 'Nobody’s', dueDate: '2026-11-01' });
    await add(await authAs(handle, plainDsoId), { title: 'Plain late', dueDate: '2026-10-15' });

    const clock = fixedClock(now);
    const runDeps = { ...deps, clock };
    const mailer = createSmtpMailer({
      url: SmtpUrl.parse(peer.url) as SmtpUrl,
      from: 'security@bright.example',
    });
    try {
      const first = await sendRemediationReminders(runDeps, mailer, 'https://enamel.bright.example/');
      expect(first).toEqual({ sent: 2, escalated: 3 });
      await peer.message(4);
      const to = (address: string) => peer.messages.filter((m) => m.envelopeTo.includes(address));
      expect(to(owner1.email)).toHaveLength(1);
      expect(to(owner1.email)[0]?.text).toContain('Soon (due 2026-11-05)');
      expect(to(owner1.email)[0]?.text).toContain('In a week (due 2026-11-09)');
      expect(to(owner1.email)[0]?.text).not.toContain('Finished');
      expect(to(owner1.email)[0]?.text).toContain('https://enamel.bright.example/compliance/remediation');
      expect(to(owner2.email)[0]?.text).toContain('Late (overdue since 2026-10-30)');
      expect(to(owner2.email)[0]?.text).not.toContain('Later');
      const escalation = to(officer.email)[0];
      expect(escalation?.subject).toBe('Overdue remediation tasks: 2');
      expect(escalation?.text).toContain('Nobody’s');
      expect(to(plainAdmin.email)[0]?.text).toContain('Plain late');
      // Sam alone in the first DSO (a security officer exists); both administrators in the second.
      expect(peer.messages).toHaveLength(5);

      // The same day again: nothing new.
      expect(await sendRemediationReminders(runDeps, mailer, 'https://enamel.bright.example')).toEqual({
        sent: 0,
        escalated: 0,
      });
      // The next day: owners hear again; escalations stay done.
      clock.set('2026-11-03T08:00:00.000Z');
      expect(await sendRemediationReminders(runDeps, mailer, 'https://enamel.bright.example')).toEqual({
        sent: 2,
        escalated: 0,
      });
      await peer.message(6);
      expect(peer.messages).toHaveLength(7);
    } finally {
      await mailer.close();
    }

    // Without mail, nothing due sends nothing; something due fails loudly.
    const unconfigured = createUnconfiguredMailer();
    expect(await sendRemediationReminders(runDeps, unconfigured, 'https://x.example')).toEqual({
      sent: 0,
      escalated: 0,
    });
    clock.set('2026-11-04T08:00:00.000Z');
    await expect(sendRemediationReminders(runDeps, unconfigured, 'https://x.example')).rejects.toMatchObject({
      code: 'MAIL_NOT_CONFIGURED',
    });
  });
});
