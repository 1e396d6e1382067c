// Runs every benchmark of test/bench (files named *.bench.ts), one after the other: `npm run bench`.
// Benchmarks print figures; they assert nothing and are not part of `npm test`.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const directory = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort();
for (const name of files) {
  console.log(`\n## ${name}\n`);
  await import(pathToFileURL(directory + name).href);
}
