// The API reports in docs/api/: one per public entry of package.json "exports" (`.`, `./vitest`, `./vitest/setup`,
// `./arbitraries`, `./reporters`), written by API Extractor from the built declarations (dist/*.d.ts) with the settings of
// scripts/api-extractor.json. Run after `npm run build`.
//
//   node scripts/api-report.mjs check    (`npm run api:check`, part of `npm test`): fails, printing the diff, when the
//                                        surface of the build differs from a committed report
//   node scripts/api-report.mjs update   (`npm run api:update`): rewrites the reports from the build
//
// Offline and deterministic: no network, and the analysis uses the TypeScript that API Extractor bundles (pinned by
// package-lock.json), whatever `typescript` or `typescript-7` the project has.
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const configPath = join(root, 'scripts', 'api-extractor.json');
const packageJsonPath = join(root, 'package.json');
const reportFolder = join(root, 'docs', 'api');
const UPDATE_HINT = 'npm run api:update';

const mode = process.argv[2];
if (mode !== 'check' && mode !== 'update') {
  console.error('usage: node scripts/api-report.mjs check|update');
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));

/**
 * The public entries: every subpath of "exports" with declarations, by its ESM `types` file. The report of `.` is
 * named after the package, that of `./vitest/setup` `<package>-vitest-setup`, and so on.
 */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && typeof target.import?.types === 'string')
  .map(([subpath, target]) => ({
    subpath,
    types: join(root, target.import.types),
    report: subpath === '.' ? pkg.name : `${pkg.name}-${subpath.slice(2).replaceAll('/', '-')}`,
  }));

const missing = entries.filter((entry) => !existsSync(entry.types));
if (missing.length > 0) {
  for (const entry of missing) console.error(`api:${mode}: ${relative(root, entry.types)} not found`);
  console.error(`api:${mode}: run \`npm run build\` first; the reports describe the built declarations`);
  process.exit(1);
}

// The compiler API Extractor analyses with: its own dependency, resolved from its own folder.
const bundledTypeScript = createRequire(createRequire(import.meta.url).resolve('@microsoft/api-extractor'))(
  'typescript/package.json',
).version;
console.log(`api:${mode}: API Extractor ${Extractor.version}, bundled TypeScript ${bundledTypeScript}`);

const base = ExtractorConfig.loadFile(configPath);
// API Extractor creates a missing report only in an existing folder (a guard against a mistyped path).
if (mode === 'update') mkdirSync(reportFolder, { recursive: true });
const REPORT_MESSAGES = new Set([
  'console-api-report-not-copied',
  'console-api-report-diff',
  'console-api-report-copied',
  'console-api-report-created',
  'console-api-report-unchanged',
  'console-preamble',
]);

let changed = 0;
let failed = 0;
for (const entry of entries) {
  const reportFile = `${entry.report}.api.md`;
  const shown = relative(root, join(reportFolder, reportFile));
  const config = ExtractorConfig.prepare({
    configObject: {
      ...base,
      mainEntryPointFilePath: entry.types,
      apiReport: { ...base.apiReport, reportFileName: entry.report },
      compiler: {
        ...base.compiler,
        overrideTsconfig: { ...base.compiler.overrideTsconfig, files: [relative(root, entry.types)] },
      },
    },
    configObjectFullPath: configPath,
    packageJsonFullPath: packageJsonPath,
  });
  let diff = '';
  const result = Extractor.invoke(config, {
    localBuild: mode === 'update',
    printApiReportDiff: mode === 'check',
    showVerboseMessages: false,
    // The report's own messages are this script's to print (API Extractor's advice to copy a file from the temp
    // folder is replaced by `npm run api:update`) and are not counted as warnings; every other message is shown by
    // API Extractor and fails the run.
    messageCallback(message) {
      if (!REPORT_MESSAGES.has(message.messageId)) return;
      if (message.messageId === 'console-api-report-diff') diff = message.text;
      message.logLevel = ExtractorLogLevel.None;
      message.handled = true;
    },
  });
  const problems = result.errorCount + result.warningCount;
  if (problems > 0) {
    failed += 1;
    console.error(`api:${mode}: ${entry.subpath}: ${problems} error(s) or warning(s) from API Extractor (above)`);
  }
  if (!result.apiReportChanged) {
    console.log(`api:${mode}: ${entry.subpath} -> ${shown}: up to date`);
  } else if (mode === 'update') {
    console.log(`api:${mode}: ${entry.subpath} -> ${shown}: written`);
  } else {
    changed += 1;
    const state = existsSync(join(reportFolder, reportFile)) ? 'differs from the build' : 'missing';
    console.error(`api:${mode}: ${entry.subpath} -> ${shown}: ${state}`);
    if (diff !== '') console.error(diff.replace(/^Changes to the API report:\n\n/u, ''));
  }
}

// A report whose entry is gone would otherwise stay behind, describing nothing.
const expected = new Set(entries.map((entry) => `${entry.report}.api.md`));
const stale = existsSync(reportFolder)
  ? readdirSync(reportFolder).filter((name) => name.endsWith('.api.md') && !expected.has(name))
  : [];
for (const name of stale) {
  const shown = relative(root, join(reportFolder, name));
  if (mode === 'update') {
    rmSync(join(reportFolder, name));
    console.log(`api:${mode}: ${shown}: removed, no entry of package.json "exports" has it`);
  } else {
    changed += 1;
    console.error(`api:${mode}: ${shown}: no entry of package.json "exports" has this report`);
  }
}

if (changed > 0) {
  const folder = relative(root, reportFolder);
  console.error(`api:${mode}: the public API of the build differs from the reports in ${folder}/ (see above).`);
  console.error(
    `api:${mode}: if the change is intended, run \`${UPDATE_HINT}\` and commit the updated reports with it.`,
  );
}
if (changed > 0 || failed > 0) process.exit(1);
