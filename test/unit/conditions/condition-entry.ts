// Test helper: builds ConditionEntry objects from a raw `Condition` block, as the normalizer does.
import { defaultOperatorRegistry, splitOperatorName } from '../../../src/conditions/registry.js';
import type { ConditionEntry, ConditionValue, PolicyVersion, Template } from '../../../src/model/normalized-policy.js';
import type { SourceSpan } from '../../../src/model/source-span.js';
import { parseTemplate } from '../../../src/parser/parse-template.js';

export type RawConditionBlock = Readonly<
  Record<string, Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>>
>;

export const SPAN: SourceSpan = Object.freeze({
  pointer: '',
  line: 1,
  column: 1,
  offset: 0,
  endLine: 1,
  endColumn: 1,
  endOffset: 0,
});

export function templateOf(raw: string, version: PolicyVersion | null = '2012-10-17'): Template {
  const parsed = parseTemplate(raw, version === '2012-10-17');
  if (!parsed.ok) throw new Error(`bad template in test data: ${raw}`);
  return parsed.template;
}

export function conditionEntries(
  block: RawConditionBlock,
  version: PolicyVersion | null = '2012-10-17',
): ConditionEntry[] {
  const entries: ConditionEntry[] = [];
  for (const [operator, keys] of Object.entries(block)) {
    const { qualifier, base, ifExists } = splitOperatorName(operator);
    const lookup = defaultOperatorRegistry.lookup(base);
    const acceptsVariables = lookup.found && lookup.definition.acceptsVariables;
    for (const [keyAsWritten, raw] of Object.entries(keys)) {
      const list: readonly (string | number | boolean)[] = Array.isArray(raw)
        ? raw
        : [raw as string | number | boolean];
      const values: ConditionValue[] = list.map((value) => {
        const text = String(value);
        return acceptsVariables
          ? { raw: value, text, template: templateOf(text, version), span: SPAN }
          : { raw: value, text, span: SPAN };
      });
      entries.push({
        operator,
        baseOperator: base,
        ...(qualifier === undefined ? {} : { qualifier }),
        ifExists,
        key: keyAsWritten.toLowerCase(),
        keyAsWritten,
        values,
        operatorSpan: SPAN,
        span: SPAN,
      });
    }
  }
  return entries;
}
