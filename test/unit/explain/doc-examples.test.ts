// Runs the ```ts examples of the TSDoc in src/explain: each
// must run against the package entry point, and each `expression; //=> value` line must hold.
import { readFileSync, readdirSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as entry from '../../../src/index.js';

const lib: Record<string, unknown> = { ...entry };
const root = new URL('../../../', import.meta.url);
const sources = ['src/explain/', 'src/explain/access-denied/'].flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => dir + name),
);

interface Example {
  readonly file: string;
  readonly index: number;
  readonly code: string;
}

function examplesOf(file: string): Example[] {
  const text = readFileSync(new URL(file, root), 'utf8');
  const examples: Example[] = [];
  let current: string[] | undefined;
  for (const line of text.split('\n').map((l) => l.replace(/^\s*\* ?/, ''))) {
    if (current === undefined && line.trim() === '```ts') current = [];
    else if (current !== undefined && line.trim() === '```') {
      examples.push({ file, index: examples.length, code: current.join('\n') });
      current = undefined;
    } else current?.push(line);
  }
  return examples;
}

const CHECK = /^(.*?);\s*\/\/=>\s*(.+)$/;

function compile(example: Example): { js: string; imported: string[] } {
  const imported: string[] = [];
  const body = example.code
    .split('\n')
    .map((line) => {
      const imports = /^import \{([^}]*)\} from 'iam-policy-evaluator';$/.exec(line.trim());
      if (imports !== null) {
        const names = (imports[1] ?? '')
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '');
        imported.push(...names);
        return `const { ${names.join(', ')} } = lib;`;
      }
      const types = /^import type \{([^}]*)\} from 'iam-policy-evaluator';$/.exec(line.trim());
      if (types !== null) {
        imported.push(...(types[1] ?? '').split(',').map((n) => n.trim()));
        return '';
      }
      const check = CHECK.exec(line);
      if (check !== null) return `__check(() => (${check[1]}), () => (${check[2]}), ${JSON.stringify(line.trim())});`;
      return line;
    })
    .join('\n');
  const js = ts.transpileModule(body, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return { js, imported };
}

const indexText = readFileSync(new URL('src/index.ts', root), 'utf8');
const exportedNames = new Set(
  [...indexText.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) => (m[1] ?? '').split(',').map((n) => n.trim())),
);
const examples = sources.flatMap(examplesOf);

describe('TSDoc examples of the explanation layer', () => {
  it('exist for every export of the layer', () => {
    const section = /\/\/ --- explanation & AccessDenied messages ---([\s\S]*?)\/\/ ---/.exec(indexText)?.[1] ?? '';
    const names = [...section.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
      (m[1] ?? '')
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== ''),
    );
    expect(names.length).toBeGreaterThan(10);
    const documented = new Set(examples.flatMap((e) => compile(e).imported));
    for (const name of names) expect(documented.has(name), `${name} has a TSDoc example that imports it`).toBe(true);
  });

  it.each(examples.map((e) => ({ ...e, title: `${e.file} #${e.index}` })))('$title runs', (example) => {
    const { js, imported } = compile(example);
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(exportedNames.has(name), `${name} is exported by src/index.ts`).toBe(true);
    let checks = 0;
    const check = (actual: () => unknown, expected: () => unknown, line: string): void => {
      checks += 1;
      expect(actual(), line).toEqual(expected());
    };
    new Function('lib', '__check', js)(lib, check);
    expect(checks).toBeGreaterThan(0);
  });
});
