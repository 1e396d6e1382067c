import ipaddr from 'ipaddr.js';
import type { ContextScalar } from '../../model/request.js';
import { defineOperator, defineOperatorFamily } from '../define-operator.js';
import type { ValueParseResult } from '../define-operator.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * A prepared CIDR: the network and its prefix length. Host bits beyond the prefix are ignored (C-19).
 *
 * @example
 * ```ts
 * import type { IpRange } from 'iam-policy-evaluator';
 * import { parseIpRange } from 'iam-policy-evaluator';
 * const r = parseIpRange('2001:db8::/32');
 * const range: IpRange | undefined = r.ok ? r.value : undefined;
 * range?.prefix; //=> 32
 * ```
 */
export interface IpRange {
  readonly address: Address;
  readonly prefix: number;
}

function strictAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  // Zone ids (`fe80::1%eth0`) are refused (C-21 [X]).
  if (!text.includes('%') && text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  return undefined;
}

/** IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is read as the IPv4 address it carries (C-21 [X]). */
function unmap(address: Address, prefix: number): { address: Address; prefix: number; mapped: boolean } {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && prefix >= 96) {
    return { address: (address as ipaddr.IPv6).toIPv4Address(), prefix: prefix - 96, mapped: true };
  }
  return { address, prefix, mapped: false };
}

/**
 * Reads a policy IP value (C-18, C-19, C-21): an IPv4 or IPv6 CIDR, or a bare address meaning `/32` (IPv4) or `/128`
 * (IPv6, [X]). IPv4 must be four-part decimal. IPv4-mapped IPv6 ranges of prefix ≥ 96 become IPv4 ranges.
 *
 * @example
 * ```ts
 * import { parseIpRange } from 'iam-policy-evaluator';
 * parseIpRange('203.0.113.5/24').ok; //=> true
 * parseIpRange('203.0.113').ok; //=> false
 * ```
 */
export function parseIpRange(raw: ContextScalar): ValueParseResult<IpRange> {
  const text = String(raw);
  const failure = { ok: false, message: `\`${text}\` is not an ip address or cidr range` } as const;
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const address = strictAddress(addressText);
  if (address === undefined) return failure;
  const maxPrefix = address.kind() === 'ipv4' ? 32 : 128;
  let prefix = maxPrefix;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText)) return failure;
    prefix = Number(prefixText);
    if (prefix > maxPrefix) return failure;
  }
  const range = unmap(address, prefix);
  const choice = range.mapped || (prefixText === undefined && maxPrefix === 128) ? 'C-21' : undefined;
  const value = { address: range.address, prefix: range.prefix };
  return choice === undefined ? { ok: true, value } : { ok: true, value, choice };
}

/**
 * Reads a request IP address (no prefix, no zone id). IPv4-mapped IPv6 is read as IPv4 (C-21 [X]).
 *
 * @example
 * ```ts
 * import { parseIpAddress } from 'iam-policy-evaluator';
 * const mapped = parseIpAddress('::ffff:203.0.113.5');
 * mapped.ok && mapped.value.toString(); //=> '203.0.113.5'
 * mapped.ok && mapped.choice; //=> 'C-21'
 * ```
 */
export function parseIpAddress(raw: ContextScalar): ValueParseResult<Address> {
  const text = String(raw);
  const address = strictAddress(text);
  if (address === undefined) return { ok: false, message: `\`${text}\` is not an ip address` };
  const plain = unmap(address, 128);
  return plain.mapped ? { ok: true, value: plain.address, choice: 'C-21' } : { ok: true, value: address };
}

function inRange(address: Address, range: IpRange): boolean {
  if (address.kind() !== range.address.kind()) return false;
  return address.match(range.address, range.prefix);
}

const ip = (name: 'IpAddress' | 'NotIpAddress') =>
  defineOperator<IpRange, Address>({
    name,
    family: 'ip',
    negated: name === 'NotIpAddress',
    ...(name === 'NotIpAddress' ? { positiveTwin: 'IpAddress' } : {}),
    acceptsVariables: false,
    acceptsWildcards: false,
    acceptsIfExists: true,
    acceptsQualifier: true,
    comparison: 'the address lies in the range; IPv4 and IPv6 never match each other',
    operand: 'an IPv4 or IPv6 address or CIDR range',
    summary:
      name === 'NotIpAddress' ? 'the address is in none of the listed ranges' : 'the address is in one listed range',
    semantics: name === 'NotIpAddress' ? ['C-2', 'C-4', 'C-18', 'C-19'] : ['C-1', 'C-4', 'C-18', 'C-19'],
    choices: ['C-21'],
    parsePolicyValue: parseIpRange,
    parseRequestValue: parseIpAddress,
    test: inRange,
  });

/**
 * The IP operators (IAM-SEMANTICS §7.8): `IpAddress`, `NotIpAddress`.
 *
 * @example
 * ```ts
 * import { ipAddressOperatorFamily } from 'iam-policy-evaluator';
 * ipAddressOperatorFamily.operators.map((op) => op.name); //=> ['IpAddress', 'NotIpAddress']
 * ```
 */
export const ipAddressOperatorFamily = defineOperatorFamily('ip', 'test addresses against IPv4 and IPv6 ranges', [
  ip('IpAddress'),
  ip('NotIpAddress'),
]);
