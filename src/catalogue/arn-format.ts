/**
 * Overlap of a policy's `Resource` pattern with an ARN format of the Service Authorization Reference
 * (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`): could one ARN match both? Both sides are read as sequences of
 * characters, single-character holes and runs, and their product automaton is walked once: O(pattern × format), with
 * no regular expression built from either text (docs/catalogue.md, CAT-4).
 */

/** One step of a pattern: a literal character, any one character, or any run; holes may exclude characters. */
type Step =
  { readonly kind: 'char'; readonly char: string } | { readonly kind: 'one' | 'run'; readonly excluded: string };

/** A compiled ARN format or resource pattern. */
export interface StepPattern {
  readonly steps: readonly Step[];
}

const ANY_ONE: Step = Object.freeze({ kind: 'one', excluded: '' });
const ANY_RUN: Step = Object.freeze({ kind: 'run', excluded: '' });

/**
 * Compiles an ARN format. `excludedAfterLast` lists the characters its last variable cannot hold (a bucket name holds
 * no `/`, since the object format continues the bucket format with `/`); variables in the first five fields hold no
 * `:`. A variable is one or more characters.
 */
export function compileArnFormat(format: string, excludedAfterLast = ''): StepPattern {
  return compileTemplate(format, excludedAfterLast, 0);
}

/** Compiles a condition-key name with variables (`s3:BucketTag/${TagKey}`): a variable is any one or more characters. */
export function compileKeyTemplate(name: string): StepPattern {
  return compileTemplate(name, '', 5);
}

function compileTemplate(format: string, excludedAfterLast: string, colonsBefore: number): StepPattern {
  const steps: Step[] = [];
  let colons = colonsBefore;
  let index = 0;
  while (index < format.length) {
    const close = format.startsWith('${', index) ? format.indexOf('}', index) : -1;
    if (close > 0) {
      const last = close === format.length - 1;
      const excluded = (colons < 5 ? ':' : '') + (last ? excludedAfterLast : '');
      steps.push({ kind: 'one', excluded }, { kind: 'run', excluded });
      index = close + 1;
      continue;
    }
    const char = format.charAt(index).toLowerCase();
    if (char === ':') colons++;
    steps.push({ kind: 'char', char });
    index++;
  }
  return { steps };
}

/**
 * Compiles a policy `Resource` pattern: `*` is any run, `?` any one character, a policy variable `${…}` any run (its
 * value is not known here), `${*}`, `${?}` and `${$}` their literal character. Case is folded, so that a finding never
 * rests on case alone.
 */
export function compileResourcePattern(pattern: string): StepPattern {
  const steps: Step[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern.charAt(index);
    if (char === '$' && pattern.startsWith('${', index)) {
      const close = pattern.indexOf('}', index);
      if (close > 0) {
        const inner = pattern.slice(index + 2, close);
        steps.push(inner === '*' || inner === '?' || inner === '$' ? { kind: 'char', char: inner } : ANY_RUN);
        index = close + 1;
        continue;
      }
    }
    steps.push(char === '*' ? ANY_RUN : char === '?' ? ANY_ONE : { kind: 'char', char: char.toLowerCase() });
    index++;
  }
  return { steps };
}

/** A literal text (a request's ARN, a condition key) as a pattern without holes. */
export function compileLiteral(text: string): StepPattern {
  return { steps: Array.from(text.toLowerCase(), (char) => ({ kind: 'char', char }) as const) };
}

function allows(step: Step, char: string): boolean {
  return step.kind === 'char' ? step.char === char : !step.excluded.includes(char);
}

/** Whether one character can be read by both steps. */
function compatible(a: Step, b: Step): boolean {
  if (a.kind === 'char') return allows(b, a.char);
  if (b.kind === 'char') return allows(a, b.char);
  // Two holes: the alphabet is far larger than any exclusion list.
  return true;
}

/**
 * Whether some text matches both patterns. Breadth-first over the pairs of positions; each pair is visited once.
 */
export function patternsOverlap(left: StepPattern, right: StepPattern): boolean {
  const a = left.steps;
  const b = right.steps;
  const width = b.length + 1;
  const seen = new Uint8Array((a.length + 1) * width);
  const queue: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, j: number): void => {
    const at = i * width + j;
    if (seen[at] === 0) {
      seen[at] = 1;
      queue.push(at);
    }
  };
  // The queue grows while it is read: an array iterator reads the length at every step.
  for (const at of queue) {
    const i = Math.floor(at / width);
    const j = at % width;
    if (i === a.length && j === b.length) return true;
    const stepA = a[i];
    const stepB = b[j];
    // A run may also read nothing.
    if (stepA?.kind === 'run') visit(i + 1, j);
    if (stepB?.kind === 'run') visit(i, j + 1);
    if (stepA === undefined || stepB === undefined || !compatible(stepA, stepB)) continue;
    visit(stepA.kind === 'run' ? i : i + 1, stepB.kind === 'run' ? j : j + 1);
  }
  return false;
}

/**
 * Whether a literal text (a request's ARN, a condition key) matches a pattern: the set of pattern positions is carried
 * along the text, O(text × pattern), with two position sets reused and nothing allocated per character. The same
 * answer as `patternsOverlap(pattern, compileLiteral(text))`, at a fraction of the cost on the per-request path.
 */
export function matchesText(pattern: StepPattern, text: string): boolean {
  const steps = pattern.steps;
  let current = new Uint8Array(steps.length + 1);
  let next = new Uint8Array(steps.length + 1);
  // Runs may read nothing: a position reaches every position after the runs that follow it.
  const close = (set: Uint8Array): void => {
    for (let i = 0; i < steps.length; i++) if (set[i] === 1 && steps[i]?.kind === 'run') set[i + 1] = 1;
  };
  current[0] = 1;
  close(current);
  const lower = text.toLowerCase();
  for (const char of lower) {
    next.fill(0);
    let any = false;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      if (current[i] !== 1 || step === undefined || !allows(step, char)) continue;
      // A run stays where it is; a character or a hole moves on.
      if (step.kind === 'run') next[i] = 1;
      else next[i + 1] = 1;
      any = true;
    }
    if (!any) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[steps.length] === 1;
}
