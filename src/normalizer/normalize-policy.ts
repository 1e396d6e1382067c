import { defaultOperatorRegistry, splitOperatorName } from '../conditions/registry.js';
import { PolicyValidationError } from '../errors/policy-validation-error.js';
import type {
  ActionElement,
  ConditionEntry,
  ConditionValue,
  NormalizedPolicy,
  NormalizedStatement,
  PrincipalElement,
  PrincipalValue,
  ResourceElement,
} from '../model/normalized-policy.js';
import type { SourceSpan } from '../model/source-span.js';
import type {
  ParsedConditionBlock,
  ParsedPolicy,
  ParsedPrincipalElement,
  ParsedStatement,
  ParsedStringList,
} from '../parser/parsed-policy.js';
import { readPrincipal } from '../parser/principal-format.js';
import { deepFreeze } from '../model/deep-freeze.js';
import { literalTemplate, parseTemplate } from '../parser/parse-template.js';

/** Refuses a hand-made ParsedPolicy that parsePolicy would not have produced. */
function notFromParser(policy: ParsedPolicy, span: SourceSpan, message: string): never {
  throw new PolicyValidationError(policy.policyId, [
    {
      code: 'invalid_type',
      severity: 'error',
      message: `${message}: pass the result of \`parsePolicy\``,
      policyId: policy.policyId,
      line: span.line,
      column: span.column,
      pointer: span.pointer,
    },
  ]);
}

function normalizeAction(list: ParsedStringList): ActionElement {
  return {
    negated: list.negated,
    patterns: list.values.map(({ value, span }) => ({ raw: value, pattern: value.toLowerCase(), span })),
    span: list.span,
  };
}

function normalizeResource(list: ParsedStringList, variables: boolean): ResourceElement {
  return {
    negated: list.negated,
    patterns: list.values.map(({ value, span }) => {
      const parsed = parseTemplate(value, variables);
      return { raw: value, template: parsed.ok ? parsed.template : literalTemplate(value), span };
    }),
    span: list.span,
  };
}

function normalizePrincipal(policy: ParsedPolicy, element: ParsedPrincipalElement): PrincipalElement {
  const values = element.values.map((principal): PrincipalValue => {
    const reading = readPrincipal(principal);
    if (!reading.ok) return notFromParser(policy, principal.span, reading.message);
    return {
      type: principal.type,
      raw: principal.value,
      value: reading.value,
      kind: reading.kind,
      ...(reading.accountId === undefined ? {} : { accountId: reading.accountId }),
      span: principal.span,
    };
  });
  return { negated: element.negated, values, span: element.span };
}

function normalizeConditions(
  policy: ParsedPolicy,
  blocks: readonly ParsedConditionBlock[],
  variables: boolean,
): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const block of blocks) {
    const parts = splitOperatorName(block.operator);
    const lookup = defaultOperatorRegistry.lookup(parts.base);
    if (!lookup.found) return notFromParser(policy, block.span, `unknown condition operator \`${block.operator}\``);
    const { definition } = lookup;
    const withTemplates = variables && definition.acceptsVariables;
    for (const key of block.keys) {
      const values = key.values.map((value): ConditionValue => {
        const text = String(value.raw);
        if (!withTemplates) return { raw: value.raw, text, span: value.span };
        const parsed = parseTemplate(text, true);
        return {
          raw: value.raw,
          text,
          template: parsed.ok ? parsed.template : literalTemplate(text),
          span: value.span,
        };
      });
      entries.push({
        operator: block.operator,
        baseOperator: definition.name,
        ...(parts.qualifier === undefined ? {} : { qualifier: parts.qualifier }),
        ifExists: parts.ifExists,
        key: key.key.toLowerCase(),
        keyAsWritten: key.key,
        values,
        operatorSpan: block.span,
        span: key.span,
      });
    }
  }
  return entries;
}

function normalizeStatement(policy: ParsedPolicy, statement: ParsedStatement, variables: boolean): NormalizedStatement {
  return {
    index: statement.index,
    ...(statement.sid === undefined ? {} : { sid: statement.sid }),
    effect: statement.effect,
    action: normalizeAction(statement.action),
    ...(statement.resource === undefined ? {} : { resource: normalizeResource(statement.resource, variables) }),
    ...(statement.principal === undefined ? {} : { principal: normalizePrincipal(policy, statement.principal) }),
    conditions: normalizeConditions(policy, statement.conditions, variables),
    span: statement.span,
    effectSpan: statement.effectSpan,
    ...(statement.conditionSpan === undefined ? {} : { conditionSpan: statement.conditionSpan }),
  };
}

/**
 * Builds the one canonical, deeply frozen form of a parsed policy that the evaluator consumes without re-parsing:
 * Statement, Action, Resource and Principal always lists; actions lower-cased (G-22); principals canonical (a
 * 12-digit account becomes `arn:aws:iam::ID:root`, G-15); conditions split into operator, set qualifier, IfExists,
 * lower-cased key (G-30) and values whose `text` is `String(raw)` (G-5); policy variables pre-parsed, and only under
 * `Version` `2012-10-17` (G-9, PV-1). Every statement keeps its index, Sid and spans.
 *
 * @param policy - The `policy` of a successful {@link parsePolicy}.
 * @returns The normalized policy, frozen.
 * @throws PolicyValidationError when `policy` was not made by {@link parsePolicy} and breaks its grammar.
 * @example
 * ```ts
 * import { normalizePolicy, parsePolicy } from 'iam-policy-evaluator';
 * const parsed = parsePolicy('{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"S3:GetObject","Resource":"*"}}', {
 *   policyType: 'identity',
 *   policyId: 'read',
 * });
 * parsed.ok && normalizePolicy(parsed.policy).statements[0]?.action.patterns[0]?.pattern; //=> 's3:getobject'
 * ```
 */
export function normalizePolicy(policy: ParsedPolicy): NormalizedPolicy {
  const variables = policy.version === '2012-10-17';
  const normalized: NormalizedPolicy = {
    policyId: policy.policyId,
    policyType: policy.policyType,
    grammar: policy.grammar,
    ...(policy.version === undefined ? {} : { version: policy.version }),
    ...(policy.id === undefined ? {} : { id: policy.id }),
    statements: policy.statements.map((statement) => normalizeStatement(policy, statement, variables)),
    source: policy.source,
    warnings: [...policy.warnings],
  };
  return deepFreeze(normalized);
}
