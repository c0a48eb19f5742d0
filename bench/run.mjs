#!/usr/bin/env node
// `npm run bench`: runs every benchmark under bench/ on Node 22 (tsx), each figure beside a baseline
// measured in the same run, and prints one table. Machines here are noisy: read the ratios, not the times.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
// Node 22 from the devDependency, whatever Node started this script (better-sqlite3 13 needs 22+).
const node = path.join(root, 'node_modules/.bin/node');
const r = spawnSync(node, ['--import', 'tsx', path.join(root, 'bench/main.ts'), ...args], { stdio: 'inherit', cwd: root });
if (r.status === null) console.error(`bench: killed by ${r.signal}`);
process.exit(r.status ?? 1);
