import { celFunc, celMethod, CelScalar, type CelFunc } from '@bufbuild/cel';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import { compareStrings, goQuote } from './common';
import { SEMVER } from './types';

/*
 * Kubernetes' semver library (k8s.io/apiserver/pkg/cel/library/semverlib.go,
 * Kubernetes 1.33+), which parses with github.com/blang/semver/v4. A value
 * holds major.minor.patch[-prerelease] without build metadata: blang's
 * equality ignores build metadata, so `==` does too.
 */

const { BOOL, INT, STRING } = CelScalar;
const SV = SEMVER.type;
const UINT64_LIMIT = 2n ** 64n;

interface Version {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
}

function parseNumber(part: string, what: string): bigint {
  if (!/^[0-9]*$/.test(part)) {
    throw new Error(
      `Invalid character(s) found in ${what} number ${goQuote(part)}`,
    );
  }
  if (part.length > 1 && part[0] === '0') {
    const label = what[0].toUpperCase() + what.slice(1);
    throw new Error(
      `${label} number must not contain leading zeroes ${goQuote(part)}`,
    );
  }
  if (part === '')
    throw new Error('strconv.ParseUint: parsing "": invalid syntax');
  const value = BigInt(part);
  if (value >= UINT64_LIMIT) {
    throw new Error(
      `strconv.ParseUint: parsing ${goQuote(part)}: value out of range`,
    );
  }
  return value;
}

function checkPrerelease(part: string) {
  if (part === '') throw new Error('Prerelease is empty');
  if (/^[0-9]+$/.test(part)) {
    if (part.length > 1 && part[0] === '0') {
      throw new Error(
        `Numeric PreRelease version must not contain leading zeroes ${goQuote(
          part,
        )}`,
      );
    }
    parseNumber(part, 'prerelease');
  } else if (!/^[0-9A-Za-z-]+$/.test(part)) {
    throw new Error(
      `Invalid character(s) found in prerelease ${goQuote(part)}`,
    );
  }
}

/** blang/semver's Parse. */
function parseSemver(s: string): Version {
  if (s === '') throw new Error('Version string empty');
  const parts = s.split('.');
  if (parts.length < 3) throw new Error('No Major.Minor.Patch elements found');
  const major = parseNumber(parts[0], 'major');
  const minor = parseNumber(parts[1], 'minor');
  let rest = parts.slice(2).join('.');
  let build: string[] = [];
  const plus = rest.indexOf('+');
  if (plus >= 0) {
    build = rest.slice(plus + 1).split('.');
    rest = rest.slice(0, plus);
  }
  let pre: string[] = [];
  const dash = rest.indexOf('-');
  if (dash >= 0) {
    pre = rest.slice(dash + 1).split('.');
    rest = rest.slice(0, dash);
  }
  const patch = parseNumber(rest, 'patch');
  pre.forEach(checkPrerelease);
  for (const part of build) {
    if (part === '') throw new Error('Build meta data is empty');
    if (!/^[0-9A-Za-z-]+$/.test(part)) {
      throw new Error(
        `Invalid character(s) found in build meta data ${goQuote(part)}`,
      );
    }
  }
  return { major, minor, patch, pre };
}

/** Kubernetes' normalizeAndParse: drop a leading "v" and leading zeros, fill in .0 parts. */
function normalizeAndParse(s: string): Version {
  const parts = (s.startsWith('v') ? s.slice(1) : s).split('.');
  const head = [
    ...parts.slice(0, 2),
    ...(parts.length > 2 ? [parts.slice(2).join('.')] : []),
  ];
  const cleaned = head.map(p => {
    if (p.length <= 1) return p;
    const trimmed = p.replace(/^0+/, '');
    return trimmed === '' || !/^[0-9]/.test(trimmed) ? `0${trimmed}` : trimmed;
  });
  if (cleaned.length < 3) {
    if (/[+-]/.test(cleaned[cleaned.length - 1])) {
      throw new Error(
        'short version cannot contain PreRelease/Build meta data',
      );
    }
    while (cleaned.length < 3) cleaned.push('0');
  }
  return parseSemver(cleaned.join('.'));
}

const parseWith = (normalize: boolean) =>
  normalize ? normalizeAndParse : parseSemver;

function canonical(v: Version): string {
  const core = `${v.major}.${v.minor}.${v.patch}`;
  return v.pre.length > 0 ? `${core}-${v.pre.join('.')}` : core;
}

function versionOf(value: ReflectMessage): Version {
  return parseSemver(SEMVER.read(value));
}

function comparePre(a: string, b: string): number {
  const numA = /^[0-9]+$/.test(a);
  const numB = /^[0-9]+$/.test(b);
  if (numA && numB) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (numA !== numB) return numA ? -1 : 1;
  return compareStrings(a, b);
}

/** blang's Version.Compare: numbers, then a release beats its prereleases, then identifiers in turn. */
function compareVersions(a: Version, b: Version): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] > b[key] ? 1 : -1;
  }
  if (a.pre.length === 0 || b.pre.length === 0)
    return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const c = comparePre(a.pre[i], b.pre[i]);
    if (c !== 0) return c;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

const isSemver = (s: string, normalize = false) => {
  try {
    parseWith(normalize)(s);
    return true;
  } catch {
    return false;
  }
};

const toSemver = (s: string, normalize = false) =>
  SEMVER.make(canonical(parseWith(normalize)(s)));

/** cel-go's types.Int(uint64) keeps the low 64 bits. */
const asInt = (v: bigint) => BigInt.asIntN(64, v);

export const semverFuncs: CelFunc[] = [
  celFunc('semver', [STRING], SV, s => toSemver(s)),
  celFunc('semver', [STRING, BOOL], SV, toSemver),
  celFunc('isSemver', [STRING], BOOL, s => isSemver(s)),
  celFunc('isSemver', [STRING, BOOL], BOOL, isSemver),
  celMethod('major', SV, [], INT, function major() {
    return asInt(versionOf(this).major);
  }),
  celMethod('minor', SV, [], INT, function minor() {
    return asInt(versionOf(this).minor);
  }),
  celMethod('patch', SV, [], INT, function patch() {
    return asInt(versionOf(this).patch);
  }),
  celMethod('isGreaterThan', SV, [SV], BOOL, function isGreaterThan(other) {
    return compareVersions(versionOf(this), versionOf(other)) === 1;
  }),
  celMethod('isLessThan', SV, [SV], BOOL, function isLessThan(other) {
    return compareVersions(versionOf(this), versionOf(other)) === -1;
  }),
  celMethod('compareTo', SV, [SV], INT, function compareTo(other) {
    return BigInt(compareVersions(versionOf(this), versionOf(other)));
  }),
];
