import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { BENCH_DIR, REPO_DIR } from '../paths.js';

function packageVersion(dir: string): string | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? null;
}

/** The version of a dependency of `bench`, or of a package a dependency resolves (`rxdb`'s own dexie). */
export function dependencyVersion(name: string, from: string = BENCH_DIR): string {
  try {
    let dir = dirname(createRequire(join(from, 'package.json')).resolve(name));
    while (dir !== dirname(dir)) {
      const file = join(dir, 'package.json');
      if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === name)
        return packageVersion(dir) ?? '?';
      dir = dirname(dir);
    }
  } catch {
    // Not installed: say so below.
  }
  return 'not installed';
}

function rxdbDir(): string | null {
  const link = resolve(BENCH_DIR, 'node_modules/rxdb');
  return existsSync(link) ? realpathSync(link) : null;
}

function git(args: readonly string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** Lines describing where and with what a run was made. */
export function machineLines(extra: readonly string[] = []): string[] {
  const cpus = os.cpus();
  const rx = rxdbDir();
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'packages']) !== '';
  return [
    `Date: ${new Date().toISOString()}`,
    `Machine: ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 1024 ** 3)} GiB memory, ${os.type()} ${os.release()}`,
    `Load average (1/5/15 min) at start: ${loadAverage()}`,
    `Node ${process.version}; dexie ${dependencyVersion('dexie')}; fake-indexeddb ${dependencyVersion('fake-indexeddb')}; rxdb ${dependencyVersion('rxdb')} (its dexie ${rx === null ? 'n/a' : dependencyVersion('dexie', rx)}); rxjs ${dependencyVersion('rxjs')}`,
    `Code: commit ${commit || 'unknown'}${dirty ? ' with uncommitted changes under packages/' : ''}`,
    ...extra,
  ];
}
