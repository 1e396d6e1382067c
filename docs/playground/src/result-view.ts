// The result: decision badge, the layer diagram, the deciding statement's source, its conditions, and what
// would change the outcome.
import type {
  ConditionTrace,
  ContextChange,
  ContextScalar,
  EvaluationResult,
  Issue,
  PolicyType,
  PolicyTypeOutcome,
  PolicyTypeTrace,
  StatementRef,
  StatementTrace,
} from 'iam-policy-evaluator';
import { breakable, h, prose, replaceChildren, type Children } from './dom.js';
import { describeChoice, withoutRuleIds } from './rule-ids.js';
import type { Explanation, SourceExcerpt } from './engine.js';
import { sourceLines, type Highlight } from './source-view.js';
import { policyText, type PlaygroundState } from './state.js';

export type RunOutcome =
  | { readonly kind: 'result'; readonly result: EvaluationResult; readonly explanation: Explanation }
  | { readonly kind: 'invalid'; readonly issues: readonly Issue[] }
  | { readonly kind: 'error'; readonly message: string };

export interface ResultCallbacks {
  /** Moves the cursor to a place in a policy editor. */
  focusPolicy(type: PolicyType, policyId: string, line: number, column: number, orgLevel?: string): void;
  /** Puts a suggested context change into the request. */
  applyChange(change: ContextChange): void;
}

const LAYER_NAMES: Readonly<Record<PolicyType, string>> = {
  scp: 'Service control policies',
  rcp: 'Resource control policies',
  vpcEndpoint: 'VPC endpoint policy',
  resource: 'Resource-based policy',
  identity: 'Identity-based policies',
  permissionsBoundary: 'Permissions boundary',
  session: 'Session policies',
};

const OUTCOME_TEXT: Readonly<Record<PolicyTypeOutcome, string>> = {
  allows: 'allows',
  doesNotAllow: 'does not allow',
  explicitlyDenies: 'explicitly denies',
  notApplicable: 'not applicable',
};

const OUTCOME_ICON: Readonly<Record<PolicyTypeOutcome, string>> = {
  allows: '✓',
  doesNotAllow: '○',
  explicitlyDenies: '✕',
  notApplicable: '–',
};

const DECISION_TEXT: Readonly<Record<EvaluationResult['decision'], string>> = {
  Allow: 'Allow',
  ExplicitDeny: 'Explicit deny',
  ImplicitDeny: 'Implicit deny',
};

/** The outcome of one SCP/RCP level, from its statements. */
function levelOutcome(statements: readonly StatementTrace[], typeOutcome: PolicyTypeOutcome): PolicyTypeOutcome {
  if (typeOutcome === 'notApplicable') return 'notApplicable';
  if (statements.some((s) => s.matched && s.effect === 'Deny')) return 'explicitlyDenies';
  if (statements.some((s) => s.matched && s.effect === 'Allow')) return 'allows';
  return 'doesNotAllow';
}

interface Level {
  target: string;
  outcome: PolicyTypeOutcome;
}

function levelsOf(pt: PolicyTypeTrace): Level[] {
  const order: string[] = [];
  const statements = new Map<string, StatementTrace[]>();
  for (const policy of pt.policies) {
    const target = policy.orgLevel ?? '';
    if (!statements.has(target)) {
      order.push(target);
      statements.set(target, []);
    }
    statements.get(target)?.push(...policy.statements);
  }
  return order.map((target) => ({ target, outcome: levelOutcome(statements.get(target) ?? [], pt.outcome) }));
}

/** The layer (and level) that decided. */
function decidingLayer(result: EvaluationResult): { types: Set<PolicyType>; level?: string } {
  if (result.decision === 'ExplicitDeny' && result.deniedBy) {
    return {
      types: new Set([result.deniedBy.policyType]),
      ...(result.deniedBy.orgLevel ? { level: result.deniedBy.orgLevel } : {}),
    };
  }
  if (result.decision === 'ImplicitDeny' && result.notAllowedBy) {
    const type = result.notAllowedBy;
    const pt = result.trace.policyTypes.find((t) => t.policyType === type);
    const level =
      pt && (type === 'scp' || type === 'rcp')
        ? levelsOf(pt).find((l) => l.outcome === 'doesNotAllow')?.target
        : undefined;
    return { types: new Set([type]), ...(level ? { level } : {}) };
  }
  return { types: new Set(result.allowedBy.map((ref) => ref.policyType)) };
}

/** Finds a statement's trace by its reference. */
export function statementTrace(result: EvaluationResult, ref: StatementRef): StatementTrace | undefined {
  const pt = result.trace.policyTypes.find((t) => t.policyType === ref.policyType);
  const policy = pt?.policies.find(
    (p) => p.policyId === ref.policyId && (ref.orgLevel === undefined || p.orgLevel === ref.orgLevel),
  );
  return policy?.statements.find((s) => s.ref.statementIndex === ref.statementIndex);
}

export function refName(ref: StatementRef): string {
  const sid = ref.sid === undefined ? '' : ` (Sid ${ref.sid})`;
  const level = ref.orgLevel === undefined ? '' : ` at ${ref.orgLevel}`;
  return `${ref.policyId}${level}, statement ${ref.statementIndex}${sid}`;
}

function formatValue(v: ContextScalar): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Why an Allow needed no granting statement (the account root user, E-3): the identity layer's reason, or the last step. */
function ungrantedReason(result: EvaluationResult): string {
  const identity = result.trace.policyTypes.find((t) => t.policyType === 'identity');
  if (identity?.outcome === 'notApplicable') return withoutRuleIds(identity.reason);
  return withoutRuleIds(result.trace.steps[result.trace.steps.length - 1] ?? 'nothing required one');
}

export class ResultView {
  constructor(
    private readonly summary: HTMLElement,
    private readonly body: HTMLElement,
    private readonly callbacks: ResultCallbacks,
  ) {}

  pending(): void {
    this.body.closest('#result')?.setAttribute('data-status', 'pending');
  }

  render(outcome: RunOutcome, state: PlaygroundState): void {
    const section = this.body.closest<HTMLElement>('#result');
    if (outcome.kind === 'invalid') this.renderInvalid(outcome.issues);
    else if (outcome.kind === 'error') this.renderError(outcome.message);
    else this.renderResult(outcome.result, outcome.explanation, state);
    section?.setAttribute('data-status', 'ready');
  }

  private setSummary(
    decision: string,
    className: string,
    sentence: string | Children[],
    data: Record<string, string>,
  ): void {
    const section = this.body.closest<HTMLElement>('#result');
    for (const name of ['decision', 'policyType', 'policyId', 'statementIndex', 'orgLevel', 'notAllowedBy']) {
      delete section?.dataset[name];
    }
    if (section) Object.assign(section.dataset, { decision: className, ...data });
    replaceChildren(
      this.summary,
      h('span', { className: `badge ${className}`, id: 'decision-badge' }, decision),
      h('p', { className: 'summary-line', id: 'decision-sentence' }, sentence),
    );
  }

  private renderInvalid(issues: readonly Issue[]): void {
    const errors = issues.filter((i) => i.severity === 'error');
    this.setSummary(
      'Not evaluated',
      'Invalid',
      `The policies have ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}: no decision is given for a policy with errors.`,
      {},
    );
    replaceChildren(
      this.body,
      h(
        'ul',
        { className: 'issue-list', id: 'evaluation-issues' },
        errors.map((issue) =>
          h(
            'li',
            { className: `issue ${issue.severity}` },
            h(
              'button',
              {
                type: 'button',
                className: 'link',
                onclick: () =>
                  this.callbacks.focusPolicy(this.typeOfIssue(issue), issue.policyId, issue.line, issue.column),
              },
              `${issue.policyId}, line ${issue.line}, column ${issue.column}`,
            ),
            ': ',
            prose(issue.message),
            h('span', { className: 'code' }, ` ${issue.code}`),
          ),
        ),
      ),
    );
  }

  /** Issues name their policy by id; the editor is found by id across types. */
  private typeOfIssue(issue: Issue): PolicyType {
    return (
      (issue as Issue & { policyType?: PolicyType }).policyType ?? this.lastTypes.get(issue.policyId) ?? 'identity'
    );
  }

  private lastTypes = new Map<string, PolicyType>();

  private renderError(message: string): void {
    this.setSummary('Not evaluated', 'Invalid', ['The request could not be evaluated: ', prose(message), '.'], {});
    replaceChildren(this.body);
  }

  private renderResult(result: EvaluationResult, explanation: Explanation, state: PlaygroundState): void {
    this.lastTypes = new Map();
    for (const pt of result.trace.policyTypes)
      for (const p of pt.policies) this.lastTypes.set(p.policyId, pt.policyType);

    const deciding =
      result.decision === 'ExplicitDeny'
        ? result.deniedBy
        : result.decision === 'Allow'
          ? result.allowedBy[0]
          : undefined;
    const sentence =
      result.decision === 'ExplicitDeny' && result.deniedBy
        ? `Denied by ${LAYER_NAMES[result.deniedBy.policyType].toLowerCase()}: ${refName(result.deniedBy)}.`
        : result.decision === 'ImplicitDeny'
          ? `Implicitly denied: ${result.notAllowedBy ? `no ${LAYER_NAMES[result.notAllowedBy].toLowerCase().replace(/ies$/, 'y')} allows the request` : 'nothing allows the request'}.`
          : result.allowedBy.length > 0
            ? `Allowed by ${result.allowedBy.map(refName).join('; ')}.`
            : `Allowed without a granting statement: ${ungrantedReason(result)}.`;
    const data: Record<string, string> = {};
    if (deciding) {
      data.policyType = deciding.policyType;
      data.policyId = deciding.policyId;
      data.statementIndex = String(deciding.statementIndex);
      if (deciding.orgLevel) data.orgLevel = deciding.orgLevel;
    }
    if (result.notAllowedBy) data.notAllowedBy = result.notAllowedBy;
    this.setSummary(DECISION_TEXT[result.decision], result.decision, sentence, data);

    replaceChildren(
      this.body,
      result.message
        ? h('p', { className: 'aws-message', id: 'aws-message', 'aria-label': 'AWS wording' }, result.message)
        : null,
      h('h3', null, 'Evaluation layers'),
      this.layers(result),
      this.decidingStatements(result, state),
      this.explanationSection(explanation),
      this.details(result),
    );
  }

  private layers(result: EvaluationResult): HTMLElement {
    const deciding = decidingLayer(result);
    return h(
      'ol',
      { className: 'layers', id: 'layers', 'aria-label': 'Evaluation layers, in the order AWS evaluates them' },
      result.trace.policyTypes.map((pt) => {
        const isDeciding = deciding.types.has(pt.policyType);
        const levels = pt.policyType === 'scp' || pt.policyType === 'rcp' ? levelsOf(pt) : [];
        return h(
          'li',
          {
            className: `layer ${pt.outcome}${isDeciding ? ' deciding' : ''}`,
            'data-layer': pt.policyType,
            'data-outcome': pt.outcome,
            'data-deciding': isDeciding ? 'true' : undefined,
          },
          h(
            'span',
            { className: 'name' },
            LAYER_NAMES[pt.policyType],
            isDeciding ? h('span', { className: 'deciding-tag' }, 'deciding') : null,
          ),
          h('span', { className: `outcome ${pt.outcome}` }, `${OUTCOME_ICON[pt.outcome]} ${OUTCOME_TEXT[pt.outcome]}`),
          pt.reason ? h('span', { className: 'reason' }, prose(pt.reason)) : null,
          levels.length > 0
            ? h(
                'div',
                { className: 'levels', role: 'list', 'aria-label': `${LAYER_NAMES[pt.policyType]} by level` },
                levels.map((level) => {
                  const levelDeciding = isDeciding && deciding.level === level.target;
                  return h(
                    'span',
                    {
                      role: 'listitem',
                      className: `level ${level.outcome}${levelDeciding ? ' deciding' : ''}`,
                      'data-level': level.target,
                      'data-outcome': level.outcome,
                      'data-deciding': levelDeciding ? 'true' : undefined,
                    },
                    `${level.target}: ${OUTCOME_TEXT[level.outcome]}`,
                    levelDeciding ? h('span', { className: 'deciding-tag' }, 'deciding') : null,
                  );
                }),
              )
            : null,
        );
      }),
    );
  }

  private decidingStatements(result: EvaluationResult, state: PlaygroundState): HTMLElement | null {
    if (result.decision === 'Allow' && result.allowedBy.length === 0) {
      return h(
        'section',
        { id: 'deciding-statement', 'data-no-statement': 'true', 'aria-label': 'No granting statement' },
        h('h3', null, 'No statement had to allow it'),
        h('p', null, `${ungrantedReason(result)}.`),
      );
    }
    const refs =
      result.decision === 'ExplicitDeny' && result.deniedBy
        ? [result.deniedBy]
        : result.decision === 'Allow'
          ? result.allowedBy
          : [];
    if (refs.length === 0) return null;
    const title =
      result.decision === 'ExplicitDeny'
        ? 'The deciding statement'
        : refs.length === 1
          ? 'The statement that allows'
          : 'The statements that allow';
    const otherDenies =
      result.decision === 'ExplicitDeny'
        ? result.denies.filter((d) => d !== result.deniedBy && refName(d) !== refName(refs[0] as StatementRef))
        : [];
    return h(
      'section',
      { id: 'deciding-statement', 'aria-label': title },
      h('h3', null, title),
      refs.map((ref) => this.statementBlock(result, ref, state)),
      otherDenies.length > 0
        ? h(
            'p',
            { className: 'hint' },
            `Also denying (${otherDenies.length}): `,
            otherDenies.map((d, i) => [i > 0 ? '; ' : '', refName(d)]),
          )
        : null,
    );
  }

  /** One statement: heading, source with the matched elements marked, element notes and the condition table. */
  statementBlock(result: EvaluationResult, ref: StatementRef, state: PlaygroundState): HTMLElement {
    const trace = statementTrace(result, ref);
    const text = policyText(state, ref.policyType, ref.policyId, ref.orgLevel);
    const heading = h(
      'p',
      { className: 'statement-ref' },
      h('strong', null, `${LAYER_NAMES[ref.policyType]}: `),
      h(
        'button',
        {
          type: 'button',
          className: 'link',
          onclick: () => this.callbacks.focusPolicy(ref.policyType, ref.policyId, ref.line, ref.column, ref.orgLevel),
        },
        `${refName(ref)}, line ${ref.line}`,
      ),
    );
    if (!trace) return h('div', { className: 'statement' }, heading);
    const elements = [trace.action, trace.resource, trace.principal].filter((e) => e !== undefined);
    const highlights: Highlight[] = elements.map((e) => ({
      from: e.span.offset,
      to: e.span.endOffset,
      className: e.matched ? 'hit' : 'fail',
      title: `${e.element}: ${withoutRuleIds(e.reason)}`,
    }));
    for (const c of trace.conditions) {
      highlights.push({
        from: c.span.offset,
        to: c.span.endOffset,
        className: c.result ? 'hit' : 'fail',
        title: `${c.operator} ${c.key}: ${withoutRuleIds(c.reason)}`,
      });
    }
    return h(
      'div',
      { className: 'statement', 'data-statement': `${ref.policyId}/${ref.statementIndex}` },
      heading,
      text === undefined ? null : sourceLines(text, trace.span.line, trace.span.endLine, highlights),
      h(
        'ul',
        { className: 'element-notes' },
        elements.map((e) =>
          h(
            'li',
            null,
            h('strong', null, e.element),
            e.matchedValue === undefined ? '' : [' ', h('code', null, e.matchedValue)],
            ': ',
            prose(e.reason),
          ),
        ),
      ),
      trace.conditions.length > 0 ? this.conditionTable(trace.conditions) : null,
    );
  }

  conditionTable(conditions: readonly ConditionTrace[]): HTMLElement {
    const values = (list: readonly (string | ContextScalar)[], hits: ReadonlySet<string>): HTMLElement =>
      h(
        'span',
        { className: 'values' },
        list.length === 0
          ? h('em', null, '[] empty set')
          : list.map((v) =>
              h('code', { className: hits.has(formatValue(v)) ? 'hit' : undefined }, breakable(formatValue(v))),
            ),
      );
    return h(
      'div',
      { className: 'table-scroll' },
      h(
        'table',
        { className: 'conditions' },
        h('caption', { className: 'visually-hidden' }, 'Conditions of the statement'),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            ['Key', 'Operator', 'Request values', 'Policy values', 'Outcome'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          null,
          conditions.map((c) =>
            h(
              'tr',
              { 'data-key': c.key },
              h(
                'td',
                null,
                h('code', null, breakable(c.key)),
                h('br'),
                h('small', { className: 'muted' }, c.keyStatus),
              ),
              h('td', null, h('code', null, breakable(c.operator))),
              h(
                'td',
                null,
                c.keyStatus === 'missing'
                  ? h('em', null, 'absent')
                  : values(c.requestValues, new Set(c.matchedRequestValues.map(formatValue))),
              ),
              h('td', null, values(c.policyValues, new Set(c.matchedPolicyValues))),
              h(
                'td',
                null,
                h('span', { className: String(c.result) }, String(c.result)),
                h('br'),
                h('small', null, prose(c.reason)),
              ),
            ),
          ),
        ),
      ),
    );
  }

  private details(result: EvaluationResult): HTMLElement {
    const t = result.trace;
    return h(
      'details',
      { className: 'more' },
      h('summary', null, 'Decision flow, derived context and choices'),
      h('h3', null, 'Decision flow'),
      h(
        'ol',
        null,
        t.steps.map((s) => h('li', null, prose(s))),
      ),
      h('h3', null, 'Context derived from the principal'),
      t.derivedContext.length === 0
        ? h('p', { className: 'muted' }, 'none')
        : h(
            'ul',
            null,
            t.derivedContext.map((d) =>
              h('li', null, h('code', null, d.key), ' = ', h('code', null, formatValue(d.value))),
            ),
          ),
      h('h3', null, 'Keys the policies test that the request did not carry'),
      result.missingContextKeys.length === 0
        ? h('p', { className: 'muted' }, 'none')
        : h(
            'ul',
            null,
            result.missingContextKeys.map((k) => h('li', null, h('code', null, k))),
          ),
      t.choices.length > 0
        ? [
            h('h3', null, 'Undocumented behaviour this result relies on'),
            h(
              'p',
              { className: 'hint' },
              'Where AWS’s documentation is silent, the engine makes a choice; the evaluation logic and condition operator pages of the documentation list them all.',
            ),
            h(
              'ul',
              { id: 'choices' },
              t.choices.map((c) => h('li', null, prose(describeChoice(c)))),
            ),
          ]
        : null,
    );
  }

  /** What would change the outcome: `explain`'s verified context changes and closest statements. */
  private explanationSection(explanation: Explanation): HTMLElement {
    const section = h('section', { id: 'what-would-change', 'aria-labelledby': 'h-what-would-change' });
    section.appendChild(h('h3', { id: 'h-what-would-change' }, 'What would change the outcome'));
    if (explanation.decision === 'ExplicitDeny') {
      for (const deny of explanation.denies) {
        section.appendChild(
          h(
            'div',
            {
              className: 'suggestion-group',
              'data-statement': `${deny.statement.ref.policyId}/${deny.statement.ref.statementIndex}`,
            },
            h('p', null, 'For ', h('strong', null, refName(deny.statement.ref)), ' to stop denying:'),
            deny.changes.length > 0
              ? this.changeList(deny.changes)
              : h(
                  'p',
                  { className: 'hint' },
                  prose(deny.noChangeReason ?? 'no change of context makes it stop applying'),
                ),
          ),
        );
      }
    } else if (explanation.decision === 'ImplicitDeny') {
      for (const layer of explanation.notAllowed) {
        section.appendChild(
          h(
            'div',
            { className: 'suggestion-group', 'data-layer': layer.policyType },
            h('p', null, h('strong', null, LAYER_NAMES[layer.policyType]), ': ', prose(layer.reason)),
            layer.closest.length === 0
              ? h(
                  'p',
                  { className: 'hint' },
                  'No Allow statement of this type comes close: an Allow would have to be added.',
                )
              : h(
                  'ul',
                  { className: 'suggestions' },
                  layer.closest.map((miss) =>
                    h(
                      'li',
                      null,
                      'Closest: ',
                      h(
                        'button',
                        {
                          type: 'button',
                          className: 'link',
                          onclick: () =>
                            this.callbacks.focusPolicy(
                              miss.statement.ref.policyType,
                              miss.statement.ref.policyId,
                              miss.statement.ref.line,
                              miss.statement.ref.column,
                              miss.statement.ref.orgLevel,
                            ),
                        },
                        refName(miss.statement.ref),
                      ),
                      ` failed on ${miss.failedElement}: `,
                      prose(miss.reason),
                      miss.statement.source ? this.excerpt(miss.statement.source) : null,
                      miss.failedConditions.length > 0 ? this.conditionTable(miss.failedConditions) : null,
                      miss.changes.length > 0
                        ? [h('p', null, 'It would apply with:'), this.changeList(miss.changes)]
                        : null,
                    ),
                  ),
                ),
          ),
        );
      }
    } else {
      section.appendChild(
        h(
          'p',
          null,
          `Allowed by ${explanation.allows.length} ${explanation.allows.length === 1 ? 'statement' : 'statements'}; a matching Deny in any policy of any type would override ${explanation.allows.length === 1 ? 'it' : 'them'}.`,
        ),
      );
    }
    if (explanation.missingContextKeys.length > 0) {
      section.appendChild(
        h(
          'p',
          { className: 'hint' },
          'Keys the policies test that the request did not carry: ',
          explanation.missingContextKeys.map((k, i) => [i > 0 ? ', ' : '', h('code', null, k)]),
          '.',
        ),
      );
    }
    return section;
  }

  private changeList(changes: readonly ContextChange[]): HTMLElement {
    return h(
      'ul',
      { className: 'suggestions' },
      changes.map((change) =>
        h(
          'li',
          { 'data-key': change.key },
          h('span', null, prose(change.description)),
          ` → ${DECISION_TEXT[change.decisionAfter].toLowerCase()}`,
          change.derived
            ? h('small', { className: 'muted' }, ' (derived from the principal: it means another principal)')
            : [
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    className: 'apply',
                    onclick: () => this.callbacks.applyChange(change),
                    'aria-label': `Apply: ${change.description}`,
                  },
                  'Try it',
                ),
              ],
        ),
      ),
    );
  }

  /** An excerpt from `explain`: numbered lines with the marked columns. */
  private excerpt(source: SourceExcerpt): HTMLElement {
    const first = source.lines[0]?.number ?? 1;
    const last = source.lines[source.lines.length - 1]?.number ?? first;
    const text: string[] = [];
    const lineOffsets = new Map<number, number>();
    // Rebuild the excerpt as one text from its first line, padding earlier lines so that line numbers stay right.
    let offset = 0;
    for (let n = 1; n < first; n++) {
      text.push('');
      offset += 1;
    }
    for (const line of source.lines) {
      lineOffsets.set(line.number, offset);
      text.push(line.text);
      offset += line.text.length + 1;
    }
    const highlights: Highlight[] = source.markers.flatMap((m) => {
      const at = lineOffsets.get(m.line);
      if (at === undefined) return [];
      return [
        { from: at + m.column - 1, to: at + m.endColumn - 1, className: m.matched ? 'hit' : 'fail', title: m.label },
      ];
    });
    return sourceLines(text.join('\n'), first, last, highlights);
  }
}
