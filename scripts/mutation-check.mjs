// Hand-planted mutation check: each mutant of test/mutants/mutants.json (schemas/mutants.schema.json) replaces one
// exact piece of text in src/, and some test must then fail. Survivors are rules no test pins down.
// Run: node scripts/mutation-check.mjs [--only id,id] [--list] [--allow-survivors]
// A full run rewrites docs/mutation-check.md; an --only run prints its table and leaves that page alone.
// Exit: 0 all caught, 1 a mutant survived (unless --allow-survivors), 2 the check itself could not run.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Ajv from 'ajv';
import micromatch from 'micromatch';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MUTANTS = 'test/mutants/mutants.json';
const SCHEMA = 'schemas/mutants.schema.json';
const REPORT = 'docs/mutation-check.md';
const DEFAULT_TESTS = ['test/unit', 'test/property'];
/** A mutant can make a matcher loop forever; past this the run is killed and the mutant counts as caught. */
const TIMEOUT_MS = 20 * 60_000;
/** Not copied to the scratch copy: history, installed packages (linked instead), build output, other scratch dirs. */
const SKIPPED = new Set(['.git', 'node_modules', 'dist', 'coverage', '.tmp']);
/** How vitest reports a test file it could not transform: the mutant broke the syntax, not a rule. */
const COMPILE_ERROR = /Transform failed|PARSE_ERROR|SyntaxError|Failed to parse/u;
const MAX_NAMES = 5;

const fail = (message) => {
  console.error(`mutation-check: ${message}`);
  process.exit(2);
};
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const count = (text, find) => text.split(find).length - 1;

const { values: args } = parseArgs({
  options: { only: { type: 'string' }, list: { type: 'boolean' }, 'allow-survivors': { type: 'boolean' } },
});

/** The mutants, checked against the schema, with unique ids, each `find` once in its file: stale is an error. */
function loadMutants() {
  const data = readJson(join(ROOT, MUTANTS));
  const validate = new Ajv({ allErrors: true }).compile(readJson(join(ROOT, SCHEMA)));
  if (!validate(data)) fail(`${MUTANTS} does not match ${SCHEMA}:\n${JSON.stringify(validate.errors, null, 1)}`);
  const ids = data.mutants.map((m) => m.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) fail(`ids used twice in ${MUTANTS}: ${twice.join(', ')}`);
  const only = args.only?.split(',').map((id) => id.trim());
  const unknown = (only ?? []).filter((id) => !ids.includes(id));
  if (unknown.length > 0) fail(`no mutant with id ${unknown.join(', ')}`);
  const chosen = only === undefined ? data.mutants : data.mutants.filter((m) => only.includes(m.id));
  const stale = chosen.flatMap((m) => {
    const path = join(ROOT, m.file);
    if (!existsSync(path)) return [`${m.id}: ${m.file} does not exist`];
    const n = count(readFileSync(path, 'utf8'), m.find);
    return n === 1 ? [] : [`${m.id}: its \`find\` occurs ${n} times in ${m.file}, not once`];
  });
  if (stale.length > 0) fail(`stale mutants (update ${MUTANTS}):\n  ${stale.join('\n  ')}`);
  return chosen;
}

/** The test files (repository-relative) the globs of a mutant name; a glob naming none is an error too. */
function testFiles(patterns) {
  const all = readdirSync(join(ROOT, 'test'), { recursive: true })
    .map((path) => `test/${path.split(sep).join('/')}`)
    .filter((path) => path.endsWith('.test.ts'));
  const files = patterns.flatMap((pattern) => {
    const path = join(ROOT, pattern);
    const dir = !micromatch.scan(pattern).isGlob && existsSync(path) && statSync(path).isDirectory();
    const found = micromatch(all, dir ? `${pattern.replace(/\/$/u, '')}/**` : pattern);
    if (found.length === 0) fail(`the test glob \`${pattern}\` names no test file`);
    return found;
  });
  return [...new Set(files)];
}

/** A copy of the repository to mutate, made once; node_modules is linked, not copied. */
function makeScratch() {
  // Tests read more than src/ and test/ (schemas/, docs/, scripts/, examples/, README.md: the rule-id test scans
  // them all), so everything is copied but what no test reads. `.scratch-*` is ignored by git, eslint and prettier.
  const dir = mkdtempSync(join(ROOT, '.scratch-mutants-'));
  for (const name of readdirSync(ROOT)) {
    if (SKIPPED.has(name) || name.startsWith('.scratch-')) continue;
    cpSync(join(ROOT, name), join(dir, name), { recursive: true, filter: (src) => !SKIPPED.has(basename(src)) });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `vitest run` on the files in the scratch copy: its JSON report, or `undefined` after a timeout. */
function runVitest(dir, files) {
  const out = join(dir, '.mutation-report.json');
  const log = join(dir, '.mutation-vitest.log');
  rmSync(out, { force: true });
  const fd = openSync(log, 'w');
  // `npx vitest`, without npx in between: on a timeout the kill must reach vitest itself.
  const vitest = join(dir, 'node_modules/vitest/vitest.mjs');
  const cli = ['run', '--reporter=json', `--outputFile=${out}`, ...files.map((file) => join(dir, file))];
  const run = spawnSync(process.execPath, [vitest, ...cli], {
    cwd: dir,
    stdio: ['ignore', fd, fd],
    timeout: TIMEOUT_MS,
  });
  closeSync(fd);
  if (run.error?.code === 'ETIMEDOUT') return undefined;
  if (!existsSync(out)) fail(`vitest wrote no report (exit ${run.status}):\n${readFileSync(log, 'utf8').slice(-3000)}`);
  return { ...readJson(out), exitCode: run.status };
}

/** caught / survived / compile error / timeout, with the names of the failing tests. */
function classify(report, dir) {
  if (report === undefined) return { result: 'timeout', names: [`no answer within ${TIMEOUT_MS / 60_000} min`] };
  const failing = [];
  const unloadable = [];
  for (const file of report.testResults) {
    const name = relative(dir, file.name).split(sep).join('/');
    const failed = file.assertionResults.filter((test) => test.status === 'failed');
    for (const test of failed) failing.push(`${name} > ${[...test.ancestorTitles, test.title].join(' > ')}`);
    // A file that failed outside its tests did not load (or a hook threw): only a transform error is a compile error.
    if (file.status === 'failed' && failed.length === 0) {
      if (COMPILE_ERROR.test(file.message)) unloadable.push(name);
      else failing.push(`${name} (${file.message.split('\n')[0]})`);
    }
  }
  if (failing.length > 0) return { result: 'caught', names: failing };
  if (unloadable.length > 0) return { result: 'compile error', names: unloadable };
  // Errors outside any test file fail the run too.
  if (report.exitCode !== 0) return { result: 'caught', names: [`vitest exited with ${report.exitCode}`] };
  return { result: 'survived', names: [] };
}

const cell = (text) => String(text).replace(/\s+/gu, ' ').replace(/\|/gu, '\\|');
const RESULT = {
  caught: 'caught',
  survived: '**survived**',
  'compile error': 'compile error (weak)',
  timeout: 'timeout',
};

function table(rows) {
  const lines = ['| id | file | description | result | catching tests |', '| --- | --- | --- | --- | --- |'];
  for (const { mutant, result, names } of rows) {
    const shown = names.slice(0, MAX_NAMES).map((name) => `\`${cell(name).replace(/`/gu, "'")}\``);
    if (names.length > MAX_NAMES) shown.push(`… ${names.length - MAX_NAMES} more`);
    const file = `\`${mutant.file}\``;
    lines.push(
      `| ${[mutant.id, file, cell(mutant.description), RESULT[result], shown.join('<br>') || '—'].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

const plans = loadMutants().map((mutant) => ({ mutant, files: testFiles(mutant.tests ?? DEFAULT_TESTS) }));
if (args.list) {
  for (const { mutant: m, files } of plans)
    console.log(`${m.id}\t${m.file}\t${files.length} test files\n\t${m.description}`);
  process.exit(0);
}
const scratch = makeScratch();
// On every way out (`fail` and Ctrl-C included) the copy goes; the repository itself is never mutated.
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));
const rows = [];
// Unmutated, the chosen tests must pass in the copy: otherwise every mutant would look caught.
const union = [...new Set(plans.flatMap((plan) => plan.files))];
console.error(`baseline: ${union.length} test files, no mutant`);
const baseline = classify(runVitest(scratch, union), scratch);
if (baseline.result !== 'survived') fail(`the tests fail without any mutant:\n  ${baseline.names.join('\n  ')}`);
for (const [index, { mutant, files }] of plans.entries()) {
  const path = join(scratch, mutant.file);
  const original = readFileSync(path, 'utf8');
  const started = Date.now();
  // A function, so that `$&` and the like in `replace` stay plain text.
  const mutated = original.replace(mutant.find, () => mutant.replace);
  writeFileSync(path, mutated);
  try {
    rows.push({ mutant, ...classify(runVitest(scratch, files), scratch) });
  } finally {
    writeFileSync(path, original);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.error(
    `[${index + 1}/${plans.length}] ${mutant.id}: ${rows.at(-1).result} (${files.length} files, ${seconds} s)`,
  );
}

const tally = (result) => rows.filter((row) => row.result === result).length;
const summary = `${rows.length} mutants: ${tally('caught') + tally('timeout')} caught, ${tally('survived')} survived, ${tally('compile error')} compile errors.`;
const output = `${table(rows)}\n\n${summary}\n`;
console.log(output);
if (args.only === undefined) {
  const header = [
    '<!-- Generated by `node scripts/mutation-check.mjs` from test/mutants/mutants.json: do not edit by hand. -->',
    '',
    '# Mutation check',
    '',
    'Regenerate with `node scripts/mutation-check.mjs` (every mutant; a run with `--only` leaves this page alone).',
    'Each mutant of [test/mutants/mutants.json](../test/mutants/mutants.json) breaks one rule of the engine by',
    'replacing one exact piece of text in `src/`; it is **caught** when a test then fails, **survived** when every',
    'test still passes (no test pins the rule down), a **compile error** when the test files no longer load (a weak',
    'mutant, which tests nothing: rewrite it).',
    '',
  ].join('\n');
  writeFileSync(join(ROOT, REPORT), `${header}\n${output}`);
}
if (tally('compile error') > 0) console.error('mutation-check: mutants that only break compilation test nothing');
if (tally('survived') > 0 && !args['allow-survivors']) process.exit(1);
