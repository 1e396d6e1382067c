// Runs the ```ts examples in the TSDoc of every export of the package's entries (and of their members), as a user
// would write them:
// (a) typechecks them, all at once, in one in-memory program with the compiler options of tsconfig.json, each
//     example a module, the package names mapped to the source entries;
// (b) runs each one, transpiled to CommonJS, its imports served from the entries' module namespaces;
// (c) checks each `expression; //=> value` line: the expression must deep-equal the value.
// Conventions: ```ts no-run marks an example that can only typecheck (it reads files, say). `test`/`it`/`describe`
// from vitest or node:test run their body at once, so checks inside a test body run too. Output to `console` is
// dropped. Examples of internal declarations (the operator registry, condition engine and matchers issue 12 took out
// of the main entry) run too: in them, and only there, `iam-policy-evaluator` names INTERNAL_ENTRY, a module made
// here of the main entry and every source file with an example no entry reaches.
import { readFileSync, readdirSync } from 'node:fs';
import { inspect } from 'node:util';
import ts from 'typescript';
import * as vitest from 'vitest';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const rootPath = decodeURIComponent(root.pathname).replace(/\/$/, '');
const abs = (relative: string): string => `${rootPath}/${relative}`;

/** The package's entries: the name users import, and the source file it maps to. */
const ENTRIES: Readonly<Record<string, string>> = {
  'iam-policy-evaluator': 'src/index.ts',
  'iam-policy-evaluator/vitest': 'src/testing/vitest/index.ts',
  'iam-policy-evaluator/arbitraries': 'src/testing/arbitraries/index.ts',
  'iam-policy-evaluator/reporters': 'src/testing/reporters.ts',
};
/** The main entry's name, which the examples of internal declarations import too. */
const PACKAGE = 'iam-policy-evaluator';
/**
 * What `iam-policy-evaluator` means in the examples of internal declarations: a virtual module, written below, that
 * re-exports the main entry and every source file holding an example no entry reaches. Nothing to keep up to date by
 * hand, and no part of the package.
 */
const INTERNAL_ENTRY = '__internal_doc_examples__/internal-entry.ts';
/** The per-layer runners this one replaced ran 126 TSDoc examples together; none may be lost. */
const RUN_BEFORE_MERGE = 126;
/** Where examples live that this runner cannot reach: the CLI is a binary, not an entry. */
const NOT_AN_ENTRY = ['src/cli/'];

// --- compiler setup --------------------------------------------------------------------------------------------

const config = ts.getParsedCommandLineOfConfigFile(
  abs('tsconfig.json'),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  },
);
if (config === undefined) throw new Error('cannot read tsconfig.json');
const options: ts.CompilerOptions = { ...config.options, noEmit: true, moduleDetection: ts.ModuleDetectionKind.Force };

/** Virtual files: the examples, as modules beside the sources (so node_modules resolves as for the sources). */
const virtualFiles = new Map<string, string>();
const host = ts.createCompilerHost(options, true);
const { getSourceFile, fileExists, readFile } = host;
host.fileExists = (file) => virtualFiles.has(file) || fileExists.call(host, file);
host.readFile = (file) => virtualFiles.get(file) ?? readFile.call(host, file);
host.getSourceFile = (file, language, onError, shouldCreate) => {
  const text = virtualFiles.get(file);
  return text === undefined
    ? getSourceFile.call(host, file, language, onError, shouldCreate)
    : ts.createSourceFile(file, text, language, true);
};
const resolutionCache = ts.createModuleResolutionCache(rootPath, (name) => name, options);
/** Where the examples of internal declarations are compiled: there the package name resolves to INTERNAL_ENTRY. */
const INTERNAL_EXAMPLES = abs(INTERNAL_ENTRY.slice(0, INTERNAL_ENTRY.lastIndexOf('/') + 1));
host.resolveModuleNameLiterals = (literals, containingFile, redirected, compilerOptions, containingSource) =>
  literals.map((literal) => {
    const entry =
      literal.text === PACKAGE && containingFile.startsWith(INTERNAL_EXAMPLES) ? INTERNAL_ENTRY : ENTRIES[literal.text];
    if (entry !== undefined) {
      return { resolvedModule: { resolvedFileName: abs(entry), extension: ts.Extension.Ts } };
    }
    const mode = ts.getModeForUsageLocation(containingSource, literal, compilerOptions);
    return ts.resolveModuleName(literal.text, containingFile, compilerOptions, host, resolutionCache, redirected, mode);
  });

// --- examples --------------------------------------------------------------------------------------------------

interface Example {
  /** `name` or `name.member`, one per export that reaches the declaration. */
  readonly names: string[];
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
  readonly run: boolean;
  /** Whether the documented declaration is a type only (interface, type alias): its example needs no `//=>`. */
  readonly typeOnly: boolean;
  /** Whether no entry exports the declaration: its `iam-policy-evaluator` is INTERNAL_ENTRY. */
  readonly internal: boolean;
}

const FENCE = /^```ts(?:\s+(no-run))?\s*$/;

/** The ```ts blocks of a JSDoc comment, with the file line of each opening fence. */
function blocksOf(comment: ts.Node, file: ts.SourceFile): { line: number; code: string; run: boolean }[] {
  const startLine = file.getLineAndCharacterOfPosition(comment.getStart(file)).line + 1;
  const blocks: { line: number; code: string; run: boolean }[] = [];
  let current: { line: number; lines: string[]; run: boolean } | undefined;
  comment
    .getText(file)
    .split('\n')
    .forEach((raw, offset) => {
      const line = raw.replace(/^\s*(?:\/\*\*|\*\/|\*(?!\/))? ?/, '');
      const fence = FENCE.exec(line.trim());
      if (current === undefined && fence !== null) current = { line: startLine + offset, lines: [], run: !fence[1] };
      else if (current !== undefined && line.trim() === '```') {
        blocks.push({ line: current.line, code: current.lines.join('\n'), run: current.run });
        current = undefined;
      } else current?.lines.push(line);
    });
  return blocks;
}

/** The nodes whose JSDoc documents a declaration (a `const`'s doc sits on its statement). */
function docHost(declaration: ts.Declaration): ts.Node {
  return ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
}

/** An entry to walk: the key its exports are filed under, its file, and whether its examples are internal ones. */
type EntryToWalk = readonly [key: string, file: string, internal: boolean];

/** The examples reached through the exports of `entries` (and of their members), and each entry's exports by name. */
function collectExamples(
  program: ts.Program,
  entries: readonly EntryToWalk[],
): { byPosition: Map<string, Example>; exportsOf: Map<string, Map<string, ts.Symbol>> } {
  const checker = program.getTypeChecker();
  const byPosition = new Map<string, Example>();
  const exportsOf = new Map<string, Map<string, ts.Symbol>>();
  const collect = (name: string, declaration: ts.Declaration, typeOnly: boolean, internal: boolean): void => {
    const file = declaration.getSourceFile();
    const relative = file.fileName.slice(rootPath.length + 1);
    for (const comment of ts.getJSDocCommentsAndTags(docHost(declaration))) {
      if (!ts.isJSDoc(comment)) continue;
      for (const block of blocksOf(comment, file)) {
        const key = `${relative}:${block.line}`;
        const known = byPosition.get(key);
        // The public entries are walked first: an example is internal only when none of them reaches it.
        if (known === undefined) byPosition.set(key, { names: [name], file: relative, ...block, typeOnly, internal });
        else if (!known.names.includes(name)) known.names.push(name);
      }
    }
  };
  for (const [key, entry, internal] of entries) {
    const file = program.getSourceFile(abs(entry));
    const moduleSymbol = file === undefined ? undefined : checker.getSymbolAtLocation(file);
    if (moduleSymbol === undefined) throw new Error(`cannot read ${entry}`);
    const names = new Map<string, ts.Symbol>();
    exportsOf.set(key, names);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      names.set(exported.name, target);
      const typeOnly = (target.flags & ts.SymbolFlags.Value) === 0;
      for (const declaration of target.declarations ?? []) {
        collect(exported.name, declaration, typeOnly, internal);
        if (ts.isInterfaceDeclaration(declaration) || ts.isClassDeclaration(declaration)) {
          for (const member of declaration.members) {
            const memberName = member.name !== undefined && ts.isIdentifier(member.name) ? member.name.text : '?';
            collect(`${exported.name}.${memberName}`, member, typeOnly, internal);
          }
        }
      }
    }
  }
  return { byPosition, exportsOf };
}

/** The .ts files under `dir`, recursively. */
const sourcesUnder = (dir: string): string[] =>
  readdirSync(new URL(dir, root), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourcesUnder(`${dir}${entry.name}/`) : entry.name.endsWith('.ts') ? [dir + entry.name] : [],
  );
/** The `file:line` of every ```ts fence in TSDoc under src/, outside NOT_AN_ENTRY. */
const written = sourcesUnder('src/')
  .filter((file) => !NOT_AN_ENTRY.some((dir) => file.startsWith(dir)))
  .flatMap((file) =>
    readFileSync(new URL(file, root), 'utf8')
      .split('\n')
      .flatMap((line, index) => (/^\s*\*\s*```ts\b/.test(line) ? [`${file}:${index + 1}`] : [])),
  );

// First the public entries alone, to find the files whose examples none of them reaches; then all of them again with
// INTERNAL_ENTRY, which re-exports those files after the main entry.
const publicEntries: EntryToWalk[] = Object.entries(ENTRIES).map(([specifier, file]) => [specifier, file, false]);
const publicProgram = ts.createProgram(Object.values(ENTRIES).map(abs), options, host);
const reachedPublicly = collectExamples(publicProgram, publicEntries).byPosition;
const internalFiles = [
  ...new Set(written.filter((at) => !reachedPublicly.has(at)).map((at) => at.slice(0, at.lastIndexOf(':')))),
];
/** What INTERNAL_ENTRY re-exports, in this order: the main entry, then the files with internal examples. */
const INTERNAL_SOURCES = ['src/index.ts', ...internalFiles];
virtualFiles.set(
  abs(INTERNAL_ENTRY),
  INTERNAL_SOURCES.map((file) => `export * from '../${file.replace(/\.ts$/, '.js')}';`).join('\n'),
);
const entryFiles = [...Object.values(ENTRIES), INTERNAL_ENTRY].map(abs);
const sourceProgram = ts.createProgram(entryFiles, options, host, publicProgram);
const { byPosition, exportsOf: collected } = collectExamples(sourceProgram, [
  ...publicEntries,
  [INTERNAL_ENTRY, INTERNAL_ENTRY, true],
]);
/** INTERNAL_ENTRY's exports, by name. */
const internalExports = collected.get(INTERNAL_ENTRY) ?? new Map<string, ts.Symbol>();
/** Each entry's exports, by name, with the declaration each one stands for. */
const exportsOf = new Map([...collected].filter(([key]) => key !== INTERNAL_ENTRY));

/** The exports an example's import of `specifier` sees. */
const exportsFor = (example: Example, specifier: string): Map<string, ts.Symbol> | undefined =>
  example.internal && specifier === PACKAGE ? internalExports : exportsOf.get(specifier);

const examples = [...byPosition.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
const titled = examples.map((example) => ({
  ...example,
  title: `${example.names.join(', ')} (${example.file}:${example.line}${example.internal ? ', internal' : ''})`,
}));

/** Names an example imports from each package entry, found in its syntax tree (`*` for a namespace import). */
function importsOf(code: string): { specifier: string; name: string }[] {
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  return file.statements.filter(ts.isImportDeclaration).flatMap((declaration) => {
    const specifier = (declaration.moduleSpecifier as ts.StringLiteral).text;
    const clause = declaration.importClause;
    if (ENTRIES[specifier] === undefined || clause === undefined) return [];
    const names = clause.name === undefined ? [] : ['default'];
    const bindings = clause.namedBindings;
    if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.push('*');
    if (bindings !== undefined && ts.isNamedImports(bindings)) {
      names.push(...bindings.elements.map((element) => (element.propertyName ?? element.name).text));
    }
    return names.map((name) => ({ specifier, name }));
  });
}

// --- (a) typecheck ---------------------------------------------------------------------------------------------

const virtualPathOf = (example: { file: string; line: number; internal?: boolean }): string =>
  example.internal === true
    ? `${INTERNAL_EXAMPLES}${example.file.replace(/[/.]/g, '_')}_${example.line}.ts`
    : abs(`__doc_examples__/${example.file.replace(/[/.]/g, '_')}_${example.line}.ts`);

/** docs/evaluation-logic.md opens with an example whose printed output the document quotes below it. */
const evaluationDoc = readFileSync(new URL('docs/evaluation-logic.md', root), 'utf8');
const docStart = evaluationDoc.indexOf('```ts') + '```ts'.length;
const docBlock = evaluationDoc.slice(docStart, evaluationDoc.indexOf('```', docStart));
const docExample = { file: 'docs/evaluation-logic.md', line: evaluationDoc.slice(0, docStart).split('\n').length };

const diagnostics = new Map<string, string[]>();

beforeAll(() => {
  for (const example of examples) virtualFiles.set(virtualPathOf(example), example.code);
  virtualFiles.set(virtualPathOf(docExample), docBlock);
  const program = ts.createProgram({
    rootNames: [...entryFiles, ...virtualFiles.keys()],
    options,
    host,
    oldProgram: sourceProgram,
  });
  for (const [path, origin] of [
    ...examples.map((example) => [virtualPathOf(example), example] as const),
    [virtualPathOf(docExample), docExample] as const,
  ]) {
    const file = program.getSourceFile(path);
    if (file === undefined) throw new Error(`the example at ${origin.file}:${origin.line} was not compiled`);
    const messages = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(
      (diagnostic) => {
        const line = file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
        const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
        return `${origin.file}:${origin.line + 1 + line}: ${text}`;
      },
    );
    diagnostics.set(path, messages);
  }
}, 120_000);

// --- (b) run and (c) check -------------------------------------------------------------------------------------

const CHECK = /^(\s*)(.*?);\s*\/\/=>\s*(.+)$/;

/** Turns each `expression; //=> value` line into a call of `__check`; returns the lines it could not read. */
function withChecks(code: string): { body: string; unchecked: string[] } {
  const unchecked: string[] = [];
  const body = code
    .split('\n')
    .map((line) => {
      const check = CHECK.exec(line);
      if (check !== null) {
        return `${check[1] ?? ''}__check(() => (${check[2] ?? ''}), () => (${check[3] ?? ''}), ${JSON.stringify(line.trim())});`;
      }
      if (line.includes('//=>')) unchecked.push(line.trim());
      return line;
    })
    .join('\n');
  return { body, unchecked };
}

type Module = Readonly<Record<string, unknown>>;
type TestFunction = (name: string, body: () => unknown) => void;

/**
 * The modules an example may import: the entries (from source; INTERNAL_ENTRY as the package for an internal
 * declaration's example), fast-check, and test runners that run at once.
 */
async function loadModules(pending: Promise<unknown>[], internal: boolean): Promise<Map<string, Module>> {
  const runNow: TestFunction = (_name, body) => {
    pending.push(Promise.resolve(body()));
  };
  const runners = { test: runNow, it: runNow, describe: runNow };
  const modules = new Map<string, Module>();
  for (const [specifier, entry] of Object.entries(ENTRIES)) {
    modules.set(specifier, (await import(new URL(entry, root).href)) as Module);
  }
  if (internal) {
    const namespaces = await Promise.all(INTERNAL_SOURCES.map(async (file) => import(new URL(file, root).href)));
    modules.set(PACKAGE, Object.assign({}, ...namespaces) as Module);
  }
  modules.set('fast-check', (await import('fast-check')) as Module);
  modules.set('vitest', { ...vitest, ...runners });
  modules.set('node:test', runners);
  return modules;
}

const AsyncFunction = async function () {
  // only its constructor is used
}.constructor as new (...parameters: string[]) => (...args: unknown[]) => Promise<unknown>;

const silentConsole = new Proxy({}, { get: () => () => undefined });

/** Runs transpiled example code; returns how many `//=>` checks ran. */
async function run(code: string, internal: boolean, extra: Readonly<Record<string, unknown>> = {}): Promise<number> {
  const { body } = withChecks(code);
  const js = ts.transpileModule(body, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
  }).outputText;
  const pending: Promise<unknown>[] = [];
  const modules = await loadModules(pending, internal);
  const require = (specifier: string): unknown => {
    const namespace = modules.get(specifier);
    if (namespace === undefined) throw new Error(`examples cannot import \`${specifier}\``);
    return { __esModule: true, ...namespace };
  };
  let checks = 0;
  const check = (actual: () => unknown, expected: () => unknown, line: string): void => {
    checks += 1;
    expect(actual(), line).toEqual(expected());
  };
  const names = ['require', 'exports', 'console', '__check', ...Object.keys(extra)];
  await new AsyncFunction(...names, js)(require, {}, silentConsole, check, ...Object.values(extra));
  await Promise.all(pending);
  return checks;
}

// --- tests -----------------------------------------------------------------------------------------------------

describe('TSDoc examples of the public surface', () => {
  it('reach every ```ts example in the sources', () => {
    expect(examples.map((example) => `${example.file}:${example.line}`).sort()).toEqual([...written].sort());
  });

  it('build INTERNAL_ENTRY without two declarations under one name', () => {
    // Two files exporting different declarations under one name would leave that name out of the module (TS2308).
    const file = sourceProgram.getSourceFile(abs(INTERNAL_ENTRY));
    expect(file).toBeDefined();
    const diagnostics = file === undefined ? [] : sourceProgram.getSemanticDiagnostics(file);
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  it(`run at least the ${RUN_BEFORE_MERGE} examples the per-layer runners ran`, () => {
    expect(examples.filter((example) => example.run).length).toBeGreaterThanOrEqual(RUN_BEFORE_MERGE);
  });

  it('import every export of every entry at least once', () => {
    // By declaration: one that two entries share (`assertDecision` is also in ./vitest) has one set of examples.
    const imported = new Set(
      examples.flatMap((example) =>
        importsOf(example.code).flatMap(({ specifier, name }) => exportsFor(example, specifier)?.get(name) ?? []),
      ),
    );
    const missing = [...exportsOf].flatMap(([specifier, names]) =>
      [...names].filter(([, target]) => !imported.has(target)).map(([name]) => `${name} from ${specifier}`),
    );
    expect(missing).toEqual([]);
  });

  // One test per example and check, titled in full (`it.each` would cut long titles short).
  for (const example of titled) {
    it(`${example.title} imports only what its entry exports`, () => {
      const imports = importsOf(example.code);
      expect(imports.length, 'imports nothing from the package').toBeGreaterThan(0);
      const from = (specifier: string): string =>
        example.internal && specifier === PACKAGE ? INTERNAL_ENTRY : (ENTRIES[specifier] ?? specifier);
      for (const { specifier, name } of imports.filter((i) => i.name !== '*')) {
        expect(exportsFor(example, specifier)?.has(name), `${name} is exported by ${from(specifier)}`).toBe(true);
      }
    });

    it(`${example.title} typechecks`, () => {
      expect(diagnostics.get(virtualPathOf(example))).toEqual([]);
    });

    if (!example.run) continue;
    it(`${example.title} runs and its \`//=>\` lines hold`, async () => {
      expect(withChecks(example.code).unchecked, 'lines with `//=>` that are not `expression; //=> value`').toEqual([]);
      const checks = await run(example.code, example.internal);
      // A type's example may just show a value of the type; a function's or a constant's shows what it gives.
      if (!example.typeOnly) expect(checks, 'checks no `//=>` line').toBeGreaterThan(0);
    });
  }

  it('the example of docs/evaluation-logic.md typechecks and prints what the document says', async () => {
    expect(diagnostics.get(virtualPathOf(docExample))).toEqual([]);
    const printed: unknown[][] = [];
    await run(docBlock.replace('console.log(', '__print('), false, {
      __print: (...args: unknown[]) => printed.push(args),
    });
    const expected = docBlock
      .split('\n')
      .filter((line) => line.startsWith('// '))
      .map((line) => line.slice(3));
    const [decision, deniedBy, message] = printed[0] ?? [];
    expect(`${String(decision)} ${inspect(deniedBy, { breakLength: Infinity })}`).toBe(expected[0]);
    expect(message).toBe(expected[1]);
  });
});
