import {
  celFunc,
  CelScalar,
  listType,
  type CelFunc,
  type CelList,
  type CelValue,
} from '@bufbuild/cel';
import { celEquals } from './common';

/*
 * cel-go's sets extension (ext.Sets), enabled in Kubernetes since 1.29.
 * Membership uses CEL equality, so 1, 1u and 1.0 are the same element.
 */

const { BOOL, DYN } = CelScalar;
const LIST = listType(DYN);

function includes(list: CelList, item: CelValue): boolean {
  for (const element of list) {
    if (celEquals(element, item)) return true;
  }
  return false;
}

/** Every element of `sub` is in `list`; true for an empty `sub`. */
function contains(list: CelList, sub: CelList): boolean {
  for (const item of sub) {
    if (!includes(list, item)) return false;
  }
  return true;
}

function intersects(a: CelList, b: CelList): boolean {
  for (const item of a) {
    if (includes(b, item)) return true;
  }
  return false;
}

export const setsFuncs: CelFunc[] = [
  celFunc('sets.contains', [LIST, LIST], BOOL, contains),
  celFunc(
    'sets.equivalent',
    [LIST, LIST],
    BOOL,
    (a, b) => contains(a, b) && contains(b, a),
  ),
  celFunc('sets.intersects', [LIST, LIST], BOOL, intersects),
];
