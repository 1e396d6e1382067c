import { resolveTemplate, templatePieces } from '../matching/policy-variables.js';
import type { ConditionTrace } from '../model/evaluation-result.js';
import type { ConditionEntry, Template } from '../model/normalized-policy.js';
import type { ContextEntry, ContextScalar, RequestContextView } from '../model/request.js';
import type { OperatorDefinition, ValueParseResult } from './define-operator.js';
import { applyModifiers, applyNull, conditionReason } from './modifiers.js';
import type { ConditionForm, ModifierOutcome } from './modifiers.js';
import { defaultOperatorRegistry } from './registry.js';

/**
 * One policy value, prepared once.
 *
 * @example
 * ```ts
 * import type { PreparedPolicyValue } from 'iam-policy-evaluator';
 * import { compileCondition } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const c = compileCondition({ operator: 'IpAddress', baseOperator: 'IpAddress', ifExists: false, key: 'aws:sourceip',
 *   keyAsWritten: 'aws:SourceIp', values: [{ raw: 'nope', text: 'nope', span }], operatorSpan: span, span });
 * const [value]: readonly PreparedPolicyValue[] = c.values;
 * value?.kind; //=> 'invalid'
 * ```
 */
export type PreparedPolicyValue =
  | { readonly kind: 'ready'; readonly text: string; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly text: string; readonly message: string }
  | { readonly kind: 'template'; readonly text: string; readonly template: Template };

/**
 * A condition entry compiled once, evaluated against many requests.
 *
 * @example
 * ```ts
 * import type { CompiledCondition } from 'iam-policy-evaluator';
 * import { compileCondition } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const c: CompiledCondition = compileCondition({ operator: 'StringEquals', baseOperator: 'StringEquals', ifExists: false,
 *   key: 'aws:username', keyAsWritten: 'aws:username', values: [{ raw: 'ana', text: 'ana', span }], operatorSpan: span, span });
 * c.definition.name; //=> 'StringEquals'
 * ```
 */
export interface CompiledCondition {
  readonly entry: ConditionEntry;
  readonly definition: OperatorDefinition;
  readonly form: ConditionForm;
  readonly values: readonly PreparedPolicyValue[];
  /** True when some value holds a policy variable: those values are prepared per request. */
  readonly hasVariables: boolean;
  /** The condition key and every variable key it reads, as written. */
  readonly keys: readonly string[];
  /** [X] items that preparing the policy values relied on. */
  readonly choices: readonly string[];
  /** Without variables, the values every request sees, prepared at compile time. */
  readonly staticValues?: ResolvedPolicyValues;
}

function prepare(definition: OperatorDefinition, raw: string | number | boolean, text: string, template?: Template) {
  const useTemplate =
    template !== undefined &&
    definition.parsePolicyPieces !== undefined &&
    template.parts.some((part) => part.kind !== 'text');
  if (useTemplate && template.hasVariables) {
    return { prepared: { kind: 'template', text: template.raw, template } as const, choice: undefined };
  }
  const parsed: ValueParseResult<unknown> =
    useTemplate && definition.parsePolicyPieces !== undefined
      ? definition.parsePolicyPieces(templatePieces(template))
      : definition.parsePolicyValue(raw);
  if (!parsed.ok) {
    const choice = definition.family === 'numeric' ? 'C-11' : 'C-30';
    return { prepared: { kind: 'invalid', text, message: parsed.message } as const, choice };
  }
  return { prepared: { kind: 'ready', text, value: parsed.value } as const, choice: parsed.choice };
}

/**
 * Compiles one (operator, key) entry: looks the operator up and reads every policy value once (numbers, dates,
 * CIDRs, base64, wildcard and ARN matchers). Values holding variables stay templates, prepared per request.
 * A value that cannot be read matches nothing (C-11, C-30 [X]); validation reports it before compilation.
 *
 * @throws Error when the operator is not in the registry: entries come from validated policies, which never hold one.
 * @example
 * ```ts
 * import { compileCondition, createRequestContext, testCondition } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const compiled = compileCondition({
 *   operator: 'NumericLessThan', baseOperator: 'NumericLessThan', ifExists: false,
 *   key: 'aws:multifactorauthage', keyAsWritten: 'aws:MultiFactorAuthAge',
 *   values: [{ raw: 3600, text: '3600', span }], operatorSpan: span, span,
 * });
 * testCondition(compiled, createRequestContext({ 'aws:MultiFactorAuthAge': 120 })); //=> true
 * ```
 */
export function compileCondition(entry: ConditionEntry): CompiledCondition {
  const lookup = defaultOperatorRegistry.lookup(entry.baseOperator);
  if (!lookup.found) {
    const hint = lookup.suggestion === undefined ? '' : `: did you mean \`${lookup.suggestion}\``;
    throw new Error(`unknown condition operator \`${entry.baseOperator}\`${hint}`);
  }
  const definition = lookup.definition;
  const choices = new Set<string>();
  const values = entry.values.map((value) => {
    const { prepared, choice } = prepare(definition, value.raw, value.text, value.template);
    if (choice !== undefined) choices.add(choice);
    if (typeof value.raw !== 'string' && (definition.family === 'string' || definition.family === 'arn')) {
      choices.add('G-5');
    }
    return Object.freeze(prepared);
  });
  const keys = [entry.keyAsWritten];
  for (const value of values) {
    if (value.kind !== 'template') continue;
    for (const part of value.template.parts) {
      if (part.kind === 'variable' && !keys.some((k) => k.toLowerCase() === part.key)) keys.push(part.name);
    }
  }
  const form: ConditionForm =
    entry.qualifier === undefined
      ? { negated: definition.negated, ifExists: entry.ifExists }
      : { negated: definition.negated, qualifier: entry.qualifier, ifExists: entry.ifExists };
  const compiled: CompiledCondition = {
    entry,
    definition,
    form: Object.freeze(form),
    values: Object.freeze(values),
    hasVariables: values.some((value) => value.kind === 'template'),
    keys: Object.freeze(keys),
    choices: Object.freeze([...choices].sort()),
  };
  return Object.freeze(compiled.hasVariables ? compiled : { ...compiled, staticValues: staticValues(compiled) });
}

/**
 * Policy values ready for one request: `present[j]` is false when value j matches nothing.
 *
 * @example
 * ```ts
 * import type { ResolvedPolicyValues } from 'iam-policy-evaluator';
 * import { compileCondition } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const c = compileCondition({ operator: 'Bool', baseOperator: 'Bool', ifExists: false, key: 'aws:securetransport',
 *   keyAsWritten: 'aws:SecureTransport', values: [{ raw: 'true', text: 'true', span }], operatorSpan: span, span });
 * const ready: ResolvedPolicyValues | undefined = c.staticValues;
 * ready?.usable; //=> [true]
 * ```
 */
export interface ResolvedPolicyValues {
  readonly texts: readonly string[];
  readonly usable: readonly unknown[];
  readonly present: readonly boolean[];
  readonly notes: readonly string[];
  readonly choices: readonly string[];
}

const NO_NOTES: readonly string[] = Object.freeze([]);

function resolveValues(compiled: CompiledCondition, context: RequestContextView): ResolvedPolicyValues {
  const texts: string[] = [];
  const usable: unknown[] = [];
  const present: boolean[] = [];
  const notes: string[] = [];
  const choices: string[] = [];
  const definition = compiled.definition;
  for (const value of compiled.values) {
    if (value.kind === 'ready') {
      texts.push(value.text);
      usable.push(value.value);
      present.push(true);
      continue;
    }
    if (value.kind === 'invalid') {
      texts.push(value.text);
      usable.push(undefined);
      present.push(false);
      notes.push(`policy value ${value.message}`);
      continue;
    }
    // PV-8 [X]: substituted values are literal; the trace names PV-8 where that mattered.
    const resolution = resolveTemplate(value.template, context);
    for (const choice of resolution.choices) {
      if (choice !== 'PV-8' || definition.acceptsWildcards) choices.push(choice);
    }
    texts.push(resolution.text);
    if (!resolution.ok || definition.parsePolicyPieces === undefined) {
      usable.push(undefined);
      present.push(false);
      if (!resolution.ok) notes.push(resolution.reason);
      continue;
    }
    const parsed = definition.parsePolicyPieces(resolution.pieces);
    if (parsed.ok && parsed.choice !== undefined) choices.push(parsed.choice);
    usable.push(parsed.ok ? parsed.value : undefined);
    present.push(parsed.ok);
    if (!parsed.ok) notes.push(`policy value ${parsed.message}`);
  }
  return { texts, usable, present, notes, choices };
}

function staticValues(compiled: CompiledCondition): ResolvedPolicyValues {
  return Object.freeze({
    texts: compiled.values.map((value) => value.text),
    usable: compiled.values.map((value) => (value.kind === 'ready' ? value.value : undefined)),
    present: compiled.values.map((value) => value.kind === 'ready'),
    notes: compiled.values.flatMap((value) => (value.kind === 'invalid' ? [`policy value ${value.message}`] : [])),
    choices: NO_NOTES,
  });
}

function valuesFor(compiled: CompiledCondition, context: RequestContextView): ResolvedPolicyValues {
  return compiled.staticValues ?? resolveValues(compiled, context);
}

function matchesAny(definition: OperatorDefinition, request: unknown, values: ResolvedPolicyValues): boolean {
  for (let j = 0; j < values.usable.length; j += 1) {
    if (values.present[j] === true && definition.test(request, values.usable[j])) return true;
  }
  return false;
}

function decide(
  compiled: CompiledCondition,
  entry: ContextEntry | undefined,
  values: ResolvedPolicyValues,
  matches: (index: number) => boolean,
): ModifierOutcome {
  const { definition, form } = compiled;
  if (definition.family === 'null') {
    const expectations = values.usable.filter((_, j) => values.present[j] === true) as boolean[];
    return applyNull(form.qualifier, entry === undefined || entry.values.length === 0, expectations);
  }
  const side =
    entry === undefined
      ? { present: false, count: 0, multivalued: false }
      : { present: true, count: entry.values.length, multivalued: entry.multivalued };
  return applyModifiers(form, side, compiled.values.length, matches);
}

/** The request value at `index` of `entry`, parsed as the operator reads it: once per request where the view keeps it. */
function requestValue(
  definition: OperatorDefinition,
  context: RequestContextView,
  entry: ContextEntry,
  index: number,
): ValueParseResult<unknown> {
  const read = definition.parseRequestValue;
  return context.readValue === undefined
    ? read(entry.values[index] as ContextScalar)
    : context.readValue(entry, index, read);
}

/**
 * Fast path: whether the condition holds, without building a trace.
 *
 * @example
 * ```ts
 * import { compileCondition, createRequestContext, testCondition } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const compiled = compileCondition({
 *   operator: 'StringNotEquals', baseOperator: 'StringNotEquals', ifExists: false,
 *   key: 'aws:principalorgid', keyAsWritten: 'aws:PrincipalOrgID',
 *   values: [{ raw: 'o-123', text: 'o-123', span }], operatorSpan: span, span,
 * });
 * // C-5: a missing key satisfies a negated operator
 * testCondition(compiled, createRequestContext({})); //=> true
 * ```
 */
export function testCondition(compiled: CompiledCondition, context: RequestContextView): boolean {
  const entry = context.get(compiled.entry.key);
  const values = valuesFor(compiled, context);
  const definition = compiled.definition;
  const matches = (index: number): boolean => {
    const parsed = requestValue(definition, context, entry as ContextEntry, index);
    return parsed.ok && matchesAny(definition, parsed.value, values);
  };
  return decide(compiled, entry, values, matches).result;
}

/**
 * Evaluates a compiled condition against a request and records everything a trace shows: operator and qualifier,
 * the key as written and whether it was supplied, derived or missing, the request values, the policy values after
 * variable substitution, which values matched, the result, the reason in words and the [X] items relied on.
 *
 * @example
 * ```ts
 * import { compileCondition, createRequestContext, evaluateCondition } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const compiled = compileCondition({
 *   operator: 'StringLikeIfExists', baseOperator: 'StringLike', ifExists: true,
 *   key: 'aws:resourcetag/team', keyAsWritten: 'aws:ResourceTag/team',
 *   values: [{ raw: 'blue*', text: 'blue*', span }], operatorSpan: span, span,
 * });
 * const trace = evaluateCondition(compiled, createRequestContext({}));
 * trace.result; //=> true
 * trace.reason; //=> 'key missing, IfExists makes it true'
 * ```
 */
export function evaluateCondition(compiled: CompiledCondition, context: RequestContextView): ConditionTrace {
  const { entry: condition, definition } = compiled;
  const entry = context.get(condition.key);
  const values = valuesFor(compiled, context);
  const requestValues = entry?.values ?? [];
  const notes = [...values.notes];
  const choices = new Set<string>([...compiled.choices, ...values.choices]);
  const matchedRequest: boolean[] = [];
  const matchedPolicy = values.texts.map(() => false);
  if (definition.family !== 'null') {
    requestValues.forEach((raw, index) => {
      const parsed = requestValue(definition, context, entry as ContextEntry, index);
      let matched = false;
      if (!parsed.ok) {
        notes.push(`request value ${parsed.message}`);
      } else {
        if (parsed.choice !== undefined) choices.add(parsed.choice);
        if (typeof raw !== 'string' && (definition.family === 'string' || definition.family === 'arn')) {
          choices.add('G-5');
        }
        for (let j = 0; j < values.usable.length; j += 1) {
          if (values.present[j] !== true) continue;
          const hit = definition.test(parsed.value, values.usable[j]);
          if (hit) {
            matched = true;
            matchedPolicy[j] = true;
          }
          const choice = definition.testChoice?.(parsed.value, values.usable[j]);
          if (choice !== undefined && (hit || choice !== 'W-7')) choices.add(choice);
        }
      }
      matchedRequest.push(matched);
    });
  }
  const outcome = decide(compiled, entry, values, (index) => matchedRequest[index] === true);
  const ordered = [...(outcome.choice === undefined ? [] : [outcome.choice])];
  for (const choice of [...choices].sort()) if (!ordered.includes(choice)) ordered.push(choice);
  const reason = [conditionReason(outcome.code), ...new Set(notes)].join('; ');
  const trace: ConditionTrace = {
    operator: condition.operator,
    baseOperator: condition.baseOperator,
    ...(condition.qualifier === undefined ? {} : { qualifier: condition.qualifier }),
    ifExists: condition.ifExists,
    key: condition.keyAsWritten,
    keyStatus: entry === undefined ? 'missing' : entry.origin,
    requestValues: [...requestValues],
    policyValues: [...values.texts],
    matchedPolicyValues: values.texts.filter((_, j) => matchedPolicy[j] === true),
    matchedRequestValues: requestValues.filter((_, i) => matchedRequest[i] === true),
    result: outcome.result,
    reason,
    ...(ordered.length > 0 ? { choice: ordered[0] as string } : {}),
    choices: ordered,
    span: condition.span,
  };
  return trace;
}

/**
 * Compiles every entry of a statement's `Condition`, in document order.
 *
 * @example
 * ```ts
 * import { compileConditions } from 'iam-policy-evaluator';
 * compileConditions([]).length; //=> 0
 * ```
 */
export function compileConditions(entries: readonly ConditionEntry[]): readonly CompiledCondition[] {
  return Object.freeze(entries.map((entry) => compileCondition(entry)));
}

/**
 * Whether every condition holds (C-1, C-3: operators and keys are ANDed; no condition is true).
 *
 * @example
 * ```ts
 * import { createRequestContext, testConditions } from 'iam-policy-evaluator';
 * testConditions([], createRequestContext({})); //=> true
 * ```
 */
export function testConditions(compiled: readonly CompiledCondition[], context: RequestContextView): boolean {
  for (const condition of compiled) if (!testCondition(condition, context)) return false;
  return true;
}

/**
 * The context keys conditions read (condition keys and policy-variable keys), as written, case-insensitively
 * deduplicated and sorted: what the evaluator reports as missing when the request lacks them.
 *
 * @example
 * ```ts
 * import { conditionKeysOf } from 'iam-policy-evaluator';
 * const span = { pointer: '', line: 1, column: 1, offset: 0, endLine: 1, endColumn: 1, endOffset: 0 };
 * const entry = { operator: 'Bool', baseOperator: 'Bool', ifExists: false, key: 'aws:securetransport',
 *   keyAsWritten: 'aws:SecureTransport', values: [], operatorSpan: span, span };
 * conditionKeysOf([entry]); //=> ['aws:SecureTransport']
 * ```
 */
export function conditionKeysOf(conditions: readonly (ConditionEntry | CompiledCondition)[]): readonly string[] {
  const byLower = new Map<string, string>();
  const add = (name: string): void => {
    const lower = name.toLowerCase();
    if (!byLower.has(lower)) byLower.set(lower, name);
  };
  for (const condition of conditions) {
    const entry = 'definition' in condition ? condition.entry : condition;
    add(entry.keyAsWritten);
    for (const value of entry.values) {
      for (const part of value.template?.parts ?? []) if (part.kind === 'variable') add(part.name);
    }
  }
  return [...byLower.keys()].sort().map((lower) => byLower.get(lower) as string);
}
