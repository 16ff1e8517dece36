import { celFunc, celMethod, CelScalar, type CelFunc } from '@bufbuild/cel';
import type { Message } from '@bufbuild/protobuf';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { goQuote } from './common';
import {
  addrString,
  is4,
  is4In6,
  isGlobalUnicast,
  isLinkLocalMulticast,
  isLinkLocalUnicast,
  isLoopback,
  isUnspecified,
  maskedAddr,
  parseAddr,
  parsePrefix,
  prefixContains,
  prefixString,
  type Addr,
  type Prefix,
} from './netip';
import { CIDR_TYPE, IP_TYPE } from './types';

/*
 * Kubernetes' IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go,
 * cidr.go), Kubernetes 1.30+. Values hold Go's canonical text (Addr.String,
 * Prefix.String), so `==` is Go's Addr / Prefix equality.
 */

const { BOOL, INT, STRING } = CelScalar;
const IP = IP_TYPE.type;
const CIDR = CIDR_TYPE.type;

/** Kubernetes' parseIPAddr: Go's ParseAddr minus zones and IPv4-mapped IPv6. */
function parseIP(raw: string): Addr {
  let addr: Addr;
  try {
    addr = parseAddr(raw);
  } catch (error) {
    throw new Error(
      `IP Address ${goQuote(raw)} parse error during conversion from string: ${
        (error as Error).message
      }`,
    );
  }
  if (addr.zone)
    throw new Error(
      `IP address ${goQuote(raw)} with zone value is not allowed`,
    );
  if (is4In6(addr))
    throw new Error(`IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`);
  return addr;
}

/** Kubernetes' stringToCIDR around parseCIDR: both add the same prefix, so it appears twice. */
function parseCIDR(raw: string): Prefix {
  const prefix = 'network address parse error during conversion from string: ';
  let parsed: Prefix;
  try {
    parsed = parsePrefix(raw);
  } catch (error) {
    throw new Error(`${prefix}${prefix}${(error as Error).message}`);
  }
  if (is4In6(parsed.addr)) {
    throw new Error(
      `${prefix}IPv4-mapped IPv6 address ${goQuote(raw)} is not allowed`,
    );
  }
  return parsed;
}

const succeeds = (parser: (s: string) => unknown) => (s: string) => {
  try {
    parser(s);
    return true;
  } catch {
    return false;
  }
};

const makeIP = (addr: Addr): Message => IP_TYPE.make(addrString(addr));
const makeCIDR = (p: Prefix): Message => CIDR_TYPE.make(prefixString(p));
const addrOf = (v: ReflectMessage): Addr => parseAddr(IP_TYPE.read(v));
const prefixOf = (v: ReflectMessage): Prefix => parsePrefix(CIDR_TYPE.read(v));

/** Since Kubernetes 1.33 (and backports) the contained CIDR's address is masked before comparing. */
function containsCIDR(outer: Prefix, inner: Prefix): boolean {
  if (
    outer.addr.bytes.length !== inner.addr.bytes.length ||
    outer.bits > inner.bits
  )
    return false;
  return (
    addrString(maskedAddr(outer.addr, outer.bits)) ===
    addrString(maskedAddr(inner.addr, outer.bits))
  );
}

const ipPredicate = (name: string, test: (a: Addr) => boolean) =>
  celMethod(name, IP, [], BOOL, function predicate() {
    return test(addrOf(this));
  });

export const ipFuncs: CelFunc[] = [
  celFunc('ip', [STRING], IP, s => makeIP(parseIP(s))),
  celFunc('isIP', [STRING], BOOL, succeeds(parseIP)),
  celFunc('ip.isCanonical', [STRING], BOOL, s => addrString(parseIP(s)) === s),
  celFunc('string', [IP], STRING, v => IP_TYPE.read(v)),
  celMethod('family', IP, [], INT, function family() {
    return is4(addrOf(this)) ? 4n : 6n;
  }),
  ipPredicate('isUnspecified', isUnspecified),
  ipPredicate('isLoopback', isLoopback),
  ipPredicate('isLinkLocalMulticast', isLinkLocalMulticast),
  ipPredicate('isLinkLocalUnicast', isLinkLocalUnicast),
  ipPredicate('isGlobalUnicast', isGlobalUnicast),
];

export const cidrFuncs: CelFunc[] = [
  celFunc('cidr', [STRING], CIDR, s => makeCIDR(parseCIDR(s))),
  celFunc('isCIDR', [STRING], BOOL, succeeds(parseCIDR)),
  celFunc('string', [CIDR], STRING, v => CIDR_TYPE.read(v)),
  celMethod('containsIP', CIDR, [IP], BOOL, function containsIP(ip) {
    return prefixContains(prefixOf(this), addrOf(ip));
  }),
  celMethod('containsIP', CIDR, [STRING], BOOL, function containsIPString(ip) {
    return prefixContains(prefixOf(this), parseIP(ip));
  }),
  celMethod(
    'containsCIDR',
    CIDR,
    [CIDR],
    BOOL,
    function containsCIDRValue(other) {
      return containsCIDR(prefixOf(this), prefixOf(other));
    },
  ),
  celMethod(
    'containsCIDR',
    CIDR,
    [STRING],
    BOOL,
    function containsCIDRString(other) {
      return containsCIDR(prefixOf(this), parseCIDR(other));
    },
  ),
  celMethod('ip', CIDR, [], IP, function cidrIP() {
    return makeIP(prefixOf(this).addr);
  }),
  celMethod('masked', CIDR, [], CIDR, function masked() {
    const p = prefixOf(this);
    return makeCIDR({ addr: maskedAddr(p.addr, p.bits), bits: p.bits });
  }),
  celMethod('prefixLength', CIDR, [], INT, function prefixLength() {
    return BigInt(prefixOf(this).bits);
  }),
];
