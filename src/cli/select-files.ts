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

/** A file a folder walk passed over, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

/** What one file argument stands for. */
export interface SelectedArgument {
  /** The files, relative to `cwd` unless the argument is absolute, in POSIX form. */
  readonly files: readonly string[];
  /** True for a folder or a glob: its files were not named one by one. */
  readonly walked: boolean;
  /** Files below a folder that are not `.json`, so that nothing is passed over silently. */
  readonly skipped: readonly SkippedFile[];
}

/**
 * Expands one file argument: a file stands for itself, a folder for every `.json` file below it (the others are
 * listed as skipped), anything else is a glob matched with micromatch against the files below its static base (our
 * own walk: no shell expansion needed, so quoted globs work everywhere). A glob that matches nothing is an error, not
 * silence. Order is stable.
 */
export function selectArgument(arg: string, cwd: string): SelectedArgument {
  const absolute = (p: string): string => (p.startsWith('/') ? p : join(cwd, p));
  const shown = (p: string): string => toPosix(arg.startsWith('/') ? p : relative(cwd, p));
  const kind = pathKind(absolute(arg));
  if (kind === 'file') return { files: [arg], walked: false, skipped: [] };
  if (kind === 'folder') {
    const found: string[] = [];
    walk(absolute(arg), found);
    const json = found.filter((p) => p.endsWith('.json'));
    if (json.length === 0) throw new CliError('no_files', `\`${arg}\` holds no \`.json\` file`, 2, arg);
    const skipped = found
      .filter((p) => !p.endsWith('.json'))
      .map((p) => ({ path: shown(p), reason: 'not a `.json` file: name it to check it' }));
    return { files: json.map(shown), walked: true, skipped };
  }
  const scan = micromatch.scan(arg);
  if (!scan.isGlob) throw new CliError('file_not_found', `cannot read \`${arg}\`: no such file`, 2, arg);
  const base = scan.base === '' ? '.' : scan.base;
  const found: string[] = [];
  walk(absolute(base), found);
  const matches = micromatch(found.map(shown), arg.replace(/^\.\//, ''));
  if (matches.length === 0) throw new CliError('no_files', `\`${arg}\` matches no file`, 2, arg);
  return { files: matches, walked: true, skipped: [] };
}

/** Expands the CLI's file arguments (see {@link selectArgument}), dropping duplicates. */
export function selectFiles(args: readonly string[], cwd: string): string[] {
  const selected: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    for (const path of selectArgument(arg, cwd).files) {
      const key = toPosix(path);
      if (!seen.has(key)) {
        seen.add(key);
        selected.push(key);
      }
    }
  }
  return selected;
}
