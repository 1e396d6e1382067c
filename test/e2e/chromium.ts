// Which Chromium the end-to-end tests drive: the one `CHROMIUM_PATH` names, else the first Chromium or Chrome on
// PATH. Never a downloaded browser: playwright-core drives an installed one (Debian's package is `chromium`).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The variable that names the browser's executable, e.g. `CHROMIUM_PATH=/usr/bin/chromium`. */
export const CHROMIUM_VARIABLE = 'CHROMIUM_PATH';

/** Looked up on PATH in this order when the variable is not set. */
export const CHROMIUM_NAMES: readonly string[] = [
  'chromium',
  'chromium-browser',
  'google-chrome-stable',
  'google-chrome',
  'chrome',
];

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The browser's executable, or a one-line message that says what is missing and how to fix it.
 *
 * @param env - the environment to read `CHROMIUM_PATH` and `PATH` from
 * @returns `{ path }` of the executable, or `{ problem }`
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { problem: string } {
  const named = env[CHROMIUM_VARIABLE];
  if (named !== undefined && named !== '') {
    return isExecutableFile(named)
      ? { path: named }
      : { problem: `${CHROMIUM_VARIABLE}=${named} is not an executable file: point it at Chromium or Chrome` };
  }
  const folders = (env['PATH'] ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const name of CHROMIUM_NAMES) {
    for (const folder of folders) {
      const candidate = join(folder, name);
      if (isExecutableFile(candidate)) return { path: candidate };
    }
  }
  return {
    problem: `the end-to-end tests need Chromium, and none is on PATH (${CHROMIUM_NAMES.join(', ')}): install it (\`apt-get install chromium\` on Debian) or set ${CHROMIUM_VARIABLE} to its executable`,
  };
}
