import { evaluate } from './testing';

describe('quantity (Kubernetes quantity library)', () => {
  it.each([
    // Examples from the Kubernetes quantity library documentation and tests.
    [`quantity("1.5G").isGreaterThan(quantity("1G"))`],
    [`type(quantity('1.5G')) == kubernetes.Quantity`],
    [`type(quantity('200k')) == kubernetes.Quantity`],
    [`isQuantity('1.3G')`],
    [`isQuantity('1.3Gi')`],
    [`!isQuantity('1,3G')`],
    [`isQuantity('10000k')`],
    [`!isQuantity('200K')`],
    [`!isQuantity('Three')`],
    [`!isQuantity("20Mo")`],
    [`!isQuantity("10Mm")`],
    [`quantity("50000000G").isInteger()`],
    [`quantity("50k").isInteger()`],
    [`!quantity("9999999999999999999999999999999999999G").isInteger()`],
    [`quantity("50k").asInteger() == 50000`],
    [`quantity("50k").sub(20000).asApproximateFloat() == 30000.0`],
    [`quantity("50.703k").asApproximateFloat() == 50703.0`],
    [`quantity("50k").add(quantity("20k")) == quantity("70k")`],
    [`quantity("50k").add(20) == quantity("50020")`],
    [`quantity("50k").sub(quantity("20k")) == quantity("30k")`],
    [`quantity("50k").sub(20000) == quantity("30k")`],
    [
      `quantity("50k").add(20).sub(quantity("100k")).sub(-50000) == quantity("20")`,
    ],
    [`quantity("50k").add(quantity("20")) == quantity("50.02k")`],
    [`!quantity("50k").add(20).isLessThan(quantity("50020"))`],
    [`quantity("50k").sub(quantity("20")) == quantity("49.98k")`],
    [`quantity("50k").add(20).sub(quantity("100k")).asInteger() == -49980`],
    [`quantity("200M") == quantity("200M")`],
    [
      `quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")`,
    ],
    [
      `quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M")`,
    ],
    [`quantity("200M") != quantity("0.3G")`],
    [`quantity("200M").compareTo(quantity("0.2G")) == 0`],
    [`quantity("50M").compareTo(quantity("50Mi")) == -1`],
    [`quantity("50Mi").compareTo(quantity("50M")) == 1`],
    [`quantity("150Mi").isGreaterThan(quantity("100Mi"))`],
    [`!quantity("50Mi").isGreaterThan(quantity("100Mi"))`],
    [`quantity("50M").isLessThan(quantity("100M"))`],
    [`!quantity("100M").isLessThan(quantity("50M"))`],
    [
      `quantity("-5").sign() == -1 && sign(quantity("0")) == 0 && quantity("3m").sign() == 1`,
    ],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    // The grammar, exactly as resource.ParseQuantity reads it.
    [
      `quantity("1e3") == quantity("1k") && quantity("1E3") == quantity("1000")`,
    ],
    [
      `quantity("1Ki") == quantity("1024") && quantity("1.5Gi") == quantity("1536Mi")`,
    ],
    [
      `quantity("100m") == quantity("0.1") && quantity("1u") == quantity("1000n")`,
    ],
    [`quantity("+1.") == quantity("1") && quantity(".5") == quantity("500m")`],
    [`quantity("1E") == quantity("1000P")`],
    // Finer than a nano rounds up (away from zero); binary suffixes cap at the int64 maximum.
    [
      `quantity("0.1n") == quantity("1n") && quantity("-0.1n") == quantity("-1n")`,
    ],
    [`quantity("10Ei") == quantity("9223372036854775807")`],
    [`quantity("10E").isGreaterThan(quantity("9223372036854775807"))`],
    // Exact where floats are not.
    [`quantity("0.1").add(quantity("0.2")) == quantity("0.3")`],
    [
      `quantity("9223372036854775807").add(1).compareTo(quantity("9223372036854775807")) == 1`,
    ],
    [`quantity("1e-1000").isGreaterThan(quantity("0"))`],
    [`quantity("922337203685477580").asInteger() == 922337203685477580`],
    [`quantity("9223372036854775k").asInteger() == 9223372036854775000`],
    // 19 digits exceed Go's 18-digit fast path, so even int64-sized values are inf.Dec.
    [`!quantity("9223372036854775807").isInteger()`],
    // The documentation says 'Mi' is invalid, but ParseQuantity reads a missing number as 0.
    [`isQuantity('Mi') && quantity('Mi') == quantity('0')`],
    // isInteger mirrors Go's AsInt64, which only succeeds for the int64 representation
    // at a non-negative scale: Pi/Ei and fractional binary values are inf.Dec.
    [
      `quantity('1Ti').isInteger() && !quantity('1Pi').isInteger() && !quantity('1.5Gi').isInteger()`,
    ],
    [`!quantity('1000m').isInteger() && quantity('1k').isInteger()`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [
      `quantity("10Mo")`,
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
    [`quantity("10Mm")`, "unable to parse quantity's suffix"],
    [`quantity('200K')`, "unable to parse quantity's suffix"],
    [`quantity('Three')`, 'quantities must match the regular expression'],
    [`quantity('')`, 'quantities must match the regular expression'],
    [`quantity('Pi')`, 'unable to parse numeric part of quantity'],
    [
      `quantity("9999999999999999999999999999999999999G").asInteger()`,
      'cannot convert value to integer',
    ],
    [
      `quantity("9223372036854775807").add(1).asInteger()`,
      'cannot convert value to integer',
    ],
    [`quantity("1.5").asInteger()`, 'cannot convert value to integer'],
  ])('%s fails with %s', (expression, message) => {
    expect(() => evaluate(expression)).toThrow(message);
  });
});
