import {
  celFunc,
  celList,
  celMethod,
  CelScalar,
  listType,
  type CelFunc,
  type CelList,
} from '@bufbuild/cel';
import type { ReflectMessage } from '@bufbuild/protobuf/reflect';
import {
  byteFormat,
  date,
  datetime,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelValue,
  isQualifiedName,
  maskTrailingDash,
  uri,
  uuid,
  type Validator,
} from './formatValidators';
import { NAMED_FORMAT } from './types';

/*
 * Kubernetes' format library (k8s.io/apiserver/pkg/cel/library/format.go,
 * Kubernetes 1.31+). On the API server `validate` returns optional<list>
 * (none when valid) and `format.named` returns optional<Format>.
 * @bufbuild/cel has no optional type, so here:
 * - `validate` returns the list of errors, empty when the string is valid;
 * - `format.named(name)` returns a Format, a "none" Format for unknown names;
 * - hasValue(), value() and orValue() exist on those results so expressions
 *   written for the API server (`!format.uuid().validate(x).hasValue()`,
 *   `format.named('uuid').value().validate(x)`) evaluate the same.
 */

const { BOOL, DYN, STRING } = CelScalar;
const FORMAT = NAMED_FORMAT.type;
const LIST = listType(DYN);

const FORMATS: ReadonlyMap<string, Validator> = new Map<string, Validator>([
  ['dns1123Label', isDNS1123Label],
  ['dns1123Subdomain', isDNS1123Subdomain],
  ['dns1035Label', isDNS1035Label],
  ['qualifiedName', isQualifiedName],
  ['dns1123LabelPrefix', s => isDNS1123Label(maskTrailingDash(s))],
  ['dns1123SubdomainPrefix', s => isDNS1123Subdomain(maskTrailingDash(s))],
  ['dns1035LabelPrefix', s => isDNS1035Label(maskTrailingDash(s))],
  ['labelValue', isLabelValue],
  ['uri', uri],
  ['uuid', uuid],
  ['byte', byteFormat],
  ['date', date],
  ['datetime', datetime],
]);

const NONE = '';
const NONE_DEREFERENCE = 'optional.none() dereference';

function validatorOf(format: ReflectMessage): Validator {
  const validator = FORMATS.get(NAMED_FORMAT.read(format));
  if (!validator) throw new Error(NONE_DEREFERENCE);
  return validator;
}

function validate(this: ReflectMessage, value: string): CelList {
  return celList(validatorOf(this)(value));
}

const isSome = (format: ReflectMessage) => NAMED_FORMAT.read(format) !== NONE;

export const formatFuncs: CelFunc[] = [
  ...[...FORMATS.keys()].map(name =>
    celFunc(`format.${name}`, [], FORMAT, () => NAMED_FORMAT.make(name)),
  ),
  celFunc('format.named', [STRING], FORMAT, name =>
    NAMED_FORMAT.make(FORMATS.has(name) ? name : NONE),
  ),
  celMethod('validate', FORMAT, [STRING], listType(STRING), validate),
  // The optional<Format> that format.named returns on the API server.
  celMethod('hasValue', FORMAT, [], BOOL, function hasValue() {
    return isSome(this);
  }),
  celMethod('value', FORMAT, [], FORMAT, function value() {
    validatorOf(this);
    return this;
  }),
  celMethod('orValue', FORMAT, [FORMAT], FORMAT, function orValue(fallback) {
    return isSome(this) ? this : fallback;
  }),
  // The optional<list<string>> that validate returns on the API server: present means invalid.
  celMethod('hasValue', LIST, [], BOOL, function listHasValue() {
    return this.size > 0;
  }),
  celMethod('value', LIST, [], LIST, function listValue() {
    if (this.size === 0) throw new Error(NONE_DEREFERENCE);
    return this;
  }),
  celMethod('orValue', LIST, [LIST], LIST, function listOrValue(fallback) {
    return this.size > 0 ? this : fallback;
  }),
];
