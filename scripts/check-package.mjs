// Packs the built library, lints the tarball (publint, attw) and loads it by name from a
// fresh folder with both `import` and `require`, as a user's project would.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, cwd = root) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] }).toString();

const work = mkdtempSync(join(tmpdir(), 'iam-policy-evaluator-pack-'));
try {
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work]));
  const tarball = join(work, packed[0].filename);
  console.log(`packed ${packed[0].filename} (${packed[0].files.length} files, ${packed[0].size} bytes)`);

  console.log(run('npx', ['--no-install', 'publint', 'run', '--strict', tarball]));
  console.log(run('npx', ['--no-install', 'attw', '--pack', tarball, '--format', 'table-flipped']));

  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--offline', tarball], consumer);

  const probe = `
    if (typeof lib.parsePolicy !== 'function') throw new Error('parsePolicy is missing');
    const r = lib.parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}', { policyType: 'identity', policyId: 'smoke' });
    if (!r.ok) throw new Error('the smoke policy did not parse: ' + JSON.stringify(r.issues));
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
  // The subpaths: fast-check is an optional peer, linked from this checkout rather than fetched.
  symlinkSync(join(root, 'node_modules', 'fast-check'), join(consumer, 'node_modules', 'fast-check'), 'dir');
  const subpaths = `
    if (typeof sub.iamMatchers?.toAllow !== 'function') throw new Error('vitest matchers are missing');
    if (typeof arb.arbPolicySet !== 'function') throw new Error('arbitraries are missing');
  `;
  writeFileSync(
    join(consumer, 'subpaths.mjs'),
    `import * as sub from 'iam-policy-evaluator/vitest';\nimport * as arb from 'iam-policy-evaluator/arbitraries';\n${subpaths}\nconsole.log('subpath import ok');\n`,
  );
  writeFileSync(
    join(consumer, 'subpaths.cjs'),
    `const sub = require('iam-policy-evaluator/vitest');\nconst arb = require('iam-policy-evaluator/arbitraries');\n${subpaths}\nconsole.log('subpath require ok');\n`,
  );
  const bin = join(consumer, 'node_modules', '.bin', 'iam-policy-evaluator');
  for (const file of ['esm.mjs', 'cjs.cjs', 'schema.mjs', 'subpaths.mjs', 'subpaths.cjs']) {
    process.stdout.write(run('node', [file], consumer));
  }
  process.stdout.write(run(bin, ['--help'], consumer).split('\n')[0] + '\nbinary ok\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
