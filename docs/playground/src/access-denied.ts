// The AccessDenied box: a pasted message fills the request (parseAccessDenied), and the engine's verdict is set
// against what the message claims.
import type { EvaluationResult, ParsedAccessDenied, PolicyType } from 'iam-policy-evaluator';
import type { App } from './app.js';
import { h, prose, replaceChildren } from './dom.js';

/** The policy types as AWS messages name them. */
export const TYPE_PHRASES: Readonly<Record<PolicyType, string>> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  permissionsBoundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  vpcEndpoint: 'VPC endpoint policy',
};

/** `a service control policy`, `an identity-based policy`. */
export function withArticle(phrase: string): string {
  return `${/^[aeiou]/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

export interface Agreement {
  agrees: boolean;
  /** One sentence each, in the page's message grammar. */
  notes: string[];
}

function describe(result: EvaluationResult): string {
  if (result.decision === 'Allow') return 'allows the request';
  if (result.decision === 'ExplicitDeny' && result.deniedBy) {
    return `finds an explicit deny in the ${TYPE_PHRASES[result.deniedBy.policyType]} \`${result.deniedBy.policyId}\``;
  }
  if (result.notAllowedBy) return `finds an implicit deny: no ${TYPE_PHRASES[result.notAllowedBy]} allows the request`;
  return 'finds an implicit deny';
}

/** Whether the engine's result for the current request says what the message says. */
export function compareWithMessage(
  parsed: ParsedAccessDenied,
  request: { principal: string; action: string; resource: string },
  result: EvaluationResult,
): Agreement {
  const notes: string[] = [];
  const differs: string[] = [];
  if (parsed.principal !== request.principal.trim()) differs.push('principal');
  if (parsed.action.toLowerCase() !== request.action.trim().toLowerCase()) differs.push('action');
  if (parsed.resource !== undefined && parsed.resource !== request.resource.trim()) differs.push('resource');
  if (differs.length > 0) {
    notes.push(
      `the request's ${differs.join(', ')} no longer match the message: the comparison is about the request as it is now`,
    );
  }
  const type = parsed.policyType;
  let agrees: boolean;
  if (type === undefined || parsed.explicit === undefined) {
    agrees = result.decision !== 'Allow';
    notes.push(
      agrees
        ? `the message gives no reason; the engine ${describe(result)}`
        : 'the message says the request is denied, but the engine allows it: is a policy missing?',
    );
    return { agrees, notes };
  }
  const phrase = parsed.trustPolicy ? 'role trust policy' : TYPE_PHRASES[type];
  if (parsed.explicit) {
    const explicitMatch = result.decision === 'ExplicitDeny' && result.deniedBy?.policyType === type;
    // AWS reports an SCP that merely fails to allow as an explicit deny too (IAM-SEMANTICS M-2).
    const scpNoAllow = type === 'scp' && result.decision === 'ImplicitDeny' && result.notAllowedBy === 'scp';
    agrees = explicitMatch || scpNoAllow;
    if (explicitMatch)
      notes.push(`the engine agrees: an explicit deny in the ${phrase} \`${result.deniedBy?.policyId ?? ''}\``);
    else if (scpNoAllow)
      notes.push(
        'the engine agrees: no SCP allows the request, which AWS words as an explicit deny in a service control policy',
      );
    else if (result.decision === 'ExplicitDeny')
      notes.push(`the message names ${withArticle(phrase)}, but the engine ${describe(result)}`);
    else
      notes.push(
        `the message names ${withArticle(phrase)}, but no ${phrase} given denies this request: is one missing?`,
      );
  } else {
    agrees = result.decision === 'ImplicitDeny' && result.notAllowedBy === type;
    notes.push(
      agrees
        ? `the engine agrees: no ${phrase} allows the request`
        : `the message says no ${phrase} allows the request, but the engine ${describe(result)}`,
    );
  }
  if (result.message !== undefined && result.message === parsed.message) {
    notes.push('the engine renders the very same message');
  }
  return { agrees, notes };
}

export class AccessDeniedBox {
  private readonly area: HTMLTextAreaElement;
  private readonly status: HTMLElement;
  private readonly verdict: HTMLElement;
  private parsed: ParsedAccessDenied | undefined;

  constructor(
    root: HTMLElement,
    private readonly app: App,
    private readonly onFilled: (parsed: ParsedAccessDenied) => void,
  ) {
    this.area = h('textarea', {
      id: 'access-denied',
      rows: 3,
      spellcheck: 'false',
      'aria-describedby': 'access-denied-hint',
      placeholder:
        'User: arn:aws:iam::123456789012:user/tester is not authorized to perform: ec2:RunInstances on resource: … with an explicit deny in a service control policy',
      oninput: () => {
        this.app.state.accessDenied = this.area.value;
        void this.read(false).then(() => this.app.changed('accessDenied'));
      },
      onpaste: () => {
        // After the paste has landed in the text area.
        setTimeout(() => void this.read(true), 0);
      },
    });
    this.status = h('div', { id: 'access-denied-status', role: 'status', className: 'status' });
    this.verdict = h('div', { id: 'access-denied-verdict', className: 'verdict', 'aria-live': 'polite' });
    replaceChildren(
      root,
      h(
        'div',
        { className: 'message-grid' },
        h(
          'div',
          null,
          h('label', { for: 'access-denied' }, 'AccessDenied message'),
          h(
            'p',
            { className: 'hint', id: 'access-denied-hint' },
            'Paste the error as you got it (CLI prefix, quotes and encoded messages are fine): it fills the request, and the page says whether the policies agree with it.',
          ),
          this.area,
          h(
            'div',
            { className: 'row' },
            h(
              'button',
              { type: 'button', id: 'read-access-denied', onclick: () => void this.read(true) },
              'Fill the request from the message',
            ),
          ),
        ),
        h('div', null, this.status, this.verdict),
      ),
    );
  }

  /** Shows the state's message (preset, link) and reads it without touching the request. */
  async render(): Promise<void> {
    this.area.value = this.app.state.accessDenied;
    await this.read(false);
  }

  /** Reads the message; with `fill`, copies principal, action and resource into the request. */
  async read(fill: boolean): Promise<void> {
    const text = this.area.value;
    this.app.state.accessDenied = text;
    if (text.trim() === '') {
      this.parsed = undefined;
      replaceChildren(this.status);
      replaceChildren(this.verdict);
      if (fill) this.app.changed('accessDenied');
      return;
    }
    const engine = await this.app.engine;
    const outcome = engine.parseAccessDenied(text);
    if (!outcome.ok) {
      this.parsed = undefined;
      this.status.className = 'status error';
      replaceChildren(
        this.status,
        'The message could not be read: ',
        prose(outcome.error.message),
        ` (line ${outcome.error.line}, column ${outcome.error.column}).`,
      );
      replaceChildren(this.verdict);
      return;
    }
    const parsed = outcome.value;
    this.parsed = parsed;
    this.status.className = 'status';
    const reason =
      parsed.policyType === undefined
        ? 'no reason given'
        : `${parsed.explicit ? 'explicit deny' : 'no allow'} in ${parsed.trustPolicy ? 'the role trust policy' : withArticle(TYPE_PHRASES[parsed.policyType])}`;
    replaceChildren(
      this.status,
      fill ? 'Filled the request from the message: ' : 'The message reads: ',
      h(
        'span',
        { className: 'mono' },
        `${parsed.principal} → ${parsed.action}${parsed.resource ? ` on ${parsed.resource}` : ''}`,
      ),
      `, ${reason}.`,
      parsed.policyArn ? [' Denying policy: ', h('span', { className: 'mono' }, parsed.policyArn), '.'] : '',
      parsed.encodedAuthorizationMessage
        ? ' The encoded authorization message can be decoded with aws sts decode-authorization-message.'
        : '',
    );
    if (fill) this.onFilled(parsed);
  }

  /** Sets the engine's verdict against the message. */
  showVerdict(result: EvaluationResult | undefined): void {
    if (!this.parsed || !result) {
      replaceChildren(this.verdict);
      return;
    }
    const agreement = compareWithMessage(this.parsed, this.app.state.request, result);
    this.verdict.className = `verdict ${agreement.agrees ? 'agrees' : 'differs'}`;
    replaceChildren(
      this.verdict,
      h(
        'strong',
        null,
        agreement.agrees ? 'The engine agrees with the message.' : 'The engine does not agree with the message.',
      ),
      h(
        'ul',
        null,
        agreement.notes.map((n) => h('li', null, prose(n))),
      ),
    );
  }
}
