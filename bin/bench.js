#!/usr/bin/env node
// Runs one benchmark, bench/<name>.bench.ts, through tsx: `npm run bench -- <name> [options]`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const suffix = '.bench.ts';
const available = fs
  .readdirSync(benchDir)
  .filter((file) => file.endsWith(suffix))
  .map((file) => file.slice(0, -suffix.length))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (name === undefined || !available.includes(name)) {
  const problem = name === undefined ? 'No benchmark named.' : `Unknown benchmark "${name}".`;
  console.error(`${problem} Usage: npm run bench -- <name> [options]\nAvailable: ${available.join(', ')}`);
  process.exitCode = 2;
} else {
  register();
  const { run } = await import(pathToFileURL(path.join(benchDir, `${name}${suffix}`)).href);
  await run(args);
}
