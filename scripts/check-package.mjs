// Packs the built library, lints the tarball (publint, attw), installs it into a fresh consumer folder and uses it
// there by name, as a user's project would: `import` and `require` of every entry, the binary, a vitest run that
// registers the matchers through `iam-policy-evaluator/vitest/setup`, and a strict type check of the published
// declarations with TypeScript 5.9 and TypeScript 7, for `module: nodenext` and `moduleResolution: bundler`.
// No network and no npm cache are needed: the package's dependencies and peers are linked from this checkout's
// node_modules (so `npm ci && npm run build` is enough, even with an empty cache).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(import.meta.dirname, '..');
/** Runs a command and returns its output; on failure the output is shown too, since it says what went wrong. */
const run = (cmd, args, cwd = root, env = process.env) => {
  try {
    return execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    throw error;
  }
};
class CheckFailure extends Error {}
const fail = (message) => {
  throw new CheckFailure(message);
};

/** The compilers the declarations must satisfy: the repository's own, and TypeScript 7 (installed as `typescript-7`). */
const COMPILERS = [
  { folder: 'typescript', major: 5 },
  { folder: 'typescript-7', major: 7 },
];

// A user's tests: one file uses all five entries, the other only the setup entry, which must bring the matcher
// types with it.
const ENTRIES_TEST = `// Every entry of the package, as a user's test would import it; strict, with the library's .d.ts files checked.
import {
  computeCoverage,
  coverageSamples,
  evaluate,
  runIntentSuite,
  type EvaluationResult,
  type IntentSuiteResult,
  type PolicySet,
  type RequestInput,
} from 'iam-policy-evaluator';
import { assertDecision, iamMatchers, type AllowExpectation, type IamMatchers } from 'iam-policy-evaluator/vitest';
import 'iam-policy-evaluator/vitest/setup';
import { arbEvaluationInput } from 'iam-policy-evaluator/arbitraries';
import { formatCoverage, formatFailureLine, formatJUnit, formatTotals } from 'iam-policy-evaluator/reporters';
import fc from 'fast-check';
import { expect, test } from 'vitest';

// Registering again after the setup import is harmless, and is what a project without the setup entry writes.
expect.extend(iamMatchers);

const policies: PolicySet = {
  identity: [
    {
      id: 'read',
      document: {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
      },
    },
  ],
};
const request: RequestInput = {
  principal: 'arn:aws:iam::123456789012:user/alice',
  action: 's3:GetObject',
  resource: '*',
};
const byRead: AllowExpectation = { by: { policyType: 'identity', sid: 'Read' } };

test('the matchers', async () => {
  expect(policies).toAllow(request, byRead);
  expect(policies).not.toExplicitlyDeny(request);
  expect(policies).toImplicitlyDeny({ ...request, action: 's3:PutObject' }, { notAllowedBy: 'identity' });
  expect({ set: policies }).toEqual({ set: expect.toAllow(request) });
  await expect(Promise.resolve(policies)).resolves.toAllow(request);
  const names: (keyof IamMatchers)[] = ['toAllow', 'toExplicitlyDeny', 'toImplicitlyDeny'];
  for (const name of names) expect(typeof iamMatchers[name]).toBe('function');
  const result: EvaluationResult = evaluate({ request, policies });
  expect(result.decision).toBe('Allow');
  assertDecision(policies, request, { decision: 'Allow', allowedBy: { policyType: 'identity', sid: 'Read' } });
});

test('the arbitraries', () => {
  const explicitDenyNamesItsStatement = fc.property(arbEvaluationInput({ policyTypes: ['identity', 'scp'] }), (input) => {
    const r = evaluate(input);
    return (r.decision === 'ExplicitDeny') === (r.deniedBy !== undefined);
  });
  fc.assert(explicitDenyNamesItsStatement, { numRuns: 50 });
});

test('the reporters', () => {
  const intent = {
    name: 'alice writes',
    policies: {},
    policySet: policies,
    policyFiles: [],
    request: { ...request, action: 's3:PutObject' },
    expect: { decision: 'Allow' as const },
    location: { file: 'intent.yaml', line: 3, column: 5 },
  };
  const suite: IntentSuiteResult = runIntentSuite({ file: 'intent.yaml', tests: [intent] });
  expect(formatTotals([suite])).toBe('0 passed, 1 failed');
  expect(formatFailureLine(suite.results[0]!)).toMatch(/^FAIL intent\\.yaml:3:5 alice writes: expected Allow, got ImplicitDeny/);
  expect(formatJUnit([suite])).toContain('<failure ');
  const lines: string[] = formatCoverage(computeCoverage(coverageSamples([suite])));
  expect(lines[0]).toMatch(/^coverage: /);
});
`;

const SETUP_ONLY_TEST = `// The setup entry alone registers the matchers and brings their types: no expect.extend, no other import.
import 'iam-policy-evaluator/vitest/setup';
import { expect, test } from 'vitest';

const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 's3:GetObject', resource: '*' };

test('registered by the setup import', () => {
  expect({ identity: [] }).toImplicitlyDeny(request, { notAllowedBy: 'identity' });
  expect({ identity: [] }).not.toAllow(request);
  expect([{ identity: [] }]).toEqual([expect.toImplicitlyDeny(request)]);
});
`;

const work = mkdtempSync(join(tmpdir(), 'iam-policy-evaluator-pack-'));
try {
  if (!existsSync(join(root, 'dist', 'index.js'))) fail('dist/ is missing: run `npm run build` first');
  const compilers = COMPILERS.map(({ folder, major }) => {
    const manifest = join(root, 'node_modules', folder, 'package.json');
    if (!existsSync(manifest)) fail(`node_modules/${folder} is missing: run \`npm ci\``);
    const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
    if (Number.parseInt(version, 10) !== major) fail(`node_modules/${folder} is TypeScript ${version}, not ${major}.x`);
    // By path, not `npx tsc`: both packages name their binary `tsc`.
    return { name: `TypeScript ${version}`, tsc: join(root, 'node_modules', folder, 'bin', 'tsc') };
  });

  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
  const tarball = join(work, packed[0].filename);
  console.log(`packed ${packed[0].filename} (${packed[0].files.length} files, ${packed[0].size} bytes)`);

  console.log(run('npx', ['--no-install', 'publint', 'run', '--strict', tarball]));
  console.log(run('npx', ['--no-install', 'attw', '--pack', tarball, '--format', 'table-flipped']));

  // The consumer depends on the tarball and on this checkout's copies of its dependencies: npm links those folders
  // instead of fetching them, so `--offline` holds with any cache, even an empty one. The optional peers (fast-check,
  // vitest) are linked by hand afterwards, as a project that has them would provide them; listed as dependencies too,
  // they can trip npm's peer placement (`Cannot read properties of null (reading 'matches')`).
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const fromCheckout = (name) => {
    const folder = join(root, 'node_modules', name);
    if (!existsSync(folder)) fail(`node_modules/${name} is missing: run \`npm ci\``);
    return folder;
  };
  const linked = Object.keys(manifest.dependencies).sort();
  const peers = Object.keys(manifest.peerDependencies).sort();
  const dependencies = { [manifest.name]: `file:${tarball}` };
  for (const name of linked) dependencies[name] = `file:${fromCheckout(name)}`;
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies }, null, 2),
  );
  run(
    'npm',
    [
      'install',
      '--offline',
      '--install-links=false',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
      '--loglevel=error',
    ],
    consumer,
  );
  for (const name of peers) symlinkSync(fromCheckout(name), join(consumer, 'node_modules', name), 'dir');
  console.log(`installed the tarball offline; linked from node_modules: ${[...linked, ...peers].join(', ')}`);

  const probe = `
    if (typeof lib.parsePolicy !== 'function') throw new Error('parsePolicy is missing');
    const r = lib.parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', { policyType: 'identity', policyId: 'smoke' });
    if (!r.ok) throw new Error('the smoke policy did not parse: ' + JSON.stringify(r.issues));
    // The bundled catalogue loads from the installed package, through its own export (CAT-10).
    const catalogue = lib.awsCatalogue();
    if (catalogue?.action('s3:getobject')?.id !== 's3:GetObject') throw new Error('the bundled catalogue did not load');
  `;
  writeFileSync(
    join(consumer, 'esm.mjs'),
    `import * as lib from 'iam-policy-evaluator';\n${probe}\nconsole.log('import ok');\n`,
  );
  writeFileSync(
    join(consumer, 'cjs.cjs'),
    `const lib = require('iam-policy-evaluator');\n${probe}\nconsole.log('require ok');\n`,
  );
  writeFileSync(
    join(consumer, 'schema.mjs'),
    `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nconst s = require('iam-policy-evaluator/schemas/policy.schema.json');\nif (!s.$id) throw new Error('schema has no $id');\nconsole.log('schemas ok');\n`,
  );
  const subpaths = `
    if (typeof sub.iamMatchers?.toAllow !== 'function') throw new Error('vitest matchers are missing');
    if (typeof arb.arbPolicySet !== 'function') throw new Error('arbitraries are missing');
    if (typeof rep.formatJUnit !== 'function' || typeof rep.formatCoverage !== 'function') throw new Error('reporters are missing');
  `;
  writeFileSync(
    join(consumer, 'subpaths.mjs'),
    `import * as sub from 'iam-policy-evaluator/vitest';\nimport * as arb from 'iam-policy-evaluator/arbitraries';\nimport * as rep from 'iam-policy-evaluator/reporters';\nimport 'iam-policy-evaluator/vitest/setup';\n${subpaths}\nconsole.log('subpath import ok');\n`,
  );
  // vitest refuses require() (it is ESM only), so the setup entry's CommonJS side is only resolved, never run.
  writeFileSync(
    join(consumer, 'subpaths.cjs'),
    `const sub = require('iam-policy-evaluator/vitest');\nconst arb = require('iam-policy-evaluator/arbitraries');\nconst rep = require('iam-policy-evaluator/reporters');\nif (!require.resolve('iam-policy-evaluator/vitest/setup').endsWith('vitest-setup.cjs')) throw new Error('vitest/setup does not resolve for require');\n${subpaths}\nconsole.log('subpath require ok');\n`,
  );
  const bin = join(consumer, 'node_modules', '.bin', 'iam-policy-evaluator');
  for (const file of ['esm.mjs', 'cjs.cjs', 'schema.mjs', 'subpaths.mjs', 'subpaths.cjs']) {
    process.stdout.write(run('node', [file], consumer));
  }
  process.stdout.write(run(bin, ['--help'], consumer).split('\n')[0] + '\nbinary ok\n');

  // vitest runs both test files; then each is type-checked in a program of its own, so that the setup entry's
  // types are checked without the `./vitest` import of the other file.
  writeFileSync(join(consumer, 'entries.test.ts'), ENTRIES_TEST);
  writeFileSync(join(consumer, 'setup-only.test.ts'), SETUP_ONLY_TEST);
  // Plain output, whatever the caller's terminal settings, for the summary line below.
  const { FORCE_COLOR: _force, ...plain } = process.env;
  const vitest = run(process.execPath, [join(consumer, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], consumer, {
    ...plain,
    NO_COLOR: '1',
  });
  const tests = /Tests\s+(\d+ passed[^\n]*)/.exec(vitest)?.[1];
  console.log(`vitest in the consumer: ${tests ?? vitest}`);

  const RESOLUTIONS = {
    nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
  };
  const checks = [];
  for (const [resolution, options] of Object.entries(RESOLUTIONS)) {
    for (const file of ['entries.test.ts', 'setup-only.test.ts']) {
      const config = `tsconfig.${resolution}.${file.replace(/\.test\.ts$/, '')}.json`;
      const compilerOptions = {
        ...options,
        target: 'es2022',
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        types: [],
      };
      writeFileSync(join(consumer, config), JSON.stringify({ compilerOptions, files: [file] }, null, 2));
      for (const compiler of compilers)
        checks.push({ compiler, config, label: `${compiler.name}, ${resolution}, ${file}` });
    }
  }
  const failures = await inParallel(checks, async ({ compiler, config, label }) => {
    try {
      await promisify(execFile)(process.execPath, [compiler.tsc, '-p', config, '--pretty', 'false'], { cwd: consumer });
      console.log(`types ok: ${label}`);
      return undefined;
    } catch (error) {
      return `types fail: ${label}\n${error.stdout ?? ''}${error.stderr ?? ''}`;
    }
  });
  if (failures.length > 0) fail(`the published declarations do not type-check:\n${failures.join('\n')}`);
} catch (error) {
  // A failed command has already printed why; a failed check says it here.
  console.error(`check-package: ${error instanceof CheckFailure ? error.message : `failed: ${error.message}`}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Runs `task` on every item, as many at a time as there are cores; returns the messages of those that failed. */
async function inParallel(items, task) {
  const failures = [];
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
      const failure = await task(item);
      if (failure !== undefined) failures.push(failure);
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), queue.length) }, worker));
  return failures;
}
