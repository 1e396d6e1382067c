import type { StatementRef } from '../model/evaluation-result.js';
import { POLICY_TYPE_NAMES } from '../model/policy-type.js';
import { conditionLine, derivationWords, describeRef } from './describe.js';
import type { ContextChange, Explanation, NearMiss, SourceExcerpt, StatementExplanation } from './explanation.js';

/**
 * Options of `formatExplanation`.
 *
 * @example
 * ```ts
 * import { explain, formatExplanation } from 'iam-policy-evaluator';
 * import type { FormatExplanationOptions } from 'iam-policy-evaluator';
 * const options: FormatExplanationOptions = { color: false, locate: (ref) => `policies/identity/${ref.policyId}.json` };
 * const policy = '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "*"}}';
 * const e = explain({ request: { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' }, policies: { identity: [{ id: 'NoDelete', document: policy }] } });
 * formatExplanation(e, options).includes('policies/identity/NoDelete.json:1:40'); //=> true
 * ```
 */
export interface FormatExplanationOptions {
  /** ANSI colours (default false). */
  readonly color?: boolean;
  /** Where a statement's policy lives, e.g. its file path; printed as `path:line:column` when given. */
  readonly locate?: (ref: StatementRef) => string | undefined;
}

type Paint = (text: string) => string;

interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const COLORS: Palette = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
};
const identity: Paint = (text) => text;
const PLAIN: Palette = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
};

function excerptLines(excerpt: SourceExcerpt, p: Palette, indent: string): string[] {
  const width = String(excerpt.lines.at(-1)?.number ?? 0).length;
  const out: string[] = [];
  for (const line of excerpt.lines) {
    out.push(`${indent}${p.dim(`${String(line.number).padStart(width)} |`)} ${line.text}`);
    for (const m of excerpt.markers.filter((mk) => mk.line === line.number)) {
      const pad = ' '.repeat(Math.max(0, m.column - 1));
      const carets = '^'.repeat(Math.max(1, m.endColumn - m.column));
      const paint = m.matched ? p.yellow : p.dim;
      out.push(`${indent}${p.dim(`${' '.repeat(width)} |`)} ${pad}${paint(`${carets} ${m.label}`)}`);
    }
  }
  return out;
}

function statementBlock(
  title: string,
  statement: StatementExplanation,
  options: FormatExplanationOptions,
  p: Palette,
): string[] {
  const out = [`${p.bold(title)}: ${describeRef(statement.ref)}`];
  const where = options.locate?.(statement.ref);
  if (where !== undefined) out.push(`  ${p.cyan(`${where}:${statement.ref.line}:${statement.ref.column}`)}`);
  if (statement.source !== undefined) out.push(...excerptLines(statement.source, p, '  '));
  if (statement.conditions.length === 0) {
    out.push('  conditions: none');
  } else {
    out.push('  conditions (all must be true):');
    for (const c of statement.conditions) {
      const mark = c.trace.result ? p.yellow('true ') : p.dim('false');
      out.push(`    ${mark} ${conditionLine(c.trace)}`);
    }
  }
  return out;
}

function changeLine(change: ContextChange, p: Palette): string {
  const after =
    change.decisionAfter === 'Allow'
      ? p.green('the request is then allowed')
      : `the request is then still denied (${change.decisionAfter})`;
  const words = derivationWords(change.key);
  const derived = change.derived ? ` (derived from ${words.from}: this means another ${words.another})` : '';
  return `    - ${change.description}${derived}: ${after}`;
}

function nearMissBlock(miss: NearMiss, options: FormatExplanationOptions, p: Palette): string[] {
  const out = statementBlock('closest statement', miss.statement, options, p).map((l) => `  ${l}`);
  out.push(`    fails on ${miss.failedElement}: ${miss.reason}`);
  if (miss.changes.length > 0) {
    out.push(
      miss.allChangesRequired
        ? '    it would apply with all of these context changes:'
        : '    it would apply with any one of these context changes:',
    );
    out.push(...miss.changes.map((c) => `  ${changeLine(c, p)}`));
  } else if (miss.failedElement === 'Condition') {
    out.push('    no change of a single context key found that makes it apply');
  } else {
    out.push(
      `    no change of context helps: only another ${miss.failedElement.replace(/^Not/, '').toLowerCase()} or a policy change does`,
    );
  }
  return out;
}

/**
 * Turns an explanation into text for a terminal or a log: the decision, the AWS wording, the deciding statement with
 * numbered source lines and `^^^` marks, each condition, what would change the outcome, and the context keys the
 * request did not carry. Pure; colours only when asked.
 *
 * @param explanation - from `explain`
 * @param options - `color` for ANSI colours; `locate` to print each policy's file path
 * @returns the text, lines separated by `\n`, ending without a newline
 *
 * @example
 * ```ts
 * import { explain, formatExplanation } from 'iam-policy-evaluator';
 * const policy = '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "iam:DeleteRole", "Resource": "*"}}';
 * const request = { principal: 'arn:aws:iam::123456789012:user/alice', action: 'iam:DeleteRole', resource: '*' };
 * const text = formatExplanation(explain({ request, policies: { identity: [{ id: 'NoDelete', document: policy }] } }));
 * text.split('\n')[0]; //=> 'ExplicitDeny: explicit deny in an identity-based policy: identity-based policy `NoDelete`, statement 0, line 1, column 40'
 * text.includes('^^^^^^^^^^^^^^^^ `iam:DeleteRole` matches action `iam:DeleteRole`'); //=> true
 * ```
 */
export function formatExplanation(explanation: Explanation, options: FormatExplanationOptions = {}): string {
  const p = options.color === true ? COLORS : PLAIN;
  const decision =
    explanation.decision === 'Allow' ? p.green(p.bold(explanation.decision)) : p.red(p.bold(explanation.decision));
  const out: string[] = [`${decision}: ${explanation.summary}`];
  if (explanation.message !== undefined) {
    const wording = explanation.serviceRule?.messageWording;
    const note =
      wording === 'observed'
        ? ' (wording observed in AWS responses; AWS does not document it)'
        : wording === 'engine'
          ? " (the engine's wording: AWS documents none)"
          : '';
    out.push(`AWS would say: ${explanation.message}${note}`);
  }

  if (explanation.decision === 'ExplicitDeny') {
    explanation.denies.forEach((deny, i) => {
      out.push('', ...statementBlock(i === 0 ? 'denied by' : 'also denied by', deny.statement, options, p));
    });
    out.push('', p.bold('what would change the outcome:'));
    for (const deny of explanation.denies) {
      const ref = deny.statement.ref;
      const name = `\`${ref.policyId}\` statement ${ref.statementIndex}${ref.sid === undefined ? '' : ` (Sid \`${ref.sid}\`)`}`;
      if (deny.changes.length === 0) {
        out.push(
          `  ${name}: ${deny.noChangeReason ?? 'no change of context found'}; only another action, resource or principal, or a change of the policy, avoids it`,
        );
      } else {
        out.push(`  ${name} stops applying with any one of:`);
        out.push(...deny.changes.map((c) => changeLine(c, p)));
      }
    }
    if (explanation.denies.length > 1)
      out.push('  every Deny that matched must stop applying before the request can be allowed');
  } else if (explanation.decision === 'ImplicitDeny') {
    for (const layer of explanation.notAllowed) {
      out.push('', `${p.bold(`no ${POLICY_TYPE_NAMES[layer.policyType]} allows the request`)}: ${layer.reason}`);
      if (layer.closest.length === 0) out.push('  it has no Allow statement that could apply');
      for (const miss of layer.closest) out.push(...nearMissBlock(miss, options, p));
    }
  } else if (explanation.deciding !== undefined) {
    explanation.allows.forEach((allow, i) => {
      out.push('', ...statementBlock(i === 0 ? 'allowed by' : 'also allowed by', allow, options, p));
    });
  }

  if (explanation.catalogueNotes.length > 0) {
    out.push('', 'what the service catalogue says:');
    for (const note of explanation.catalogueNotes) out.push(`  - ${note}`);
  }
  out.push('');
  if (explanation.missingContextKeys.length === 0) {
    out.push('context keys the policies test that the request did not carry: none');
  } else {
    out.push(
      `context keys the policies test that the request did not carry: ${explanation.missingContextKeys.map((k) => `\`${k}\``).join(', ')}`,
    );
  }
  // Grouped by what each key follows from, in the order the engine derives them.
  const groups = new Map<string, string[]>();
  for (const entry of explanation.derivedContext) {
    const source = derivationWords(entry.slice(0, entry.indexOf('='))).from;
    const group = groups.get(source);
    if (group === undefined) groups.set(source, [entry]);
    else group.push(entry);
  }
  for (const [source, entries] of groups) {
    out.push(`derived from ${source}: ${entries.map((d) => `\`${d}\``).join(', ')}`);
  }
  return out.join('\n');
}
