// The build bundles a few dependencies into dist/ (see tsup.config.ts); their licences travel with the package.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bundled = ['yaml', 'ipaddr.js'];

const sections = bundled.map((name) => {
  const dir = join(root, 'node_modules', name);
  const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((entry) => /^licen[cs]e/i.test(entry));
  if (file === undefined) throw new Error(`${name} ships no licence file`);
  return `## ${name} ${version} (${license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
});
writeFileSync(
  join(root, 'dist', 'THIRD-PARTY-LICENSES.md'),
  `# Third-party licences\n\nThese packages are bundled into this package's files under dist/.\n\n${sections.join('\n')}`,
);
console.log(`dist/THIRD-PARTY-LICENSES.md: ${bundled.join(', ')}`);
