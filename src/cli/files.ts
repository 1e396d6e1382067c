import { readFileSync, statSync } from 'node:fs';
import { readJson } from '../parser/json-reader.js';
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

/**
 * Parses JSON that is not a policy (a request file), failing on one line with the path, line and column. The
 * position and wording come from the parser's position-tracking reader, which Node's `JSON.parse` lacks.
 */
export function parseJsonFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const first = readJson(text).issues[0];
    if (first !== undefined) {
      const { line, column } = lineColumn(text, first.offset);
      throw new CliError('invalid_json', `${path}:${line}:${column}: invalid JSON: ${first.message}`, 2, path);
    }
    const message = error instanceof Error ? error.message : String(error);
    const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/^./, (c) => c.toLowerCase());
    throw new CliError('invalid_json', `\`${path}\`: invalid JSON: ${reason}`, 2, path);
  }
}
