// Generates docs/condition-operators.md from the registry declarations, the modifiers and the [X] choice list.
// Run: npx tsx scripts/generate-operator-docs.ts   (test/unit/conditions/operator-docs.test.ts checks it is current)
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONDITION_CHOICES } from '../src/conditions/choices.js';
import { GLOBAL_CONDITION_KEYS, MULTIVALUED_SERVICE_KEYS } from '../src/conditions/context-keys.js';
import { applyModifiers, applyNull, conditionReason } from '../src/conditions/modifiers.js';
import type { ConditionForm, ModifierOutcome } from '../src/conditions/modifiers.js';
import { DEFAULT_OPERATOR_FAMILIES } from '../src/conditions/registry.js';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const cell = (outcome: ModifierOutcome): string =>
  `**${String(outcome.result)}**${outcome.choice === undefined ? '' : ` ([X] ${outcome.choice})`}`;

function operatorTables(): string[] {
  const lines: string[] = [];
  for (const family of DEFAULT_OPERATOR_FAMILIES) {
    lines.push(`### ${family.family}`, '', `${family.summary}.`, '');
    lines.push(
      '| operator | meaning | negates | variables | wildcards | IfExists | qualifiers | compares | values | IAM-SEMANTICS | [X] |',
    );
    lines.push('| --- | --- | --- | :---: | :---: | :---: | :---: | --- | --- | --- | --- |');
    for (const op of family.operators) {
      lines.push(
        `| \`${op.name}\` | ${op.summary} | ${op.positiveTwin === undefined ? '' : `\`${op.positiveTwin}\``} | ` +
          `${yesNo(op.acceptsVariables)} | ${yesNo(op.acceptsWildcards)} | ${yesNo(op.acceptsIfExists)} | ` +
          `${yesNo(op.acceptsQualifier)} | ${op.comparison} | ${op.operand} | ${op.semantics.join(', ')} | ` +
          `${op.choices.join(', ')} |`,
      );
    }
    lines.push('');
  }
  return lines;
}

function missingKeyTable(): string[] {
  const absent = { present: false, count: 0, multivalued: false };
  const empty = { present: true, count: 0, multivalued: false };
  const one = { present: true, count: 1, multivalued: false };
  const never = (): boolean => false;
  const rows: [string, ConditionForm][] = [
    [
      'positive (`StringEquals`, `NumericLessThan`, `Bool`, `IpAddress`, `ArnLike`, …)',
      { negated: false, ifExists: false },
    ],
    ['negated (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`, …)', { negated: true, ifExists: false }],
    ['positive `…IfExists`', { negated: false, ifExists: true }],
    ['negated `…IfExists`', { negated: true, ifExists: true }],
    ['`ForAllValues:` positive', { negated: false, qualifier: 'ForAllValues', ifExists: false }],
    ['`ForAllValues:` negated', { negated: true, qualifier: 'ForAllValues', ifExists: false }],
    ['`ForAnyValue:` positive', { negated: false, qualifier: 'ForAnyValue', ifExists: false }],
    ['`ForAnyValue:` negated', { negated: true, qualifier: 'ForAnyValue', ifExists: false }],
  ];
  const lines = [
    '| operator form | key absent | key present, empty list or `null` | policy values `[]`, key absent | policy values `[]`, key present |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [label, form] of rows) {
    lines.push(
      `| ${label} | ${cell(applyModifiers(form, absent, 1, never))} | ${cell(applyModifiers(form, empty, 1, never))} | ` +
        `${cell(applyModifiers(form, absent, 0, never))} | ${cell(applyModifiers(form, one, 0, never))} |`,
    );
  }
  for (const expectAbsent of [true, false]) {
    lines.push(
      `| \`Null: "${String(expectAbsent)}"\` | ${cell(applyNull(undefined, true, [expectAbsent]))} | ` +
        `${cell(applyNull(undefined, true, [expectAbsent]))} | ${cell(applyNull(undefined, true, []))} | ` +
        `${cell(applyNull(undefined, false, []))} |`,
    );
  }
  lines.push(
    `| \`ForAllValues:Null\` / \`ForAnyValue:Null\` (C-22) | ${cell(applyNull('ForAllValues', true, [true]))} / ` +
      `${cell(applyNull('ForAnyValue', true, [true]))} | same | same | same |`,
  );
  return lines;
}

function presentKeyTable(): string[] {
  const rows: [string, ConditionForm, { present: true; count: number; multivalued: boolean }, number[]][] = [
    [
      'positive, single value',
      { negated: false, ifExists: false },
      { present: true, count: 1, multivalued: false },
      [0],
    ],
    [
      'positive, single value',
      { negated: false, ifExists: false },
      { present: true, count: 1, multivalued: false },
      [],
    ],
    ['negated, single value', { negated: true, ifExists: false }, { present: true, count: 1, multivalued: false }, [0]],
    ['negated, single value', { negated: true, ifExists: false }, { present: true, count: 1, multivalued: false }, []],
    [
      'positive, multivalued key (C-28)',
      { negated: false, ifExists: false },
      { present: true, count: 2, multivalued: true },
      [1],
    ],
    [
      'negated, multivalued key (C-28)',
      { negated: true, ifExists: false },
      { present: true, count: 2, multivalued: true },
      [1],
    ],
    [
      '`ForAllValues:` positive',
      { negated: false, qualifier: 'ForAllValues', ifExists: false },
      { present: true, count: 2, multivalued: true },
      [1],
    ],
    [
      '`ForAllValues:` negated (C-26)',
      { negated: true, qualifier: 'ForAllValues', ifExists: false },
      { present: true, count: 2, multivalued: true },
      [],
    ],
    [
      '`ForAnyValue:` positive',
      { negated: false, qualifier: 'ForAnyValue', ifExists: false },
      { present: true, count: 2, multivalued: true },
      [1],
    ],
    [
      '`ForAnyValue:` negated (C-26)',
      { negated: true, qualifier: 'ForAnyValue', ifExists: false },
      { present: true, count: 2, multivalued: true },
      [1],
    ],
  ];
  const lines = [
    '| form | request values that match some policy value | result | reason |',
    '| --- | --- | --- | --- |',
  ];
  for (const [label, form, side, matching] of rows) {
    const outcome = applyModifiers(form, side, 1, (i) => matching.includes(i));
    const which = `${matching.length} of ${side.count}`;
    lines.push(`| ${label} | ${which} | ${cell(outcome)} | ${conditionReason(outcome.code)} |`);
  }
  return lines;
}

/** The whole of docs/condition-operators.md. */
export function renderOperatorDocs(): string {
  const lines = [
    '# Condition operators',
    '',
    '<!-- Generated by `npx tsx scripts/generate-operator-docs.ts` from the registry declarations',
    '     (src/conditions/operators/*.ts), src/conditions/modifiers.ts and src/conditions/choices.ts. Do not edit. -->',
    '',
    'Every operator of IAM-SEMANTICS §7, declared as data in one module per family and registered explicitly',
    '(`createOperatorRegistry(DEFAULT_OPERATOR_FAMILIES)`). An operator only compares one request value with one policy',
    'value; negation (NOR, C-2), `…IfExists`, `ForAllValues:` and `ForAnyValue:` are applied in one place,',
    '`src/conditions/modifiers.ts`. Condition key names are case-insensitive, including the tag-key part of',
    '`aws:ResourceTag/<k>`, `aws:RequestTag/<k>` and `aws:PrincipalTag/<k>` (G-30, G-32).',
    '',
    '## Operators',
    '',
    ...operatorTables(),
    '## Missing keys and empty lists (§7.2, C-23, C-24, C-27)',
    '',
    'Computed by calling the modifiers. `[X]` marks an outcome that relies on an undocumented behaviour; traces report',
    'the same id in `choice`/`choices`.',
    '',
    ...missingKeyTable(),
    '',
    '## Present keys (C-4, C-23..C-28)',
    '',
    ...presentKeyTable(),
    '',
    '## Choices where the documentation is silent ([X])',
    '',
    '| IAM-SEMANTICS | question | what the engine does | option |',
    '| --- | --- | --- | --- |',
    ...CONDITION_CHOICES.map((c) => `| ${c.id} | ${c.question} | ${c.choice} | ${c.option ?? ''} |`),
    '',
    '## Wildcards',
    '',
    '- One matcher for `*` (any run, including none) and `?` (exactly one UTF-16 code unit), linear in the value on',
    '  every input: no regular expression is built from policy text (`src/matching/wildcard.ts`, docs/benchmarks.md).',
    '- Only `StringLike`, `StringNotLike` and the ARN operators read wildcards (C-8); `${*}`, `${?}`, `${$}` are literal',
    '  characters (PV-7). ARN operators and `Resource` match component by component (W-3, W-4); actions are one',
    '  case-insensitive glob (G-22, W-8).',
    '',
    '## Global condition keys (§9.1)',
    '',
    '| key | operators | multivalued | present when |',
    '| --- | --- | :---: | --- |',
    ...GLOBAL_CONDITION_KEYS.map(
      (k) =>
        `| \`${k.key}${k.key.endsWith('/') ? '<key>' : ''}\` | ${k.families.join(', ')} | ${yesNo(k.multivalued)} | ${k.presence} |`,
    ),
    '',
    `Multivalued service keys known to the engine: ${MULTIVALUED_SERVICE_KEYS.map((k) => `\`${k}\``).join(', ')}.`,
    'Any key given as an array in the request context is multivalued too (C-29). Multivalued keys cannot be policy',
    'variables (PV-4).',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = fileURLToPath(new URL('../docs/condition-operators.md', import.meta.url));
  writeFileSync(target, renderOperatorDocs());
  console.log(`wrote ${target}`);
}
