// Runs the ```ts examples of the TSDoc of the evaluator's public exports and of docs/evaluation-logic.md: each must
// run, and each `expression; //=> value` line must hold. Names are imported from the package entry.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as lib from '../../../src/index.js';

const root = new URL('../../../', import.meta.url);
const FILES = ['src/evaluator/evaluate.ts', 'src/combiner/access-denied-message.ts'];
const CHECK = /^(.*?);\s*\/\/=>\s*(.+)$/;

function examplesOf(file: string): string[] {
  const lines = readFileSync(new URL(file, root), 'utf8')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''));
  const examples: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (current === undefined && line.trim() === '```ts') current = [];
    else if (current !== undefined && line.trim() === '```') {
      examples.push(current.join('\n'));
      current = undefined;
    } else current?.push(line);
  }
  return examples;
}

function compile(code: string): string {
  const body = code
    .split('\n')
    .map((line) => {
      const imports = /^import \{([^}]*)\} from 'iam-policy-evaluator';$/.exec(line.trim());
      if (imports) return `const {${imports[1] ?? ''}} = lib;`;
      if (line.trim().startsWith('import type')) return '';
      const check = CHECK.exec(line);
      return check ? `__check(() => (${check[1]}), () => (${check[2]}), ${JSON.stringify(line.trim())});` : line;
    })
    .join('\n');
  return ts.transpileModule(body, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } })
    .outputText;
}

const examples = FILES.flatMap((file) => examplesOf(file).map((code, index) => ({ title: `${file} #${index}`, code })));

describe('TSDoc examples of the evaluator and combiner', () => {
  it.each(examples)('$title runs and its results hold', ({ code }) => {
    let checks = 0;
    const check = (actual: () => unknown, expected: () => unknown, line: string): void => {
      checks += 1;
      expect(actual(), line).toEqual(expected());
    };
    new Function('lib', '__check', compile(code))(lib, check);
    expect(checks).toBeGreaterThan(0);
  });

  it('the example of docs/evaluation-logic.md prints what the document says', () => {
    const doc = readFileSync(new URL('docs/evaluation-logic.md', root), 'utf8');
    const block = doc.slice(doc.indexOf('```ts') + 5, doc.indexOf('```', doc.indexOf('```ts') + 5));
    const printed: unknown[][] = [];
    const js = compile(block.replace('console.log(', '__print('));
    new Function('lib', '__check', '__print', js)(
      lib,
      () => undefined,
      (...args: unknown[]) => printed.push(args),
    );
    const expected = block
      .split('\n')
      .filter((line) => line.startsWith('// '))
      .map((line) => line.slice(3));
    const [decision, deniedBy, message] = printed[0] ?? [];
    expect(`${String(decision)} ${inspect(deniedBy, { breakLength: Infinity })}`).toBe(expected[0]);
    expect(message).toBe(expected[1]);
  });
});
