// Runs the ```ts examples of the TSDoc in src/conditions and src/matching: each must run, and each
// `expression; //=> value` line must hold. Names are imported from the package entry, so each must be exported there.
import { readFileSync, readdirSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as arn from '../../../src/matching/arn.js';
import * as action from '../../../src/matching/action.js';
import * as resource from '../../../src/matching/resource.js';
import * as variables from '../../../src/matching/policy-variables.js';
import * as wildcard from '../../../src/matching/wildcard.js';
import * as choices from '../../../src/conditions/choices.js';
import * as keys from '../../../src/conditions/context-keys.js';
import * as define from '../../../src/conditions/define-operator.js';
import * as evaluate from '../../../src/conditions/evaluate-condition.js';
import * as modifiers from '../../../src/conditions/modifiers.js';
import * as registry from '../../../src/conditions/registry.js';
import * as context from '../../../src/conditions/request-context.js';
import * as arnOps from '../../../src/conditions/operators/arn.js';
import * as binary from '../../../src/conditions/operators/binary.js';
import * as bool from '../../../src/conditions/operators/bool.js';
import * as date from '../../../src/conditions/operators/date.js';
import * as ip from '../../../src/conditions/operators/ip-address.js';
import * as nullOps from '../../../src/conditions/operators/null.js';
import * as numeric from '../../../src/conditions/operators/numeric.js';
import * as string from '../../../src/conditions/operators/string.js';

const lib: Record<string, unknown> = Object.assign(
  {},
  arn,
  action,
  resource,
  variables,
  wildcard,
  choices,
  keys,
  define,
  evaluate,
  modifiers,
  registry,
  context,
  arnOps,
  binary,
  bool,
  date,
  ip,
  nullOps,
  numeric,
  string,
);

const root = new URL('../../../', import.meta.url);
const indexText = readFileSync(new URL('src/index.ts', root), 'utf8');
// Every name between `export {`/`export type {` and `}` in the entry point.
const exportedNames = new Set(
  [...indexText.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
    (m[1] as string).split(',').map((name) => name.trim()),
  ),
);
const sources = ['src/conditions/', 'src/conditions/operators/', 'src/matching/'].flatMap((dir) =>
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
  const lines = text.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
  let current: string[] | undefined;
  for (const line of lines) {
    if (current === undefined && line.trim() === '```ts') current = [];
    else if (current !== undefined && line.trim() === '```') {
      examples.push({ file, index: examples.length, code: current.join('\n') });
      current = undefined;
    } else current?.push(line);
  }
  return examples;
}

const examples = sources.flatMap(examplesOf);
const CHECK = /^(.*?);\s*\/\/=>\s*(.+)$/;

function compile(example: Example): { js: string; imported: string[] } {
  const imported: string[] = [];
  const body = example.code
    .split('\n')
    .map((line) => {
      const imports = /^import \{([^}]*)\} from 'iam-policy-evaluator';$/.exec(line.trim());
      if (imports) {
        const names = (imports[1] as string)
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n !== '');
        imported.push(...names);
        return `const { ${names.join(', ')} } = lib;`;
      }
      if (line.trim().startsWith('import type')) return '';
      const check = CHECK.exec(line);
      if (check) return `__check(() => (${check[1]}), () => (${check[2]}), ${JSON.stringify(line.trim())});`;
      return line;
    })
    .join('\n');
  const js = ts.transpileModule(body, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return { js, imported };
}

describe('TSDoc examples of the conditions and matching layers', () => {
  it('exist for every exported function', () => {
    expect(examples.length).toBeGreaterThan(40);
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
