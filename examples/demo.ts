// `npm run demo`: evaluates every scenario under examples/scenarios and prints the decision, the deciding
// statement with its source lines, the condition values, and what the parser says about the users' pastes.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { explain, formatExplanation, evaluate, validatePolicy } from '../src/index.js';
import type { EvaluationInput, EvaluationResult, PolicyGrammar, RequestInput } from '../src/index.js';
import { loadPolicyFolder } from '../src/cli/policy-folder.js';

interface ScenarioCase {
  readonly title: string;
  readonly request: RequestInput;
  readonly expected: { readonly decision: EvaluationResult['decision'] };
}
interface Scenario extends ScenarioCase {
  readonly summary: string;
  readonly variants?: readonly ScenarioCase[];
}

const root = join(import.meta.dirname, 'scenarios');
const color = process.stdout.isTTY && !process.env['NO_COLOR'];
const bold = (s: string): string => (color ? `\u001b[1m${s}\u001b[22m` : s);

/** The grammar the broken paste was meant for, from the folder that holds its fixed version. */
function grammarOfPaste(dir: string): PolicyGrammar {
  return existsSync(join(dir, 'policies', 'resource')) ? 'resource' : 'identity';
}

let mismatches = 0;
for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as Scenario;
  console.log(`\n${'='.repeat(100)}\n${bold(`${name}: ${scenario.title}`)}\n${scenario.summary}\n`);

  const pastes = join(dir, 'as-pasted');
  if (existsSync(pastes)) {
    for (const file of readdirSync(pastes).sort()) {
      const text = readFileSync(join(pastes, file), 'utf8');
      const issues = validatePolicy(text, { policyType: grammarOfPaste(dir), policyId: file });
      console.log(
        bold(`As pasted (${relative(process.cwd(), join(pastes, file))}): refused with ${issues.length} issue(s)`),
      );
      for (const issue of issues) {
        console.log(
          `  ${issue.severity} ${issue.code} at ${issue.line}:${issue.column} ${issue.pointer || '/'}: ${issue.message}`,
        );
      }
      console.log('');
    }
  }

  const { policies, files } = loadPolicyFolder(join(dir, 'policies'));
  if (existsSync(pastes)) {
    console.log(`Fixed: ${files.map((f) => relative(process.cwd(), f.path)).join(', ')} parse with no error\n`);
  }
  for (const item of [scenario, ...(scenario.variants ?? [])]) {
    const input: EvaluationInput = { request: item.request, policies };
    const result = evaluate(input);
    const agrees = result.decision === item.expected.decision;
    if (!agrees) mismatches += 1;
    console.log(bold(`-- ${item === scenario ? 'Request' : `Variant: ${item.title}`}`));
    console.log(`   ${item.request.principal} -> ${item.request.action} on ${item.request.resource}`);
    console.log(`   expected ${item.expected.decision}, got ${result.decision}${agrees ? '' : '  <-- MISMATCH'}`);
    console.log(formatExplanation(explain(input, result), { color }).replace(/^/gm, '   '));
  }
}
console.log(
  `\n${mismatches === 0 ? 'every scenario decided as expected' : `${mismatches} decision(s) differ from the expectation`}`,
);
process.exitCode = mismatches === 0 ? 0 : 1;
