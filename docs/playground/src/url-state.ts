// The state lives in the URL fragment (never sent to any server): `#s=` + base64url(deflate-raw(JSON)).
// Fragments are untrusted input, so decoding checks every field and drops what does not fit.
import type { PolicyType } from 'iam-policy-evaluator';
import {
  CONTEXT_ROW_TYPES,
  POLICY_TYPE_LABELS,
  defaultState,
  type ContextRow,
  type ContextRowType,
  type LevelDoc,
  type PlaygroundState,
  type PolicyDoc,
} from './state.js';

const PREFIX = 's=';
/** Plain base64url JSON, for browsers without CompressionStream. */
const PLAIN_PREFIX = 'j=';
/** Links longer than this are refused rather than inflated without bound. */
const MAX_JSON_CHARS = 2_000_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** The fragment (without `#`) for a state. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  if (typeof CompressionStream === 'undefined') return PLAIN_PREFIX + toBase64Url(json);
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The state a fragment holds, or undefined when it holds none or cannot be read. */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    let bytes: Uint8Array;
    if (hash.startsWith(PREFIX)) {
      bytes = await pipe(fromBase64Url(hash.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    } else if (hash.startsWith(PLAIN_PREFIX)) {
      bytes = fromBase64Url(hash.slice(PLAIN_PREFIX.length));
    } else {
      return undefined;
    }
    if (bytes.length > MAX_JSON_CHARS) return undefined;
    return sanitize(JSON.parse(new TextDecoder().decode(bytes)) as unknown);
  } catch {
    return undefined;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const POLICY_TYPES = new Set<string>(POLICY_TYPE_LABELS.map((t) => t.type));
const ROW_TYPES = new Set<string>(CONTEXT_ROW_TYPES.map((t) => t.value));

function docs(v: unknown, max = Infinity): PolicyDoc[] {
  return list(v)
    .filter(isRecord)
    .slice(0, max)
    .map((d, i) => ({ id: str(d.id, `policy-${i + 1}`), text: str(d.text) }));
}

function levels(v: unknown): LevelDoc[] {
  return list(v)
    .filter(isRecord)
    .map((l) => ({ target: str(l.target), policies: docs(l.policies) }));
}

function rows(v: unknown): ContextRow[] {
  return list(v)
    .filter(isRecord)
    .map((r) => ({
      key: str(r.key),
      type: (ROW_TYPES.has(str(r.type)) ? str(r.type) : 'string') as ContextRowType,
      values: list(r.values).map((x) => str(x)),
    }));
}

/** Rebuilds a well-formed state from any JSON value. */
export function sanitize(value: unknown): PlaygroundState | undefined {
  if (!isRecord(value) || value.v !== 1) return undefined;
  const base = defaultState();
  const request = isRecord(value.request) ? value.request : {};
  const policies = isRecord(value.policies) ? value.policies : {};
  const tab = str(value.tab);
  const options = isRecord(value.options) ? value.options : {};
  return {
    v: 1,
    request: {
      principal: str(request.principal),
      action: str(request.action),
      resource: str(request.resource),
      resourceAccount: str(request.resourceAccount),
      context: rows(request.context),
    },
    options: { now: str(options.now), managementAccountId: str(options.managementAccountId) },
    policies: {
      identity: docs(policies.identity),
      resource: docs(policies.resource, 1),
      permissionsBoundary: docs(policies.permissionsBoundary, 1),
      session: docs(policies.session),
      scp: levels(policies.scp),
      rcp: levels(policies.rcp),
      vpcEndpoint: docs(policies.vpcEndpoint),
    },
    accessDenied: str(value.accessDenied),
    tab: POLICY_TYPES.has(tab) ? (tab as PolicyType) : base.tab,
    preset: str(value.preset),
  };
}
