import { readFileSync, statSync } from 'node:fs';
import { CliError } from './errors.js';

/** Reads a UTF-8 file, or fails on one line naming the path. */
export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('file_not_found', `cannot read \`${path}\`: no such file`, 2, path);
    if (code === 'EISDIR') throw new CliError('unreadable_file', `cannot read \`${path}\`: it is a folder`, 2, path);
    const reason = code === undefined ? 'unknown error' : code.toLowerCase();
    throw new CliError('unreadable_file', `cannot read \`${path}\`: ${reason}`, 2, path);
  }
}

/** `file`, `folder` or `missing`. */
export function pathKind(path: string): 'file' | 'folder' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** 1-based line and column of a 0-based offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses JSON that is not a policy (a request file, a context value), failing on one line with the path and position. */
export function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const where =
      at?.[1] === undefined ? '' : (({ line, column }) => `:${line}:${column}`)(lineColumn(text, Number(at[1])));
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^./, (c) => c.toLowerCase());
    throw new CliError('invalid_json', `\`${path}\`${where}: invalid JSON: ${reason}`, 2, path);
  }
}
