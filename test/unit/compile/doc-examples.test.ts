// Runs the ```ts examples of the TSDoc of src/compile's public exports: each must run, and each
// `expression; //=> value` line must hold. Names are imported from the package entry, so each must be exported there.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as lib from '../../../src/index.js';

const root = new URL('../../../', import.meta.url);
const FILES = ['src/compile/compile.ts'];
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

function toScript(code: string): { js: string; imported: string[] } {
  const imported: string[] = [];
  const body = code
    .split('\n')
    .map((line) => {
      const imports = /^import \{([^}]*)\} from 'iam-policy-evaluator';$/.exec(line.trim());
      if (imports) {
        imported.push(...(imports[1] ?? '').split(',').map((name) => name.trim()));
        return `const {${imports[1] ?? ''}} = lib;`;
      }
      if (line.trim().startsWith('import type')) return '';
      const check = CHECK.exec(line);
      return check ? `__check(() => (${check[1]}), () => (${check[2]}), ${JSON.stringify(line.trim())});` : line;
    })
    .join('\n');
  const js = ts.transpileModule(body, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return { js, imported };
}

const examples = FILES.flatMap((file) => examplesOf(file).map((code, index) => ({ title: `${file} #${index}`, code })));

describe('TSDoc examples of compiled policy sets', () => {
  it('cover compile, CompileOptions and CompiledPolicySet', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)('$title runs and its results hold', ({ code }) => {
    const { js, imported } = toScript(code);
    for (const name of imported) expect(name in lib, `${name} is exported by src/index.ts`).toBe(true);
    let checks = 0;
    const check = (actual: () => unknown, expected: () => unknown, line: string): void => {
      checks += 1;
      expect(actual(), line).toEqual(expected());
    };
    new Function('lib', '__check', js)(lib, check);
    expect(checks).toBeGreaterThan(0);
  });
});
