import { describeResourceTypes } from '../catalogue/resource-fit.js';
import type { RequestIssue } from '../errors/request-validation-error.js';
import type { Catalogue } from '../model/catalogue.js';
import type { RequestInput } from '../model/request.js';

const warning = (code: RequestIssue['code'], pointer: string, message: string, suggestion?: string): RequestIssue =>
  Object.freeze({ code, severity: 'warning', pointer, message, ...(suggestion === undefined ? {} : { suggestion }) });

/**
 * What the catalogue says about a request that no real call would make (CAT-10): an action AWS does not have, a
 * resource of a type the action does not act on (`s3:ListBucket` on an object), `*` for an action that has resource
 * types, or a resource ARN for an action that supports none. Warnings only: the request is decided as given.
 */
export function catalogueWarnings(request: RequestInput, catalogue: Catalogue | undefined): readonly RequestIssue[] {
  if (catalogue === undefined) return [];
  const { action: actionId, resource } = request;
  const colon = actionId.indexOf(':');
  const prefix = actionId.slice(0, colon);
  const action = catalogue.action(actionId);
  if (action === undefined) {
    const suggestion = catalogue.suggestAction(actionId);
    const what = catalogue.hasService(prefix)
      ? `\`${actionId}\` is not an action of \`${prefix}\` in the catalogue`
      : `\`${prefix}\` is not a service prefix of the catalogue`;
    return [
      warning(
        'unknown_request_action',
        '/request/action',
        `${what}, so no real request carries \`${actionId}\`` +
          (suggestion === undefined ? '' : `: did you mean \`${suggestion}\``),
        suggestion,
      ),
    ];
  }
  if (resource === '*') {
    // One optional type (`cloudwatch:PutMetricData` on a dataset) leaves `*` a real request; several optional types
    // are the data's way of writing "one of these" (`s3:ListBucket`: an access point or a bucket).
    const types = action.resourceTypes;
    if (types.length === 0 || (types.length === 1 && types[0]?.required === false)) return [];
    return [
      warning(
        'request_resource_not_real',
        '/request/resource',
        `\`${action.id}\` acts on ${describeResourceTypes(action.resourceTypes)}: a real request for it names that resource, never \`*\``,
      ),
    ];
  }
  if (action.resourceTypes.length === 0) {
    return [
      warning(
        'request_resource_type_mismatch',
        '/request/resource',
        `\`${action.id}\` supports no resource-level permissions: AWS evaluates its requests against \`*\`, not \`${resource}\``,
        '*',
      ),
    ];
  }
  if (catalogue.resourceTypesOf(action.id, resource).length > 0) return [];
  const named = catalogue.classifyArn(resource);
  const first = named[0]?.name ?? '';
  const article = 'aeiou'.includes(first.charAt(0)) ? 'an' : 'a';
  const names =
    named.length === 0 ? 'no resource type of the catalogue' : `${article} ${named.map((t) => t.name).join(' or ')}`;
  return [
    warning(
      'request_resource_type_mismatch',
      '/request/resource',
      `\`${action.id}\` acts on ${describeResourceTypes(action.resourceTypes)}; the request names ${names}`,
    ),
  ];
}
