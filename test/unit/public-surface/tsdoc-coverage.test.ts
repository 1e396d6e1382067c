// Every name the package exports (root and subpaths) carries TSDoc with a ```ts example, the entry points hold
// named re-exports only (STYLE habit 1), and the main entry stays a thin façade of at most 45 runtime values.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = [
  'src/index.ts',
  'src/testing/vitest/index.ts',
  'src/testing/arbitraries/index.ts',
  'src/testing/reporters.ts',
];
/** The main entry is a thin façade (issue 12): what users call, not the engine's parts. */
const MAIN_ENTRY = 'src/index.ts';
const MAX_MAIN_RUNTIME_VALUES = 45;
const program = ts.createProgram(entries, {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

/** The TSDoc text of the declaration(s) behind an exported symbol. */
function docOf(symbol: ts.Symbol): string {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  return (target.declarations ?? [])
    .flatMap((declaration) => {
      // A `const x = …` carries its doc on the statement, not on the declarator.
      const host = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
      return ts.getJSDocCommentsAndTags(host).map((node) => node.getFullText());
    })
    .join('\n');
}

describe.each(entries)('public surface of %s', (entry) => {
  const file = program.getSourceFile(entry);
  if (file === undefined) throw new Error(`cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(file);
  const exported = moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol);

  it('exports names only, never a default export', () => {
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.map((symbol) => symbol.name)).not.toContain('default');
  });

  if (entry === MAIN_ENTRY) {
    it(`exports at most ${MAX_MAIN_RUNTIME_VALUES} runtime values`, () => {
      const values = exported.filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return (target.flags & ts.SymbolFlags.Value) !== 0;
      });
      expect(values.length).toBeLessThanOrEqual(MAX_MAIN_RUNTIME_VALUES);
    });
  }

  it.each(exported.map((symbol) => [symbol.name, symbol] as const))(
    '%s has TSDoc with a ```ts example',
    (_name, symbol) => {
      const doc = docOf(symbol);
      expect(doc, 'no TSDoc').not.toBe('');
      expect(doc, 'no ```ts example').toMatch(/```ts/);
    },
  );
});
