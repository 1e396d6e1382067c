// Wires the page together. The engine is loaded through a dynamic import, so the editor and the form appear
// before (and bundle apart from) the evaluation code.
import type { ContextChange, ParsedAccessDenied } from 'iam-policy-evaluator';
import { AccessDeniedBox } from './access-denied.js';
import type { App, Change, EngineModule } from './app.js';
import { h, replaceChildren } from './dom.js';
import { PolicyPanel } from './policy-panel.js';
import { PRESETS } from './presets.js';
import { RequestForm } from './request-form.js';
import { ResultView } from './result-view.js';
import {
  contextFromRows,
  defaultState,
  evaluateOptions,
  evaluationInput,
  rowsFromContext,
  type PlaygroundState,
} from './state.js';
import { decodeState, encodeState } from './url-state.js';
import './styles.css';

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no element \`#${id}\``);
  return el as T;
};

const EVALUATE_DELAY_MS = 120;
const URL_DELAY_MS = 300;

class Playground implements App {
  state: PlaygroundState;
  readonly engine: Promise<EngineModule>;
  private readonly policies: PolicyPanel;
  private readonly request: RequestForm;
  private readonly message: AccessDeniedBox;
  private readonly result: ResultView;
  private readonly presetSelect = byId<HTMLSelectElement>('preset');
  private evaluateTimer: ReturnType<typeof setTimeout> | undefined;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  /** The fragment this page wrote last, to tell its own updates from a link the user opened. */
  private writtenHash = '';
  private lastResource = '';
  /** Counts changes, so that a slow step finishing late does not report a stale state as current. */
  private revision = 0;
  private evaluationRevision = 0;
  /** Set when a preset is loaded: its first result shows the deciding policy's editor. */
  private revealDeciding = false;

  constructor(state: PlaygroundState, engine: Promise<EngineModule>) {
    this.state = state;
    this.engine = engine;
    this.result = new ResultView(byId('result-summary'), byId('result-body'), {
      focusPolicy: (type, id, line, column, level) => this.policies.focusPolicy(type, id, line, column, level),
      applyChange: (change) => this.applyChange(change),
    });
    this.policies = new PolicyPanel(byId('policy-panel'), this);
    this.request = new RequestForm(byId('request-form'), this);
    this.message = new AccessDeniedBox(byId('access-denied-box'), this, (parsed) => this.fillFromMessage(parsed));
    this.buildPresetPicker();
    byId('copy-link').addEventListener('click', () => void this.copyLink());
    window.addEventListener('hashchange', () => void this.openFragment());
  }

  /** Shows a whole new state (at start, a preset chosen or a link opened): every part is rebuilt from it alone. */
  renderAll(): void {
    this.showPresetSummary();
    byId('copy-status').textContent = '';
    this.policies.load();
    this.request.load();
    this.lastResource = this.state.request.resource;
    void this.message.render();
    this.changed('all');
  }

  changed(change: Change): void {
    this.revision += 1;
    if (change !== 'tab') this.showPresetChoice();
    if (change === 'request' && this.state.request.resource !== this.lastResource) {
      this.lastResource = this.state.request.resource;
      this.policies.revalidateResource();
    }
    if (change !== 'tab') {
      this.evaluationRevision += 1;
      this.result.pending();
      clearTimeout(this.evaluateTimer);
      this.evaluateTimer = setTimeout(() => void this.evaluate(), EVALUATE_DELAY_MS);
    }
    clearTimeout(this.urlTimer);
    document.documentElement.dataset.url = 'pending';
    this.urlTimer = setTimeout(() => void this.writeUrl(), URL_DELAY_MS);
  }

  private async evaluate(): Promise<void> {
    const revision = this.evaluationRevision;
    const engine = await this.engine;
    if (revision !== this.evaluationRevision) return;
    const { context, problems } = contextFromRows(this.state.request.context);
    this.request.showProblems(problems);
    const input = evaluationInput(this.state, context);
    const options = evaluateOptions(this.state);
    const outcome = engine.run(input, options);
    this.result.render(outcome, this.state);
    if (this.revealDeciding && outcome.kind === 'result') {
      // After a preset: show the editor of the policy that decided.
      this.revealDeciding = false;
      const { result } = outcome;
      if (result.deniedBy)
        this.policies.reveal(result.deniedBy.policyType, result.deniedBy.policyId, result.deniedBy.orgLevel);
      else if (result.notAllowedBy) this.policies.showTab(result.notAllowedBy);
      this.changed('tab');
    }
    this.message.showVerdict(
      outcome.kind === 'result' && this.message.current
        ? engine.judgeMessage(this.state.accessDenied, input, options)
        : undefined,
    );
  }

  private async writeUrl(): Promise<void> {
    const revision = this.revision;
    const hash = `#${await encodeState(this.state)}`;
    if (revision !== this.revision) return;
    this.writtenHash = hash;
    if (location.hash !== hash) history.replaceState(null, '', hash);
    document.documentElement.dataset.url = 'synced';
  }

  /** Opens the state a link carries (typed into the address bar, or pasted). */
  private async openFragment(): Promise<void> {
    if (location.hash === this.writtenHash) return;
    const state = await decodeState(location.hash);
    if (!state) return;
    this.state = state;
    this.writtenHash = location.hash;
    this.renderAll();
  }

  /** Puts one of explain's context changes into the request's context table. */
  private applyChange(change: ContextChange): void {
    const rows = this.state.request.context;
    const wanted = change.key.toLowerCase();
    let row = rows.find((r) => r.key.trim().toLowerCase() === wanted);
    if (!row) {
      row = { key: change.key, type: 'absent', values: [] };
      rows.push(row);
    }
    if (change.kind === 'remove' || change.value === undefined) {
      row.type = 'absent';
    } else {
      const [fresh] = rowsFromContext({ [change.key]: change.value });
      if (fresh) Object.assign(row, { type: fresh.type, values: fresh.values });
    }
    this.request.render();
    this.changed('request');
  }

  private fillFromMessage(parsed: ParsedAccessDenied): void {
    const r = this.state.request;
    r.principal = parsed.principal;
    r.action = parsed.action;
    r.resource = parsed.resource ?? '*';
    this.request.render();
    if (parsed.policyType !== undefined) this.policies.showTab(parsed.policyType);
    this.changed('request');
  }

  private buildPresetPicker(): void {
    const groups = new Map<string, HTMLOptGroupElement>();
    const options: HTMLElement[] = [h('option', { value: '' }, 'Choose a scenario…')];
    for (const preset of PRESETS) {
      let group = groups.get(preset.group);
      if (!group) {
        group = h('optgroup', { label: preset.group });
        groups.set(preset.group, group);
        options.push(group);
      }
      group.appendChild(h('option', { value: preset.id }, preset.label));
    }
    replaceChildren(this.presetSelect, options);
    this.presetSelect.addEventListener('change', () => {
      const preset = PRESETS.find((p) => p.id === this.presetSelect.value);
      if (!preset) return;
      this.state = preset.state();
      this.revealDeciding = true;
      this.renderAll();
    });
  }

  /**
   * The picker names the preset while the state is that preset as loaded (whichever tab is shown). Once edited it
   * shows its first entry, so that choosing the same scenario again starts it over: a select reports no change when
   * its current option is chosen.
   */
  private showPresetChoice(): void {
    const preset = PRESETS.find((p) => p.id === this.state.preset);
    const pristine = preset !== undefined && sameCase(preset.state(), this.state);
    this.presetSelect.value = pristine ? this.state.preset : '';
    const first = this.presetSelect.options[0];
    if (first)
      first.textContent =
        preset !== undefined && !pristine ? 'Edited: choose a scenario to start over…' : 'Choose a scenario…';
  }

  private showPresetSummary(): void {
    const preset = PRESETS.find((p) => p.id === this.state.preset);
    byId('preset-summary').textContent = preset?.summary ?? '';
  }

  private async copyLink(): Promise<void> {
    await this.writeUrl();
    const status = byId('copy-status');
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = 'Link copied.';
    } catch {
      status.textContent = 'Copy the address bar: it holds this case.';
    }
  }
}

/** The same case: equal states once the tab shown is left aside (a link may list an object's keys in another order). */
function sameCase(a: PlaygroundState, b: PlaygroundState): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : typeof value === 'object' && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
              .map(([key, v]) => [key, canonical(v)]),
          )
        : value;
  return JSON.stringify(canonical({ ...a, tab: '' })) === JSON.stringify(canonical({ ...b, tab: '' }));
}

async function start(): Promise<void> {
  // Requested at once, in parallel with building the page.
  const engine = import('./engine.js');
  const fromLink = await decodeState(location.hash);
  const first = PRESETS[0];
  const state = fromLink ?? (first ? first.state() : defaultState());
  const app = new Playground(state, engine);
  app.renderAll();
  try {
    await engine;
  } catch (error) {
    replaceChildren(
      byId('result-body'),
      h('p', { className: 'issue error' }, `The engine could not be loaded: ${String(error)}`),
    );
  }
}

void start();
