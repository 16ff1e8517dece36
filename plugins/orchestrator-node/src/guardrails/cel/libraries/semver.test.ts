import { evaluate } from './testing';

describe('semver (Kubernetes semver library)', () => {
  it.each([
    // Examples from the Kubernetes semver library documentation.
    [`type(semver('1.0.0')) == kubernetes.Semver`],
    [`type(semver('0.1.0-alpha.1')) == kubernetes.Semver`],
    [`semver('v1.0.0', true) == semver('1.0.0')`],
    [`semver('1.0', true) == semver('1.0.0')`],
    [`semver('01.01.01', true) == semver('1.1.1')`],
    [`isSemver('1.0.0')`],
    [`!isSemver('hello')`],
    [`!isSemver('v1.0')`],
    [`isSemver('v1.0', true)`],
    [`isSemver('01.01.01', true)`],
    [`semver("1.2.3").major() == 1`],
    [`semver("1.2.3").minor() == 2`],
    [`semver("1.2.3").patch() == 3`],
    [`semver("1.2.3").compareTo(semver("1.2.3")) == 0`],
    [`semver("1.2.3").compareTo(semver("2.0.0")) == -1`],
    [`semver("1.2.3").compareTo(semver("0.1.2")) == 1`],
    [`semver("1.2.3").isLessThan(semver("2.0.0"))`],
    [`semver("1.2.3").isGreaterThan(semver("0.1.2"))`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    // semver.org precedence, as blang/semver implements it.
    [`semver('1.0.0-alpha').isLessThan(semver('1.0.0'))`],
    [`semver('1.0.0-alpha').isLessThan(semver('1.0.0-alpha.1'))`],
    [`semver('1.0.0-alpha.1').isLessThan(semver('1.0.0-alpha.beta'))`],
    [`semver('1.0.0-2').isLessThan(semver('1.0.0-11'))`],
    [`semver('1.0.0-rc.1').isLessThan(semver('1.0.0-rc.2'))`],
    [`semver('1.0.0+build.1') == semver('1.0.0+build.2')`],
    [`semver('1.0.0-alpha') != semver('1.0.0')`],
    [`semver('1.10.0').isGreaterThan(semver('1.9.0'))`],
    [`semver('18446744073709551615.0.0').major() == -1`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [`semver('200K')`, 'No Major.Minor.Patch elements found'],
    [`semver('Three')`, 'No Major.Minor.Patch elements found'],
    [`semver('Mi')`, 'No Major.Minor.Patch elements found'],
    [`semver('')`, 'Version string empty'],
    [`semver('1.01.0')`, 'Minor number must not contain leading zeroes "01"'],
    [`semver('1.0.x')`, 'Invalid character(s) found in patch number "x"'],
    [
      `semver('1.0.0-01')`,
      'Numeric PreRelease version must not contain leading zeroes "01"',
    ],
    [`semver('1.0.0+')`, 'Build meta data is empty'],
    [
      `semver('1.0-beta', true)`,
      'short version cannot contain PreRelease/Build meta data',
    ],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
