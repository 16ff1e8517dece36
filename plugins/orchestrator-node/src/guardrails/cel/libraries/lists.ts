import {
  celMethod,
  CelScalar,
  celUint,
  isCelUint,
  listType,
  type CelFunc,
  type CelInput,
  type CelList,
  type CelValue,
} from '@bufbuild/cel';
import { create } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import { DurationSchema } from '@bufbuild/protobuf/wkt';
import {
  celCompare,
  celEquals,
  checkedInt,
  durationNanos,
  INT64_MAX,
  INT64_MIN,
  isComparable,
  noSuchOverload,
  UINT64_MAX,
} from './common';

/*
 * Kubernetes' list library (k8s.io/apiserver/pkg/cel/library/lists.go).
 * The API server picks an overload from the static element type; we have no
 * type checker, so the element values decide. For the homogeneous lists the
 * API server accepts the results are the same.
 */

const { BOOL, DYN, INT } = CelScalar;
const LIST = listType(DYN);

function comparableElements(list: CelList): CelValue[] {
  const values = Array.from(list);
  if (!values.every(isComparable)) throw noSuchOverload();
  return values;
}

/** A pair cel-go cannot order (NaN, mixed kinds) counts as in order, as in cel-go. */
function isSorted(this: CelList): boolean {
  const values = comparableElements(this);
  return values.every((v, i) => i === 0 || celCompare(values[i - 1], v) !== 1);
}

/** Keeps the first of equal elements; `prefer` is the comparison that makes `next` win. */
function extreme(list: CelList, name: string, prefer: number): CelValue {
  const values = comparableElements(list);
  if (values.length === 0) throw new Error(`${name} called on empty list`);
  return values.reduce((best, next) =>
    celCompare(best, next) === prefer ? next : best,
  );
}

function add(acc: CelValue, next: CelValue): CelValue {
  if (typeof acc === 'bigint' && typeof next === 'bigint') {
    return checkedInt(acc + next);
  }
  if (typeof acc === 'number' && typeof next === 'number') return acc + next;
  if (isCelUint(acc) && isCelUint(next)) {
    const total = acc.value + next.value;
    if (total > UINT64_MAX) throw new Error('unsigned integer overflow');
    return celUint(total);
  }
  const a = durationNanos(acc);
  const b = durationNanos(next);
  if (a !== undefined && b !== undefined) {
    const total = a + b;
    // Go's time.Duration is int64 nanoseconds; cel-go reports overflow as an integer overflow.
    if (total < INT64_MIN || total > INT64_MAX)
      throw new Error('integer overflow');
    return reflect(
      DurationSchema,
      create(DurationSchema, {
        seconds: total / 1_000_000_000n,
        nanos: Number(total % 1_000_000_000n),
      }),
    );
  }
  throw noSuchOverload();
}

function isSummable(v: CelValue): boolean {
  return (
    typeof v === 'bigint' ||
    typeof v === 'number' ||
    isCelUint(v) ||
    durationNanos(v) !== undefined
  );
}

/** An empty list sums to int 0, the first overload's zero (what `[].sum()` gives in Kubernetes). */
function sum(this: CelList): CelInput {
  const values = Array.from(this);
  if (!values.every(isSummable)) throw noSuchOverload();
  if (values.length === 0) return 0n;
  return values.reduce(add) as CelInput;
}

function indexOf(this: CelList, item: CelValue): bigint {
  for (let i = 0; i < this.size; i++) {
    if (celEquals(this.get(i) as CelValue, item)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOf(this: CelList, item: CelValue): bigint {
  for (let i = this.size - 1; i >= 0; i--) {
    if (celEquals(this.get(i) as CelValue, item)) return BigInt(i);
  }
  return -1n;
}

export const listsFuncs: CelFunc[] = [
  celMethod('isSorted', LIST, [], BOOL, isSorted),
  celMethod('sum', LIST, [], DYN, sum),
  celMethod('min', LIST, [], DYN, function min() {
    return extreme(this, 'min', 1) as CelInput;
  }),
  celMethod('max', LIST, [], DYN, function max() {
    return extreme(this, 'max', -1) as CelInput;
  }),
  celMethod('indexOf', LIST, [DYN], INT, indexOf),
  celMethod('lastIndexOf', LIST, [DYN], INT, lastIndexOf),
];
