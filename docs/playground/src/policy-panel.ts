// The policy editors: one tab per policy type; SCPs and RCPs get a second row of tabs, one per organization level.
import type { PolicyType } from 'iam-policy-evaluator';
import type { EditorView } from '@codemirror/view';
import type { App } from './app.js';
import { h, prose, replaceChildren, uid } from './dom.js';
import { createPolicyEditor, focusAt, revalidate, type EditorIssue } from './editor.js';
import {
  LEVEL_POLICY_TYPES,
  POLICY_TYPE_LABELS,
  SINGLE_POLICY_TYPES,
  starterPolicy,
  type LevelDoc,
  type PolicyDoc,
} from './state.js';
import { createTabs, type Tabs } from './tabs.js';

interface Slot {
  type: PolicyType;
  level: number | undefined;
  doc: PolicyDoc;
  view: EditorView;
  issues: readonly EditorIssue[];
}

const LEVEL_HINT: Record<'scp' | 'rcp', string> = {
  scp: 'The principal’s account path, root first, account last. Every level needs an Allow; a Deny at any level wins.',
  rcp: 'The resource’s account path, root first, account last. A Deny at any level wins.',
};

export class PolicyPanel {
  private slots: Slot[] = [];
  private tabs: Tabs | undefined;
  private readonly levelTabs = new Map<PolicyType, Tabs>();
  private readonly selectedLevel = new Map<PolicyType, number>();

  constructor(
    private readonly root: HTMLElement,
    private readonly app: App,
  ) {}

  /**
   * Shows a new state (preset chosen, link opened): nothing of the previous one stays, not even which SCP or RCP level
   * was shown.
   */
  load(): void {
    this.selectedLevel.clear();
    this.render();
  }

  /** Rebuilds every editor from the state (after `load`, or a policy or level added or removed). */
  render(): void {
    for (const slot of this.slots) slot.view.destroy();
    this.slots = [];
    this.levelTabs.clear();
    const specs = POLICY_TYPE_LABELS.map(({ type, short }) => ({
      id: type,
      label: short,
      panel: this.typePanel(type),
    }));
    this.tabs = createTabs('Policy types', specs, this.app.state.tab, (id) => {
      this.app.state.tab = id as PolicyType;
      this.app.changed('tab');
      this.remeasure();
    });
    replaceChildren(
      this.root,
      this.tabs.element,
      specs.map((s) => s.panel),
    );
    for (const { type } of POLICY_TYPE_LABELS) this.updateTabLabel(type);
  }

  /** Shows a policy type's editors. */
  showTab(type: PolicyType): void {
    this.app.state.tab = type;
    this.tabs?.select(type);
    this.remeasure();
  }

  /** Moves the cursor to an issue or statement: selects the tab (and level) and focuses the editor there. */
  focusPolicy(type: PolicyType, policyId: string, line: number, column: number, orgLevel?: string): void {
    const slot = this.reveal(type, policyId, orgLevel);
    if (slot) focusAt(slot.view, line, column);
  }

  /** Shows a policy's editor (its tab, and its level for SCPs and RCPs) without moving the focus. */
  reveal(type: PolicyType, policyId: string, orgLevel?: string): Slot | undefined {
    const slot =
      this.slots.find(
        (s) =>
          s.type === type &&
          s.doc.id === policyId &&
          (orgLevel === undefined || s.level === undefined || this.levelTarget(type, s.level) === orgLevel),
      ) ?? this.slots.find((s) => s.type === type && s.doc.id === policyId);
    if (!slot) return undefined;
    this.showTab(type);
    if (slot.level !== undefined) {
      this.levelTabs.get(type)?.select(String(slot.level));
      this.selectedLevel.set(type, slot.level);
    }
    return slot;
  }

  /** The resource policy's grammar follows the resource (a role's trust policy when it is a role ARN). */
  revalidateResource(): void {
    for (const slot of this.slots) if (slot.type === 'resource') revalidate(slot.view);
  }

  private levelTarget(type: PolicyType, level: number): string | undefined {
    return type === 'scp' || type === 'rcp' ? this.app.state.policies[type][level]?.target : undefined;
  }

  private remeasure(): void {
    for (const slot of this.slots) slot.view.requestMeasure();
  }

  private typePanel(type: PolicyType): HTMLElement {
    const panel = h('section', { id: `policies-${type}`, className: 'type-panel' });
    const info = POLICY_TYPE_LABELS.find((t) => t.type === type);
    panel.appendChild(h('h3', { className: 'panel-title' }, info?.label ?? type));
    if (type === 'scp' || type === 'rcp') this.fillLevels(panel, type);
    else this.fillDocs(panel, type, this.app.state.policies[type], undefined);
    return panel;
  }

  private fillDocs(container: HTMLElement, type: PolicyType, docs: PolicyDoc[], level: number | undefined): void {
    const single = SINGLE_POLICY_TYPES.has(type);
    if (docs.length === 0) {
      container.appendChild(
        h(
          'p',
          { className: 'empty-note' },
          level === undefined
            ? 'No policy of this type: it is left out of the evaluation.'
            : 'No policy at this level: the level is left out of the evaluation.',
        ),
      );
    }
    docs.forEach((doc, index) => container.appendChild(this.slotElement(type, docs, doc, index, level)));
    if (!single || docs.length === 0) {
      container.appendChild(
        h(
          'button',
          {
            type: 'button',
            className: 'add',
            onclick: () => {
              const taken = new Set(docs.map((d) => d.id));
              let n = docs.length + 1;
              const base =
                type === 'permissionsBoundary'
                  ? 'Boundary'
                  : type === 'resource'
                    ? 'ResourcePolicy'
                    : `${type.charAt(0).toUpperCase()}${type.slice(1)}Policy`;
              while (taken.has(`${base}${n}`)) n += 1;
              docs.push({ id: `${base}${n}`, text: starterPolicy(type) });
              this.rerenderKeepingFocus(`[data-slot="${type}/${level ?? ''}/${docs.length - 1}"] .cm-content`);
            },
          },
          single ? 'Add a policy' : level === undefined ? 'Add another policy' : 'Add a policy to this level',
        ),
      );
    }
  }

  private slotElement(
    type: PolicyType,
    docs: PolicyDoc[],
    doc: PolicyDoc,
    index: number,
    level: number | undefined,
  ): HTMLElement {
    const idInput = uid('policy-id');
    const issuesId = uid('issues');
    const issueList = h('ul', { id: issuesId, className: 'issue-list', 'aria-label': `Issues in ${doc.id}` });
    const editorHost = h('div', { className: 'editor-host' });
    const levelName = level === undefined ? '' : ` at level ${this.levelTarget(type, level) ?? ''}`;
    const box = h(
      'div',
      { className: 'policy-slot', 'data-slot': `${type}/${level ?? ''}/${index}`, 'data-policy-id': doc.id },
      h(
        'div',
        { className: 'slot-header' },
        h('label', { for: idInput }, 'Policy id'),
        h('input', {
          id: idInput,
          className: 'policy-id',
          value: doc.id,
          spellcheck: 'false',
          autocomplete: 'off',
          oninput: (event: Event) => {
            doc.id = (event.target as HTMLInputElement).value;
            box.dataset.policyId = doc.id;
            this.app.changed('policies');
          },
        }),
        h(
          'button',
          {
            type: 'button',
            className: 'remove',
            'aria-label': `Remove policy ${doc.id}`,
            onclick: () => {
              docs.splice(index, 1);
              this.rerenderKeepingFocus(`#policies-${type} .add`);
            },
          },
          'Remove',
        ),
      ),
      editorHost,
      issueList,
    );
    const slot: Slot = {
      type,
      level,
      doc,
      issues: [],
      view: createPolicyEditor({
        parent: editorHost,
        doc: doc.text,
        label: `${POLICY_TYPE_LABELS.find((t) => t.type === type)?.short ?? type} policy ${doc.id}${levelName}, JSON`,
        onChange: (text) => {
          doc.text = text;
          this.app.changed('policies');
        },
        validate: async (text) => {
          const engine = await this.app.engine;
          return engine.validate(text, type, doc.id, this.app.state.request.resource);
        },
        onIssues: (issues) => {
          slot.issues = issues;
          this.renderIssues(issueList, slot);
          this.updateTabLabel(type);
        },
      }),
    };
    slot.view.contentDOM.setAttribute('aria-describedby', issuesId);
    this.slots.push(slot);
    return box;
  }

  private renderIssues(list: HTMLElement, slot: Slot): void {
    replaceChildren(
      list,
      slot.issues.map((issue) =>
        h(
          'li',
          {
            className: `issue ${issue.severity}`,
            'data-line': issue.line,
            'data-column': issue.column,
            'data-code': issue.code,
          },
          h(
            'button',
            { type: 'button', className: 'link', onclick: () => focusAt(slot.view, issue.line, issue.column) },
            `line ${issue.line}, column ${issue.column}`,
          ),
          ` ${issue.severity}: `,
          prose(issue.message),
          issue.suggestion ? [' (', prose(issue.suggestion), ')'] : '',
          h('span', { className: 'code' }, ` ${issue.code}`),
        ),
      ),
    );
  }

  private fillLevels(panel: HTMLElement, type: 'scp' | 'rcp'): void {
    const levels: LevelDoc[] = this.app.state.policies[type];
    panel.appendChild(h('p', { className: 'hint' }, LEVEL_HINT[type]));
    const specs = levels.map((level, index) => {
      const levelPanel = h('div', { id: `levels-${type}-${index}`, className: 'level-panel' });
      const targetId = uid('target');
      levelPanel.appendChild(
        h(
          'div',
          { className: 'slot-header' },
          h('label', { for: targetId }, 'Target (r-root, ou-…, account id)'),
          h('input', {
            id: targetId,
            className: 'level-target',
            value: level.target,
            spellcheck: 'false',
            autocomplete: 'off',
            oninput: (event: Event) => {
              level.target = (event.target as HTMLInputElement).value;
              this.levelTabs.get(type)?.relabel(String(index), level.target || `level ${index + 1}`);
              this.app.changed('policies');
            },
          }),
          h(
            'button',
            {
              type: 'button',
              className: 'remove',
              'aria-label': `Remove level ${level.target}`,
              onclick: () => {
                levels.splice(index, 1);
                this.selectedLevel.set(type, Math.max(0, index - 1));
                this.rerenderKeepingFocus(`#policies-${type} .add-level`);
              },
            },
            'Remove level',
          ),
        ),
      );
      this.fillDocs(levelPanel, type, level.policies, index);
      return { id: String(index), label: level.target || `level ${index + 1}`, panel: levelPanel };
    });
    const selected = Math.min(this.selectedLevel.get(type) ?? 0, Math.max(0, levels.length - 1));
    if (specs.length > 0) {
      const tabs = createTabs(`${type.toUpperCase()} levels`, specs, String(selected), (id) => {
        this.selectedLevel.set(type, Number(id));
        this.remeasure();
      });
      this.levelTabs.set(type, tabs);
      panel.appendChild(h('div', { className: 'level-bar' }, tabs.element, this.addLevelButton(type, levels)));
      for (const spec of specs) panel.appendChild(spec.panel);
    } else {
      panel.appendChild(
        h('p', { className: 'empty-note' }, `No ${type.toUpperCase()}: this layer is left out of the evaluation.`),
      );
      panel.appendChild(this.addLevelButton(type, levels));
    }
  }

  private addLevelButton(type: 'scp' | 'rcp', levels: LevelDoc[]): HTMLButtonElement {
    return h(
      'button',
      {
        type: 'button',
        className: 'add add-level',
        onclick: () => {
          const target =
            levels.length === 0 ? 'r-root' : levels.length === 1 ? '123456789012' : `ou-level-${levels.length}`;
          const id = type === 'scp' ? 'FullAWSAccess' : 'RCPFullAWSAccess';
          levels.push({ target, policies: [{ id, text: starterPolicy(type === 'rcp' ? 'resource' : type) }] });
          this.selectedLevel.set(type, levels.length - 1);
          this.rerenderKeepingFocus(`#levels-${type}-${levels.length - 1} .level-target`);
        },
      },
      'Add a level',
    );
  }

  private rerenderKeepingFocus(selector: string): void {
    this.render();
    this.app.changed('policies');
    const target = this.root.querySelector<HTMLElement>(selector);
    target?.focus();
  }

  private updateTabLabel(type: PolicyType): void {
    const info = POLICY_TYPE_LABELS.find((t) => t.type === type);
    if (!info || !this.tabs) return;
    const state = this.app.state.policies;
    const count = LEVEL_POLICY_TYPES.has(type)
      ? state[type as 'scp' | 'rcp'].reduce((n, level) => n + level.policies.length, 0)
      : state[type].length;
    const errors = this.slots
      .filter((s) => s.type === type)
      .reduce((n, s) => n + s.issues.filter((i) => i.severity === 'error').length, 0);
    const label = `${info.short}${count > 0 ? ` (${count})` : ''}${errors > 0 ? ` ⚠ ${errors}` : ''}`;
    const description = `${count} ${count === 1 ? 'policy' : 'policies'}${errors > 0 ? `, ${errors} ${errors === 1 ? 'error' : 'errors'}` : ''}`;
    this.tabs.relabel(type, label, description);
  }
}
