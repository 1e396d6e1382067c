// The playground, built (docs/playground/dist) and driven in an installed headless Chromium through playwright-core
// (chromium.ts): presets decide as their scenario.json expects and replace the whole previous case, broken policies
// are pointed at, pasted messages fill the request, links restore the same case, the page works opened from a file,
// shows words rather than rule ids, and never talks to anything but its own origin.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from './chromium.js';
import { serveStatic, type StaticServer } from './static-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = join(root, 'docs/playground/dist');
const scenariosDir = join(root, 'examples/scenarios');
const screenshotPath = join(root, 'docs/playground/screenshot.png');

interface Expected {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  deniedBy?: { policyType: string; policyId: string; statementIndex?: number; sid?: string; orgLevel?: string };
  notAllowedBy?: string;
}
interface ScenarioRequest {
  principal: string;
  action: string;
  resource: string;
}
interface Scenario {
  title: string;
  request: ScenarioRequest;
  expected: Expected;
  accessDenied?: string;
  variants?: { title: string; request: ScenarioRequest; expected: Expected }[];
}

const folders = readdirSync(scenariosDir)
  .filter((name) => existsSync(join(scenariosDir, name, 'scenario.json')))
  .sort();
const scenarios = new Map(
  folders.map((folder) => [
    folder,
    JSON.parse(readFileSync(join(scenariosDir, folder, 'scenario.json'), 'utf8')) as Scenario,
  ]),
);
/** Every preset the page offers for a scenario or one of its variants, with what the scenario expects. */
const presetCases = folders.flatMap((folder) => {
  const s = scenarios.get(folder) as Scenario;
  return [
    { id: folder, title: s.title, expected: s.expected },
    ...(s.variants ?? []).map((v, i) => ({ id: `${folder}/variant-${i + 1}`, title: v.title, expected: v.expected })),
  ];
});

let server: StaticServer;
let profile: string;
let context: BrowserContext;
/** Every URL any page of the test asked for. */
const requested: string[] = [];

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('request', (request) => requested.push(request.url()));
  return page;
}

async function settled(page: Page): Promise<void> {
  await page.waitForSelector('#result[data-status="ready"]');
  await page.waitForSelector('html[data-url="synced"]');
}

async function openPage(hash = ''): Promise<Page> {
  const page = await newPage();
  await page.goto(`${server.origin}/${hash}`);
  await settled(page);
  return page;
}

async function loadPreset(page: Page, id: string): Promise<void> {
  await page.selectOption('#preset', id);
  await settled(page);
}

async function resultData(page: Page): Promise<Record<string, string | null>> {
  const result = page.locator('#result');
  const names = ['decision', 'policy-type', 'policy-id', 'statement-index', 'org-level', 'not-allowed-by'];
  const values = await Promise.all(names.map((n) => result.getAttribute(`data-${n}`)));
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? null]));
}

/** The text of every policy editor on the page (all tabs), as CodeMirror shows it. */
async function editorTexts(page: Page): Promise<string[]> {
  return page
    .locator('.policy-slot .cm-content')
    .evaluateAll((els) =>
      els.map((el) =>
        Array.from(
          el.querySelectorAll('.cm-line'),
          (line: { textContent: string | null }) => line.textContent ?? '',
        ).join('\n'),
      ),
    );
}

/** What the page must never show: a rule id in parentheses, as the library's reasons cite them (`… (V-2)`). */
const RULE_ID_CITATION = /\(([A-Z]{1,3}-\d+)\)/;
/** Nor a bare one: `E-4 explicit deny: …` in the decision flow, `EV-1` as a choice, a §1.4 row `R7`. */
const RULE_ID = /\b(?:[A-Z]{1,3}-\d+|R\d)\b/;

/** Checks the page's visible text, then its text with every <details> open, for rule ids; closes them again. */
async function expectNoRuleIds(page: Page, what: string): Promise<void> {
  expect(await page.locator('body').innerText(), what).not.toMatch(RULE_ID_CITATION);
  const details = page.locator('details');
  const open = await details.evaluateAll((els) => els.map((el) => el.hasAttribute('open')));
  await details.evaluateAll((els) => els.forEach((el) => el.setAttribute('open', '')));
  const all = await page.locator('body').innerText();
  expect(all, what).not.toMatch(RULE_ID_CITATION);
  expect(all.match(RULE_ID)?.[0], what).toBeUndefined();
  await details.evaluateAll((els, wasOpen) => els.forEach((el, i) => el.toggleAttribute('open', wasOpen[i])), open);
}

/** Everything a case shows: editors, tabs, request, options, context, message, result, and the state in the link. */
async function caseView(page: Page): Promise<Record<string, unknown>> {
  const form = page.locator('#request-form');
  return {
    editors: await page
      .locator('.policy-slot')
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('data-slot'), el.getAttribute('data-policy-id'), el.textContent]),
      ),
    tabs: await page
      .locator('[role="tab"]')
      .evaluateAll((els) =>
        els.map((el) => `${el.textContent ?? ''}${el.getAttribute('aria-selected') === 'true' ? ' *' : ''}`),
      ),
    shown: await page
      .locator('.type-panel:not([hidden]), .level-panel:not([hidden])')
      .evaluateAll((els) => els.map((el) => el.id)),
    fields: await form
      .locator('input, select, textarea')
      .evaluateAll((els) => els.map((el) => (el as unknown as { value: string }).value)),
    optionsOpen: await form.locator('details.options').evaluate((el) => el.hasAttribute('open')),
    message: await page.inputValue('#access-denied'),
    messageStatus: await page.locator('#access-denied-status').textContent(),
    verdict: await page.locator('#access-denied-verdict').textContent(),
    copyStatus: await page.locator('#copy-status').textContent(),
    result: await resultData(page),
    sentence: await page.locator('#decision-sentence').textContent(),
    body: await page.locator('#result-body').innerText(),
    preset: await page.inputValue('#preset'),
    link: new URL(page.url()).hash,
  };
}

/** Edits of every kind: request, context, options, message, a policy of a new type, an SCP level, the link copied. */
async function editEverything(page: Page): Promise<void> {
  await page.fill('#request-principal', 'arn:aws:iam::123456789012:user/someone-else');
  await page.fill('#request-resourceAccount', '210987654321');
  await page.click('#add-context-row');
  const row = page.locator('#context-table tbody tr').last();
  await row.locator('input.context-key').fill('aws:SourceIp');
  await row.locator('input.context-values').fill('not a number');
  await row.locator('select.context-type').selectOption('number');
  await page.click('details.options summary');
  await page.fill('#option-now', '2024-05-01T12:00:00Z');
  await page.fill('#option-management', '999999999999');
  await page.fill('#access-denied', 'hello world');
  await page.click('#read-access-denied');
  await page.click('[role="tab"][data-tab="session"]');
  await page.click('#policies-session .add');
  await page.click('[role="tab"][data-tab="scp"]');
  await page.click('#policies-scp .add-level');
  await page.click('#copy-link');
  await settled(page);
}

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error('docs/playground/dist is missing: run `npm run build && npm run playground:build` first');
  }
  const browser = findChromium();
  if ('problem' in browser) throw new Error(browser.problem);
  server = await serveStatic(dist);
  profile = mkdtempSync(join(tmpdir(), 'playground-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.path,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 1000 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('presets: every scenario of SCENARIOS.md and its variants', () => {
  it('offers one preset per scenario and variant', async () => {
    const page = await openPage();
    const offered = await page
      .locator('#preset option')
      .evaluateAll((els) => els.map((el) => el.getAttribute('value')));
    for (const c of presetCases) expect(offered).toContain(c.id);
    await page.close();
  });

  it.each(presetCases)('$id ($title) shows $expected.decision with the right layer and statement', async (c) => {
    const page = await openPage();
    await loadPreset(page, c.id);
    const data = await resultData(page);
    expect(data.decision).toBe(c.expected.decision);
    const badge = page.locator('#decision-badge');
    expect(await badge.textContent()).toBe(
      { Allow: 'Allow', ExplicitDeny: 'Explicit deny', ImplicitDeny: 'Implicit deny' }[c.expected.decision],
    );

    if (c.expected.decision === 'ExplicitDeny') {
      const by = c.expected.deniedBy;
      if (!by) throw new Error(`${c.id}: an explicit deny without deniedBy`);
      expect(data['policy-type']).toBe(by.policyType);
      expect(data['policy-id']).toBe(by.policyId);
      if (by.statementIndex !== undefined) expect(data['statement-index']).toBe(String(by.statementIndex));
      if (by.orgLevel !== undefined) expect(data['org-level']).toBe(by.orgLevel);
      // The deciding layer (and level) of the diagram explicitly denies and is the highlighted one.
      const layer = page.locator(`#layers li[data-layer="${by.policyType}"]`);
      expect(await layer.getAttribute('data-deciding')).toBe('true');
      expect(await layer.getAttribute('data-outcome')).toBe('explicitlyDenies');
      expect(await page.locator('#layers li[data-deciding="true"]').count()).toBe(1);
      if (by.orgLevel !== undefined) {
        const level = layer.locator(`[data-level="${by.orgLevel}"]`);
        expect(await level.getAttribute('data-deciding')).toBe('true');
        expect(await level.getAttribute('data-outcome')).toBe('explicitlyDenies');
      }
      // The deciding statement's source is shown, with the matched elements marked.
      const statement = page.locator(`#deciding-statement [data-statement="${by.policyId}/${by.statementIndex ?? 0}"]`);
      expect(await statement.count()).toBe(1);
      expect(await statement.locator('pre.source mark.hit').count()).toBeGreaterThan(0);
      const source = (await statement.locator('pre.source').textContent()) ?? '';
      expect(source).toContain('"Deny"');
      if (by.sid !== undefined) expect(source).toContain(by.sid);
    } else if (c.expected.decision === 'ImplicitDeny') {
      expect(data['not-allowed-by']).toBe(c.expected.notAllowedBy);
      const layer = page.locator(`#layers li[data-layer="${c.expected.notAllowedBy}"]`);
      expect(await layer.getAttribute('data-deciding')).toBe('true');
      expect(await layer.getAttribute('data-outcome')).toBe('doesNotAllow');
    } else {
      // An Allow names the granting statements and marks their layers as allowing; the account root user needs
      // none (E-3), and the page says why.
      const granting = page.locator('#deciding-statement .statement');
      if ((await page.locator('#deciding-statement[data-no-statement]').count()) === 1) {
        const identityReason = (await page.locator('#layers li[data-layer="identity"] .reason').textContent()) ?? '';
        expect(identityReason).not.toBe('');
        expect(await page.locator('#deciding-statement').textContent()).toContain(identityReason);
      } else {
        expect(await granting.count()).toBeGreaterThan(0);
      }
      for (const layer of await page.locator('#layers li[data-deciding="true"]').all()) {
        expect(await layer.getAttribute('data-outcome')).toBe('allows');
      }
    }
    // What would change the outcome, from explain().
    expect(await page.locator('#what-would-change').count()).toBe(1);
    // Words, not the rule ids the library's reasons and trace cite.
    await expectNoRuleIds(page, c.id);
    await page.close();
  });
});

describe('choosing a preset replaces the whole case', () => {
  it.each([
    // The same types and SCP levels: the level shown last (the OU that denied) must not stay selected.
    ['08-scp-deny', '08-scp-deny/variant-1'],
    // Types the next case does not have (resource, VPC endpoint), a context key, a resource account.
    ['06-vpce-only', '07-boundary-deny'],
    ['10-error-message', '01-identity-deny'],
  ])('%s, edited, then %s shows exactly what %s shows on a fresh page', async (from, to) => {
    const fresh = await openPage();
    await loadPreset(fresh, to);
    const expected = await caseView(fresh);
    await fresh.close();

    const page = await openPage();
    await loadPreset(page, from);
    await editEverything(page);
    await loadPreset(page, to);
    expect(await caseView(page)).toEqual(expected);
    await page.close();
  });

  it('after edits the picker offers the same scenario again, and choosing it starts it over', async () => {
    const fresh = await openPage();
    await loadPreset(fresh, '06-vpce-only');
    const expected = await caseView(fresh);
    await fresh.close();

    const page = await openPage();
    await loadPreset(page, '06-vpce-only');
    expect(await page.inputValue('#preset')).toBe('06-vpce-only');
    await editEverything(page);
    // A select reports no change for its current option: once edited, the case is no longer shown as the preset.
    expect(await page.inputValue('#preset')).toBe('');
    expect(await page.locator('#preset option').first().textContent()).toMatch(/^Edited/);
    await loadPreset(page, '06-vpce-only');
    expect(await caseView(page)).toEqual(expected);
    await page.close();
  });
});

describe('editing policies', () => {
  it('typing a broken policy shows the issue inline at its line, and fixing it by keyboard clears it', async () => {
    const page = await openPage();
    await loadPreset(page, '01-identity-deny');
    const pasted = readFileSync(join(scenariosDir, '01-identity-deny/as-pasted/deny-delete-role.txt'), 'utf8');
    const editor = page.locator('.policy-slot[data-policy-id="DenyDeleteRole"] .cm-content');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(pasted);
    const issue = page.locator('.policy-slot[data-policy-id="DenyDeleteRole"] .issue[data-code="missing_comma"]');
    await issue.waitFor();
    // The paste lacks the comma at the end of line 3 (`"Action": "iam:DeleteRole"`): the issue names that line.
    const missingCommaLine = pasted.split('\n').findIndex((line) => line.includes('"iam:DeleteRole"')) + 1;
    const line = Number(await issue.getAttribute('data-line'));
    expect([missingCommaLine, missingCommaLine + 1]).toContain(line);
    // CodeMirror marks the same line inline and in the gutter.
    const lines = editor.locator('.cm-line');
    expect(
      await lines
        .nth(line - 1)
        .locator('.cm-lintRange-error')
        .count(),
    ).toBeGreaterThan(0);
    expect(
      await page.locator('.policy-slot[data-policy-id="DenyDeleteRole"] .cm-lint-marker-error').count(),
    ).toBeGreaterThan(0);
    // No decision is given from a policy with errors.
    await settled(page);
    expect((await resultData(page)).decision).toBe('Invalid');

    // Type the missing comma at the end of the Action line.
    await lines.nth(missingCommaLine - 1).click();
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    await issue.waitFor({ state: 'detached' });
    await page.close();
  });

  it('the user’s broken pastes (as-pasted presets) are refused with an issue at a line', async () => {
    const page = await openPage();
    const ids = await page
      .locator('#preset option')
      .evaluateAll((els) => els.map((el) => el.getAttribute('value') ?? '').filter((v) => v.includes('/as-pasted/')));
    expect(ids.length).toBe(folders.filter((f) => existsSync(join(scenariosDir, f, 'as-pasted'))).length);
    for (const id of ids) {
      await loadPreset(page, id);
      await page.locator('.issue.error').first().waitFor();
      expect((await resultData(page)).decision).toBe('Invalid');
      const first = page.locator('#evaluation-issues li').first();
      expect(await first.textContent()).toMatch(/line \d+, column \d+/);
      await expectNoRuleIds(page, id);
    }
    await page.close();
  });

  it('a policy type tab is reachable and switchable by keyboard', async () => {
    const page = await openPage();
    await loadPreset(page, '08-scp-deny');
    const scpTab = page.locator('[role="tab"][data-tab="scp"]');
    expect(await scpTab.getAttribute('aria-selected')).toBe('true');
    await scpTab.focus();
    await page.keyboard.press('ArrowRight');
    const rcpTab = page.locator('[role="tab"][data-tab="rcp"]');
    expect(await rcpTab.getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate('document.activeElement.getAttribute("data-tab")')).toBe('rcp');
    expect(await page.locator('#policies-rcp').isVisible()).toBe(true);
    expect(await page.locator('#policies-scp').isVisible()).toBe(false);
    await page.close();
  });
});

describe('the request form', () => {
  it('tells an absent context key from an empty set (ForAllValues on aws:TagKeys, C-23)', async () => {
    const page = await openPage();
    await loadPreset(page, '03-anded-conditions');
    const row = page.locator('#context-table tbody tr', {
      has: page.locator('input.context-key[value="aws:TagKeys"]'),
    });
    const tagKeys = page.locator('#deciding-statement table.conditions tr[data-key="aws:TagKeys"]');

    // A list with no values: the key is sent, as the empty set.
    await row.locator('textarea.context-values').fill('');
    await settled(page);
    expect(await tagKeys.locator('td').nth(0).textContent()).toContain('supplied');
    expect(await tagKeys.locator('td').nth(2).textContent()).toContain('empty set');

    // Absent: the key is not sent at all.
    await row.locator('select.context-type').selectOption('absent');
    await settled(page);
    expect(await tagKeys.locator('td').nth(0).textContent()).toContain('missing');
    expect(await tagKeys.locator('td').nth(2).textContent()).toBe('absent');
    await page.close();
  });

  it('applies a suggested context change with one click', async () => {
    const page = await openPage();
    await loadPreset(page, '02-mfa-notaction');
    expect((await resultData(page)).decision).toBe('ExplicitDeny');
    const suggestion = page.locator('#what-would-change li[data-key="aws:MultiFactorAuthPresent"] button.apply');
    await suggestion.click();
    await settled(page);
    expect((await resultData(page)).decision).toBe('Allow');
    const row = page.locator('#context-table tbody tr').last();
    expect(await row.locator('input.context-key').inputValue()).toBe('aws:MultiFactorAuthPresent');
    expect(await row.locator('select.context-type').inputValue()).toBe('bool');
    expect(await row.locator('select.context-values').inputValue()).toBe('true');
    await page.close();
  });

  it('says why a request cannot be evaluated instead of guessing', async () => {
    const page = await openPage();
    await page.fill('#request-principal', 'nobody');
    await settled(page);
    expect((await resultData(page)).decision).toBe('Invalid');
    // The library's reason, with the user's input quoted (STYLE.md message grammar).
    expect(await page.locator('#decision-sentence').textContent()).toMatch(/^The request could not be evaluated: ./);
    expect(await page.locator('#decision-sentence code').allTextContents()).toContain('nobody');
    await page.close();
  });

  it('starts the keyboard focus order with a skip link to the result', async () => {
    const page = await openPage();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("href")')).toBe('#result');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('result');
    await page.close();
  });
});

describe('the AccessDenied box', () => {
  it('pasting a message fills the request and says whether the engine agrees', async () => {
    const scenario = scenarios.get('10-error-message') as Scenario;
    const message = scenario.accessDenied ?? '';
    const page = await openPage();
    await loadPreset(page, '10-error-message');
    for (const id of ['#request-principal', '#request-action', '#request-resource', '#access-denied'])
      await page.fill(id, '');
    await settled(page);
    await page.evaluate(
      `navigator.clipboard.writeText(${JSON.stringify(`An error occurred (AccessDenied) when calling the RunInstances operation: ${message}`)})`,
    );
    await page.focus('#access-denied');
    await page.keyboard.press('Control+V');
    await page.locator('#access-denied-status', { hasText: 'Filled the request' }).waitFor();
    await settled(page);
    expect(await page.inputValue('#request-principal')).toBe(scenario.request.principal);
    expect(await page.inputValue('#request-action')).toBe(scenario.request.action);
    expect(await page.inputValue('#request-resource')).toBe(scenario.request.resource);
    const verdict = page.locator('#access-denied-verdict');
    expect(await verdict.getAttribute('class')).toContain('agrees');
    expect(await verdict.textContent()).toContain('The engine agrees');
    await page.close();
  });

  it('says so when the policies given do not explain the message', async () => {
    const page = await openPage();
    await loadPreset(page, '10-error-message/variant-1');
    // The variant runs in eu-west-1, where nothing denies: the message claims an SCP deny anyway.
    const scenario = scenarios.get('10-error-message') as Scenario;
    await page.fill('#access-denied', scenario.accessDenied ?? '');
    await page.click('#read-access-denied');
    await settled(page);
    expect((await resultData(page)).decision).toBe('Allow');
    const verdict = page.locator('#access-denied-verdict');
    expect(await verdict.getAttribute('class')).toContain('differs');
    // explainAccessDenied says where the verdict differs, e.g. which Deny would match with another context.
    expect(await verdict.locator('li.difference').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('text that is not an AccessDenied message gives a clear error, not a guess', async () => {
    const page = await openPage();
    await page.fill('#access-denied', 'hello world');
    await page.click('#read-access-denied');
    const status = page.locator('#access-denied-status');
    await status.locator('text=could not be read').waitFor();
    await page.close();
  });
});

describe('links', () => {
  it('a shared URL restores the same state in a fresh page', async () => {
    const page = await openPage();
    await loadPreset(page, '03-anded-conditions');
    // Change the request and a policy so that the link carries more than the preset.
    await page.fill('#request-principal', 'arn:aws:sts::123456789012:assumed-role/Ec2Operator/other-session');
    await page.click('#add-context-row');
    await page.locator('#context-table tbody tr').last().locator('input.context-key').fill('aws:RequestedRegion');
    await page.locator('#context-table tbody tr').last().locator('input.context-values').fill('eu-west-1');
    await page.locator('#context-table tbody tr').last().locator('select.context-type').selectOption('string[]');
    await settled(page);
    const url = page.url();
    expect(url).toContain('#s=');
    const before = {
      principal: await page.inputValue('#request-principal'),
      rows: await page.locator('#context-table tbody tr').count(),
      editors: await editorTexts(page),
      result: await resultData(page),
      summary: await page.locator('#decision-sentence').textContent(),
      preset: await page.inputValue('#preset'),
    };
    expect(before.editors.join('\n')).toContain('"Statement"');
    const other = await newPage();
    await other.goto(url);
    await settled(other);
    const after = {
      principal: await other.inputValue('#request-principal'),
      rows: await other.locator('#context-table tbody tr').count(),
      editors: await editorTexts(other),
      result: await resultData(other),
      summary: await other.locator('#decision-sentence').textContent(),
      preset: await other.inputValue('#preset'),
    };
    expect(after).toEqual(before);
    expect(await other.locator('#context-table tbody tr').last().locator('select.context-type').inputValue()).toBe(
      'string[]',
    );
    await page.close();
    await other.close();
  });
});

describe('opened from a file', () => {
  it('is one self-contained index.html', () => {
    expect(readdirSync(dist)).toEqual(['index.html']);
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+rel="stylesheet"/);
  });

  it('works from a file:// URL: the engine loads and presets decide, with no request and no error', async () => {
    const page = await context.newPage();
    const url = pathToFileURL(join(dist, 'index.html')).href;
    const asked: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => asked.push(request.url()));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(url);
    await settled(page);
    expect((await resultData(page)).decision).toBe(presetCases[0]?.expected.decision);
    await loadPreset(page, '08-scp-deny');
    expect(await resultData(page)).toMatchObject({ decision: 'ExplicitDeny', 'org-level': 'ou-abcd-11111111' });
    expect(await page.locator('#preset-summary').textContent()).not.toBe('');
    expect(page.url().startsWith(`${url}#s=`)).toBe(true);
    expect(asked.filter((address) => !address.startsWith(url))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/**
 * Runs in the page: every line break inside the condition table's `<code>` elements (keys, operators, values), as
 * the browser laid them out, with the characters on both sides. A break is fine after `:`, `/` or a space.
 */
const CONDITION_BREAKS = `(() => {
  const breaks = [];
  for (const code of document.querySelectorAll('table.conditions code')) {
    const range = document.createRange();
    let last;
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        if (last && box.top > last.top + 1) breaks.push({ text: code.textContent, before: last.char, after: node.data[i] });
        last = { top: box.top, char: node.data[i] };
      }
    }
  }
  return breaks;
})()`;

describe('the condition table at a phone width', () => {
  it('breaks keys such as aws:PrincipalTag/CostCenter, operators and ARNs only after : or /, never inside a word', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.origin}/`);
    await settled(page);
    await loadPreset(page, '01-identity-deny');
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyOutsideCostCenter',
          Effect: 'Deny',
          Action: 'iam:DeleteRole',
          Resource: '*',
          Condition: {
            StringNotEqualsIfExists: { 'aws:PrincipalTag/CostCenter': ['cc-1234', 'cc-5678'] },
            'ForAllValues:StringNotLike': { 'aws:RequestTag/Environment': 'prod*' },
            ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/BreakGlassAdministratorRole' },
          },
        },
      ],
    };
    await page.locator('.policy-slot[data-policy-id="DenyDeleteRole"] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify(policy, null, 2));
    await page.locator('#deciding-statement table.conditions tr[data-key="aws:PrincipalTag/CostCenter"]').waitFor();
    await settled(page);
    const breaks = (await page.evaluate(CONDITION_BREAKS)) as { text: string; before: string; after: string }[];
    // The narrow column does wrap the long key, so the check below is not vacuous.
    expect(breaks.some((b) => b.text === 'aws:PrincipalTag/CostCenter')).toBe(true);
    expect(breaks.filter((b) => !':/ '.includes(b.before) && b.after !== ' ')).toEqual([]);
    // The page itself still does not scroll sideways: a table too wide scrolls in its own box.
    expect(
      await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBeLessThanOrEqual(0);
    await page.close();
  });
});

describe('privacy, layout and the screenshot', () => {
  it('ships a Content-Security-Policy that forbids network access', () => {
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/
      .exec(html)?.[1]
      ?.replaceAll('&#39;', "'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'none'");
  });

  it('never requests anything but its own origin', async () => {
    // Everything the page does (this test's own steps, and every test before it in this file) is recorded.
    const page = await openPage();
    await loadPreset(page, '06-vpce-only');
    await page.click('#read-access-denied');
    await page.click('#copy-link');
    await settled(page);
    await page.close();
    expect(requested.some((url) => url.endsWith('/'))).toBe(true);
    const foreign = requested.filter((url) => !url.startsWith(`${server.origin}/`));
    expect(foreign).toEqual([]);
  });

  it('is readable at a phone width: no horizontal scrolling', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${server.origin}/`);
    await settled(page);
    await loadPreset(page, '08-scp-deny');
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('takes the README screenshot', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 1440, height: 1500 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.goto(`${server.origin}/`);
    await settled(page);
    await loadPreset(page, '08-scp-deny');
    await page.screenshot({ path: screenshotPath });
    expect(existsSync(screenshotPath)).toBe(true);
    await page.close();
  });
});
