import { parseRequestURI } from './goUrl';

/*
 * The validators behind Kubernetes' named formats: apimachinery's
 * util/validation and api/validate/content (names, labels), and
 * kube-openapi's strfmt (uuid, byte, date, datetime). Messages are the
 * API server's. Lengths are Go's len(), which counts UTF-8 bytes.
 */

export type Validator = (value: string) => string[];

const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0)
    return `${msg} (regex used for validation is '${fmt}')`;
  const shown = examples.map(e => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const LABEL_KEY = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE = `(${LABEL_KEY})?`;

const full = (fmt: string) => new RegExp(`^${fmt}$`);
const dns1123LabelRe = full(DNS1123_LABEL);
const dns1123SubdomainRe = full(DNS1123_SUBDOMAIN);
const dns1035LabelRe = full(DNS1035_LABEL);
const labelKeyRe = full(LABEL_KEY);
const labelValueRe = full(LABEL_VALUE);

export function isDNS1123Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 characters');
  if (!dns1123LabelRe.test(value)) {
    errs.push(
      dns1123SubdomainRe.test(value)
        ? 'must not contain dots'
        : regexError(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
            DNS1123_LABEL,
            'my-name',
            '123-abc',
          ),
    );
  }
  return errs;
}

export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 253) errs.push('must be no more than 253 characters');
  if (!dns1123SubdomainRe.test(value)) {
    errs.push(
      regexError(
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        DNS1123_SUBDOMAIN,
        'example.com',
      ),
    );
  }
  return errs;
}

export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 characters');
  if (!dns1035LabelRe.test(value)) {
    errs.push(
      regexError(
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        DNS1035_LABEL,
        'my-name',
        'abc-123',
      ),
    );
  }
  return errs;
}

const LABEL_KEY_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** content.IsLabelKey, which IsQualifiedName now is (note "bytes" in its length message). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [
      `a valid label key ${regexError(
        LABEL_KEY_MSG,
        LABEL_KEY,
        'MyName',
        'my.name',
        '123-abc',
      )} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') errs.push('prefix part must be non-empty');
    else
      errs.push(
        ...isDNS1123Subdomain(parts[0]).map(msg => `prefix part ${msg}`),
      );
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (byteLength(name) > 63)
    errs.push('name part must be no more than 63 bytes');
  if (!labelKeyRe.test(name)) {
    errs.push(
      `name part ${regexError(
        LABEL_KEY_MSG,
        LABEL_KEY,
        'MyName',
        'my.name',
        '123-abc',
      )}`,
    );
  }
  return errs;
}

export function isLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (byteLength(value) > 63) errs.push('must be no more than 63 bytes');
  if (!labelValueRe.test(value)) {
    errs.push(
      regexError(
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        LABEL_VALUE,
        'MyValue',
        'my_value',
        '12345',
      ),
    );
  }
  return errs;
}

/** apimachinery's maskTrailingDash, for the *Prefix formats (generateName prefixes end in '-'). */
export function maskTrailingDash(name: string): string {
  if (!name.endsWith('-')) return name;
  // Go slices name[:len(name)-2], which panics for "-"; cel-go reports the panic as an error.
  if (name.length < 2)
    throw new Error(
      'internal error: runtime error: slice bounds out of range [:-1]',
    );
  return `${name.slice(0, -2)}a`;
}

export function uri(value: string): string[] {
  try {
    parseRequestURI(value);
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

const UUID_RE =
  /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE64_RE =
  /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/;
const DATE_TIME_RE =
  /^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))$/;

/** Go's time.Parse with layout "2006-01-02": exact digits, real month and day. */
function isDate(value: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][
    month - 1
  ];
  return day >= 1 && day <= days;
}

/** strfmt.IsDateTime: date, 't', then hh:mm:ss[.frac](z|±hh:mm), compared as strings. */
function isDateTime(value: string): boolean {
  const parts = value.toLowerCase().split('t');
  if (parts.length < 2 || !isDate(parts[0])) return false;
  const m = DATE_TIME_RE.exec(parts[1]);
  return !!m && m[1] <= '23' && m[2] <= '59' && m[3] <= '59';
}

export const uuid: Validator = v =>
  UUID_RE.test(v) ? [] : ['does not match the UUID format'];
export const byteFormat: Validator = v =>
  BASE64_RE.test(v) ? [] : ['invalid base64'];
export const date: Validator = v => (isDate(v) ? [] : ['invalid date']);
export const datetime: Validator = v =>
  isDateTime(v) ? [] : ['invalid datetime'];
