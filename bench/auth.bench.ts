// `npm run bench -- auth`: what sign-in checks and the audit trail cost (issue targets in the table).
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { buildApp } from '../src/app.ts';
import { genesisHash, hashEntry, type UnhashedEntry } from '../src/modules/audit/audit.chain.ts';
import { verifyChains } from '../src/modules/audit/audit.service.ts';
import { createIdentity, identitySettings, sessionCookie } from '../src/modules/identity/identity.service.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openSecretBox } from '../src/platform/crypto/index.ts';
import { createDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { createLogger } from '../src/platform/log.ts';
import { createTempDir, formatMs, percentile, printTable } from './support.ts';

const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

export async function run(args: string[]): Promise<void> {
  const entries = Number(args.find((a) => a.startsWith('--entries='))?.slice(10) ?? 1_000_000);
  const dir = createTempDir('auth');
  const env = {
    ENAMEL_DATA_DIR: dir,
    ENAMEL_RATE_LIMIT: '0',
    ENAMEL_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
  };
  const config = loadConfig(env);
  const database = createDatabase(config);
  await migrateToLatest(database.db);
  const logger = createLogger('warn', silent);
  const deps = { db: database.db, clock: systemClock, log: logger };
  const secrets = await openSecretBox({ db: database.db, config });
  const identity = createIdentity(deps, identitySettings(config), secrets);
  const app = await buildApp({ config, database, logger, secrets, webDir: null });
  await app.ready();
  try {
    const admin = await identity.createFirstAdmin({
      dsoName: 'Bench Dental',
      displayName: 'Bench Admin',
      email: 'bench@bench.example',
      password: 'quiet harbor lantern 7',
    });
    const { token, session } = await identity.openSession(admin, 'bench', true, null);
    const headers = { cookie: `${sessionCookie}=${token}`, 'x-csrf-token': session.csrfToken };

    // 1. The session check alone, as the access hook calls it.
    for (let i = 0; i < 2_000; i++)
      await identity.authenticator.authenticate({ bearer: null, cookies: { [sessionCookie]: token } });
    const check: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const start = performance.now();
      const principal = await identity.authenticator.authenticate({
        bearer: null,
        cookies: { [sessionCookie]: token },
      });
      check.push(performance.now() - start);
      if (!principal) throw new Error('session check failed');
    }
    const session95 = stats(check).p95;

    // 2. A write request with its audit entry, against the audit entry alone.
    // A write request as a client sees it: over HTTP on loopback, keep-alive, one at a time.
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const write: number[] = [];
    for (let i = 0; i < 3_000; i++) {
      const start = performance.now();
      const response = await fetch(`${address}/api/v1/regions`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Region ${i}` }),
      });
      await response.arrayBuffer();
      write.push(performance.now() - start);
      if (response.status !== 201) throw new Error(`write failed: ${response.status}`);
    }
    // The same write transaction with and without its audit entry: the difference is what auditing adds.
    const { record } = await import('../src/modules/audit/audit.service.ts');
    const timeWrite = async (withAudit: boolean, n: number) => {
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        await database.db.transaction().execute(async (trx) => {
          const id = newId();
          const at = new Date().toISOString();
          await trx
            .insertInto('regions')
            .values({ id, dsoId: admin.dsoId, name: `R ${id}`, createdAt: at, updatedAt: at })
            .execute();
          if (withAudit) {
            await record(trx, {
              dsoId: admin.dsoId,
              actor: { type: 'user', id: admin.id, label: admin.email, ip: '127.0.0.1', userAgent: 'bench' },
              action: 'regions.create',
              resourceType: 'region',
              resourceId: id,
              occurredAt: at,
              changedFields: ['name'],
            });
          }
        });
        samples.push(performance.now() - start);
      }
      return stats(samples.slice(n / 5)).mean;
    };
    const plain = await timeWrite(false, 3_000);
    const audited = await timeWrite(true, 3_000);
    const writeMean = stats(write.slice(500)).mean;
    const auditMean = Math.max(0, audited - plain);
    const auditShare = (auditMean / (writeMean - auditMean)) * 100;

    // 3. Verify a chain of `entries` entries, written in bulk with real hashes.
    const chainKey = newId();
    let prevHash = genesisHash;
    const rows = [];
    const base = Date.parse('2026-01-01T00:00:00Z');
    process.stderr.write(`writing ${entries} audit entries...\n`);
    for (let seq = 1; seq <= entries; seq++) {
      const draft: UnhashedEntry = {
        id: newId(),
        chainKey,
        seq,
        dsoId: admin.dsoId,
        occurredAt: new Date(base + seq * 1000).toISOString(),
        actorType: 'user',
        actorId: admin.id,
        actorLabel: admin.email,
        ip: '10.0.0.8',
        userAgent: 'bench',
        action: 'people.update',
        resourceType: 'person',
        resourceId: newId(),
        outcome: 'allowed',
        changedFields: ['firstName', 'status'],
        detail: null,
        prevHash,
      };
      const hash = hashEntry(draft);
      rows.push({ ...draft, hash, changedFields: JSON.stringify(draft.changedFields), detail: null });
      prevHash = hash;
      if (rows.length === 1_500 || seq === entries) {
        await database.db.insertInto('auditEvents').values(rows.splice(0)).execute();
      }
    }
    await database.db
      .insertInto('auditChains')
      .values({ chainKey, lastSeq: entries, lastHash: prevHash })
      .execute();
    const started = performance.now();
    const [report] = await verifyChains(deps, { chainKey });
    const verifySeconds = (performance.now() - started) / 1000;
    if (report?.result.ok !== true) throw new Error(`verify failed: ${JSON.stringify(report)}`);

    printTable(
      ['measure', 'value', 'target', 'result'],
      [
        ['session check p95 (ms)', formatMs(session95), '< 1 ms', session95 < 1 ? 'PASS' : 'FAIL'],
        ['write request mean (ms)', formatMs(writeMean), '', ''],
        ['audit entry mean (ms)', formatMs(auditMean), '', ''],
        ['audit share of a write (%)', auditShare.toFixed(1), '< 10 %', auditShare < 10 ? 'PASS' : 'FAIL'],
        [
          `audit verify ${entries} entries (s)`,
          verifySeconds.toFixed(1),
          '< 30 s',
          verifySeconds < 30 ? 'PASS' : 'FAIL',
        ],
      ],
    );
  } finally {
    await app.close();
    await database.close();
    fs.rmSync(path.resolve(dir), { recursive: true, force: true });
  }
}
