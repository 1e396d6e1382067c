// Regenerates docs/troubleshooting-access-denied.md by building the CLI and running every command the doc shows:
//   npx tsx scripts/generate-troubleshooting-doc.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, REPO } from './troubleshooting/build-cli.js';
import { collectRuns, renderDoc } from './troubleshooting/doc.js';

const { cli, cleanup } = await buildCli();
try {
  const runs = collectRuns(cli, REPO);
  const path = join(REPO, 'docs', 'troubleshooting-access-denied.md');
  writeFileSync(path, renderDoc(REPO, runs));
  console.log(`wrote ${path} (${runs.size} commands)`);
} finally {
  cleanup();
}
