import { celFunc, celMethod, CelScalar, type CelFunc } from '@bufbuild/cel';
import type { Message } from '@bufbuild/protobuf';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  add,
  asApproximateFloat,
  asInt64,
  canonical,
  compare,
  fromCanonical,
  parseQuantity,
  sign,
  sub,
  type Amount,
} from './quantityAmount';
import { QUANTITY } from './types';

/*
 * Kubernetes' quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go).
 * The CEL value carries the canonical value text, so `==` compares values
 * like the API server (quantity('1') == quantity('1000m')); the Go
 * representation (int64 or inf.Dec), which isInteger() depends on, is kept
 * beside the message.
 */

const { BOOL, DOUBLE, INT, STRING } = CelScalar;
const Q = QUANTITY.type;

const amounts = new WeakMap<object, Amount>();

function wrap(amount: Amount): Message {
  const message = QUANTITY.make(canonical(amount));
  amounts.set(message, amount);
  return message;
}

function amountOf(value: ReflectMessage): Amount {
  return amounts.get(value.message) ?? fromCanonical(QUANTITY.read(value));
}

/** resource.NewQuantity(i, DecimalExponent): an int64 amount at scale 0. */
function fromInt(value: bigint): Amount {
  return { kind: 'int64', unscaled: value, exp: 0 };
}

function isQuantity(s: string): boolean {
  try {
    parseQuantity(s);
    return true;
  } catch {
    return false;
  }
}

function quantitySign(this: undefined, q: ReflectMessage): bigint {
  return BigInt(sign(amountOf(q)));
}

export const quantityFuncs: CelFunc[] = [
  celFunc('quantity', [STRING], Q, s => wrap(parseQuantity(s))),
  celFunc('isQuantity', [STRING], BOOL, isQuantity),
  // Kubernetes declares sign as a global overload, `sign(q)`; its docs show `q.sign()`. Both work here.
  celFunc('sign', [Q], INT, quantitySign),
  celMethod('sign', Q, [], INT, function signMethod() {
    return quantitySign.call(undefined, this);
  }),
  celMethod('isGreaterThan', Q, [Q], BOOL, function isGreaterThan(other) {
    return compare(amountOf(this), amountOf(other)) === 1;
  }),
  celMethod('isLessThan', Q, [Q], BOOL, function isLessThan(other) {
    return compare(amountOf(this), amountOf(other)) === -1;
  }),
  celMethod('compareTo', Q, [Q], INT, function compareTo(other) {
    return BigInt(compare(amountOf(this), amountOf(other)));
  }),
  celMethod('isInteger', Q, [], BOOL, function isInteger() {
    return asInt64(amountOf(this)) !== undefined;
  }),
  celMethod('asInteger', Q, [], INT, function asInteger() {
    const value = asInt64(amountOf(this));
    if (value === undefined) throw new Error('cannot convert value to integer');
    return value;
  }),
  celMethod(
    'asApproximateFloat',
    Q,
    [],
    DOUBLE,
    function asApproximateFloatMethod() {
      return asApproximateFloat(amountOf(this));
    },
  ),
  celMethod('add', Q, [Q], Q, function addQuantity(other) {
    return wrap(add(amountOf(this), amountOf(other)));
  }),
  celMethod('add', Q, [INT], Q, function addInt(other) {
    return wrap(add(amountOf(this), fromInt(other)));
  }),
  celMethod('sub', Q, [Q], Q, function subQuantity(other) {
    return wrap(sub(amountOf(this), amountOf(other)));
  }),
  celMethod('sub', Q, [INT], Q, function subInt(other) {
    return wrap(sub(amountOf(this), fromInt(other)));
  }),
];
