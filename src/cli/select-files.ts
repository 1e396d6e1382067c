import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import micromatch from 'micromatch';
import { CliError } from './errors.js';
import { pathKind } from './files.js';

/** Folders never walked into. */
const SKIPPED = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) walk(path, out);
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * Expands the CLI's file arguments: a file stands for itself, a folder for every `.json` file below it, anything
 * else is a glob matched with micromatch against the files below its static base (our own walk: no shell expansion
 * needed, so quoted globs work everywhere). A glob that matches nothing is an error, not silence. Order is stable and
 * duplicates are dropped.
 */
export function selectFiles(args: readonly string[], cwd: string): string[] {
  const selected: string[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    const key = toPosix(path);
    if (!seen.has(key)) {
      seen.add(key);
      selected.push(key);
    }
  };
  for (const arg of args) {
    const absolute = (p: string): string => (p.startsWith('/') ? p : join(cwd, p));
    const kind = pathKind(absolute(arg));
    if (kind === 'file') {
      add(arg);
      continue;
    }
    if (kind === 'folder') {
      const found: string[] = [];
      walk(absolute(arg), found);
      const json = found.filter((p) => p.endsWith('.json'));
      if (json.length === 0) throw new CliError('no_files', `\`${arg}\` holds no \`.json\` file`, 2, arg);
      for (const p of json) add(arg.startsWith('/') ? p : relative(cwd, p));
      continue;
    }
    const scan = micromatch.scan(arg);
    if (!scan.isGlob) throw new CliError('file_not_found', `cannot read \`${arg}\`: no such file`, 2, arg);
    const base = scan.base === '' ? '.' : scan.base;
    const found: string[] = [];
    walk(absolute(base), found);
    const candidates = found.map((p) => toPosix(arg.startsWith('/') ? p : relative(cwd, p)));
    const matches = micromatch(candidates, arg.replace(/^\.\//, ''));
    if (matches.length === 0) throw new CliError('no_files', `\`${arg}\` matches no file`, 2, arg);
    for (const p of matches) add(p);
  }
  return selected;
}
