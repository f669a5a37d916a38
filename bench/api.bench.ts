import fs from 'node:fs';
import { femaleFirstNames, lastNames, maleFirstNames } from '../src/modules/demo/demo.names.ts';
import { createRng } from '../src/modules/demo/demo.random.ts';
import {
  benchEnv,
  createApiToken,
  createTempDir,
  formatMs,
  type LoadResult,
  load,
  numberOptions,
  printTable,
  type RunningServer,
  runEnamel,
  startServer,
  timed,
} from './support.ts';

/**
 * Target: with `enamel demo --practices 500` on SQLite, GET /api/v1/people?search=... and GET /api/v1/practices
 * answer p95 < 25 ms at >= 1,500 requests/s, and a 50,000-row people CSV imports in < 10 s.
 */
const targets = { p95Ms: 25, requestsPerSecond: 1500, importSeconds: 10 } as const;

/** Fragments of common surnames, so every search matches a realistic share of people. */
const searchTerms = ['son', 'ez', 'ng', 'an', 'lee', 'mar', 'patel', 'ra', 'ill', 'kim', 'ton', 'er'];

/** What the benchmark's API token may do. */
const tokenScopes = ['people:read', 'practices:read', 'people:import'];

/** The server and the headers that authenticate a request to it (an API token of the demo DSO). */
interface Api {
  readonly url: string;
  readonly headers: Record<string, string>;
}

function settingsFrom(args: string[]) {
  return numberOptions(args, { practices: 500, seconds: 10, warmup: 3, connections: 10, rows: 50000 });
}
type Settings = ReturnType<typeof settingsFrom>;

export async function run(args: string[]): Promise<void> {
  const settings = settingsFrom(args);
  const dataDir = createTempDir('api');
  const env = benchEnv(dataDir);
  let server: RunningServer | undefined;
  let passed = true;
  try {
    console.log(
      `api bench: ${settings.practices} practices, ${settings.connections} connections, ${settings.seconds} s per endpoint`,
    );
    const demo = await timed(() =>
      runEnamel(['demo', '--practices', String(settings.practices), '--json'], env),
    );
    const summary = JSON.parse(demo.value) as { people: number; dso: { id: string; domains: string[] } };
    console.log(
      `demo: ${summary.people} people written in ${demo.seconds.toFixed(2)} s (including process start)`,
    );
    const headers = await createApiToken(dataDir, summary.dso.id, tokenScopes);
    server = await startServer(env);
    console.log(`server: pid ${server.pid} at ${server.url}\n`);
    const api: Api = { url: server.url, headers };
    passed = (await benchReads(api, settings)) && passed;
    const practiceNames = await allPracticeNames(api);
    passed =
      (await benchImport(api, settings, practiceNames, summary.dso.domains[0] ?? 'dental.example')) && passed;
    await benchReadsAfterImport(api, settings);
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(passed ? '\nAll targets met.' : '\nSome targets were missed.');
  if (!passed) process.exitCode = 1;
}

// Reads ---------------------------------------------------------------------------------------------

const endpoints = [
  {
    name: 'GET /api/v1/people?search=<term>',
    paths: searchTerms.map((term) => `/api/v1/people?search=${term}`),
  },
  { name: 'GET /api/v1/practices', paths: ['/api/v1/practices'] },
];

/**
 * The same endpoints with more distinct queries than the server's read cache holds (1,000 entries, least
 * recently used first out), so every request misses it: the cost of a read whose answer is not cached.
 */
const limits = Array.from({ length: 171 }, (_, i) => 30 + i);
const practiceSorts = ['name', '-name', 'state', '-state', 'createdAt', '-createdAt'];
const uncachedEndpoints = [
  {
    name: 'GET /api/v1/people?search=<term> (uncached)',
    paths: searchTerms.flatMap((term) =>
      limits.map((limit) => `/api/v1/people?search=${term}&limit=${limit}`),
    ),
  },
  {
    name: 'GET /api/v1/practices (uncached)',
    paths: practiceSorts.flatMap((sort) =>
      limits.map((limit) => `/api/v1/practices?sort=${sort}&limit=${limit}`),
    ),
  },
];

async function measure(api: Api, paths: readonly string[], settings: Settings): Promise<LoadResult> {
  const options = { url: api.url, paths, connections: settings.connections, headers: api.headers };
  // Warm-up: JIT, SQLite page cache and statement cache, with results thrown away.
  await load({ ...options, seconds: settings.warmup });
  return load({ ...options, seconds: settings.seconds });
}

function meetsTarget(result: LoadResult): boolean {
  return (
    result.p95 < targets.p95Ms &&
    result.requestsPerSecond >= targets.requestsPerSecond &&
    result.non2xx === 0 &&
    result.errors === 0
  );
}

function loadRow(name: string, result: LoadResult, withTarget: boolean): string[] {
  return [
    name,
    result.requestsPerSecond.toFixed(0),
    formatMs(result.p50),
    formatMs(result.p95),
    formatMs(result.p99),
    String(result.non2xx + result.errors),
    withTarget ? `p95<${targets.p95Ms} & >=${targets.requestsPerSecond}/s` : '(info)',
    withTarget ? (meetsTarget(result) ? 'PASS' : 'FAIL') : '',
  ];
}

const loadHeaders = ['endpoint', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'target', 'result'];

async function benchReads(api: Api, settings: Settings): Promise<boolean> {
  const rows: string[][] = [];
  let passed = true;
  for (const endpoint of endpoints) {
    const result = await measure(api, endpoint.paths, settings);
    rows.push(loadRow(endpoint.name, result, true));
    passed = meetsTarget(result) && passed;
  }
  for (const endpoint of uncachedEndpoints) {
    rows.push(loadRow(endpoint.name, await measure(api, endpoint.paths, settings), false));
  }
  console.log('Reads (latency of every 2xx response; errors = non-2xx + socket errors + timeouts):');
  console.log("Repeated reads are answered from the read cache, valid until the DSO's data changes; the");
  console.log(
    '(uncached) rows cycle through more distinct queries than it holds, so each one hits the database.',
  );
  printTable(loadHeaders, rows);
  return passed;
}

/** The same reads once the import has grown the DSO to about 57,000 people: no target, for the trend. */
async function benchReadsAfterImport(api: Api, settings: Settings): Promise<void> {
  const rows: string[][] = [];
  for (const endpoint of endpoints) {
    rows.push(loadRow(endpoint.name, await measure(api, endpoint.paths, settings), false));
  }
  console.log('\nReads after the import (informational):');
  printTable(loadHeaders, rows);
}

// Import --------------------------------------------------------------------------------------------

async function allPracticeNames(api: Api): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${api.url}/api/v1/practices?limit=200${query}`, { headers: api.headers });
    if (!response.ok) throw new Error(`GET /api/v1/practices answered ${response.status}`);
    const page = (await response.json()) as { items: { name: string }[]; nextCursor: string | null };
    names.push(...page.items.map((item) => item.name));
    cursor = page.nextCursor;
  } while (cursor);
  return names;
}

const importRoles = [
  'dentist',
  'hygienist',
  'hygienist',
  'assistant',
  'assistant',
  'assistant',
  'front_desk',
  'billing',
];

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A valid roster of new people spread over the demo's practices; seeded, so every run sends the same file. */
export function buildImportCsv(rows: number, practiceNames: readonly string[], domain: string): string {
  const rng = createRng(2026);
  const lines = ['email,firstName,lastName,jobRole,practices,hireDate,terminationDate,tags'];
  for (let i = 0; i < rows; i++) {
    const firstName = rng.pick(rng.chance(0.8) ? femaleFirstNames : maleFirstNames);
    const lastName = rng.pick(lastNames);
    const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.-]/g, '');
    const practices = rng.chance(0.1)
      ? [rng.pick(practiceNames), rng.pick(practiceNames)]
      : [rng.pick(practiceNames)];
    const year = rng.int(2012, 2025);
    const hireDate = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const terminationDate = rng.chance(0.02) ? `${year + 1}-06-30` : '';
    const tags = rng.chance(0.1) ? 'part-time' : '';
    const fields = [`${local}.${i}@${domain}`, firstName, lastName, rng.pick(importRoles)];
    lines.push(
      [...fields, [...new Set(practices)].join(';'), hireDate, terminationDate, tags].map(csvField).join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

interface ImportAnswer {
  rows: number;
  summary: { create: number; update: number; terminate: number; unchanged: number };
}

async function postImport(api: Api, csv: string, dryRun: boolean): Promise<ImportAnswer> {
  const response = await fetch(`${api.url}/api/v1/people/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { ...api.headers, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`import answered ${response.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body) as ImportAnswer;
}

async function benchImport(api: Api, settings: Settings, practiceNames: readonly string[], domain: string) {
  const csv = buildImportCsv(settings.rows, practiceNames, domain);
  const megabytes = (Buffer.byteLength(csv) / 1024 / 1024).toFixed(1);
  const dry = await timed(() => postImport(api, csv, true));
  const real = await timed(() => postImport(api, csv, false));
  const created = (answer: ImportAnswer) => answer.summary.create === settings.rows;
  const rows = [
    ['POST /api/v1/people/import?dryRun=true', dry, created(dry.value)] as const,
    ['POST /api/v1/people/import', real, created(real.value)] as const,
  ].map(([name, outcome, ok]) => {
    const pass = ok && outcome.seconds < targets.importSeconds;
    return [
      name,
      String(outcome.value.rows),
      outcome.seconds.toFixed(2),
      `<${targets.importSeconds} s`,
      pass ? 'PASS' : 'FAIL',
    ];
  });
  console.log(`\nImport of ${settings.rows} new people (${megabytes} MB of CSV), end to end:`);
  printTable(['request', 'rows', 'seconds', 'target', 'result'], rows);
  return rows.every((row) => row[4] === 'PASS');
}
