import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-cache-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('read cache', () => {
  it('answers a change made by another process (another connection) on the next read', async () => {
    const file = path.join(dir, 'enamel.db');
    const server = createDatabase({ dataDir: dir, sqliteFile: file });
    await migrateToLatest(server.db);
    const { app } = await createTestApp(server);
    const dso = await buildDso(testDeps(server));
    await buildPractice(testDeps(server), dso.id, { name: 'First Dental' });
    const headers = await authAs(server, dso.id);
    const names = async () =>
      (await app.inject({ url: '/api/v1/practices', headers }))
        .json()
        .items.map((p: { name: string }) => p.name);
    expect(await names()).toEqual(['First Dental']);
    expect(await names()).toEqual(['First Dental']);

    // A second connection, as `enamel import` or another server would use.
    const cli = createDatabase({ dataDir: dir, sqliteFile: file });
    await buildPractice(testDeps(cli), dso.id, { name: 'Second Dental' });
    await cli.close();
    expect(await names()).toEqual(['First Dental', 'Second Dental']);
    await app.close();
    await server.close();
  });
});
