import { evaluate } from './testing';

describe('format (Kubernetes format library)', () => {
  it.each([
    // Examples from the Kubernetes format library documentation, all valid.
    [`format.dns1123Label().validate("my-label-name") == []`],
    [`format.dns1123Subdomain().validate("apiextensions.k8s.io") == []`],
    [`format.dns1035Label().validate("my-label-name") == []`],
    [`format.qualifiedName().validate("apiextensions.k8s.io/v1beta1") == []`],
    [`format.dns1123LabelPrefix().validate("my-label-prefix-") == []`],
    [`format.dns1123SubdomainPrefix().validate("mysubdomain.prefix.-") == []`],
    [`format.dns1035LabelPrefix().validate("my-label-prefix-") == []`],
    [`format.labelValue().validate("my_value-1") == []`],
    [`format.uri().validate("http://example.com") == []`],
    [`format.uuid().validate("123e4567-e89b-12d3-a456-426614174000") == []`],
    [`format.byte().validate("aGVsbG8=") == []`],
    [`format.date().validate("2021-01-01") == []`],
    [`format.datetime().validate("2021-01-01T00:00:00Z") == []`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [
      `format.dns1123Label().validate("My_Label")`,
      [
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [`format.dns1123Label().validate("a.b")`, ['must not contain dots']],
    [
      `format.dns1123Label().validate("${'a'.repeat(64)}")`,
      ['must be no more than 63 characters'],
    ],
    [`format.dns1123LabelPrefix().validate("my-label-prefix--")`, []],
    [
      `format.dns1123Subdomain().validate("-a")`,
      [
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      `format.qualifiedName().validate("/name")`,
      ['prefix part must be non-empty'],
    ],
    [
      `format.labelValue().validate("-x")`,
      [
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    [
      `format.uri().validate("example.com")`,
      ['parse "example.com": invalid URI for request'],
    ],
    [`format.uuid().validate("123e4567")`, ['does not match the UUID format']],
    [`format.byte().validate("aGVsbG8")`, ['invalid base64']],
    [`format.date().validate("2021-02-29")`, ['invalid date']],
    [`format.date().validate("2024-02-29")`, []],
    [
      `format.datetime().validate("2021-01-01T24:00:00Z")`,
      ['invalid datetime'],
    ],
    [`format.datetime().validate("2021-01-01t23:59:59.5+01:00")`, []],
  ])('%s', (expression, errors) => {
    expect(Array.from(evaluate(expression) as Iterable<string>)).toEqual(
      errors,
    );
  });

  it.each([
    // The optional results the API server returns, used the API server's way.
    [
      `!format.uuid().validate("123e4567-e89b-12d3-a456-426614174000").hasValue()`,
    ],
    [`format.uuid().validate("nope").hasValue()`],
    [
      `format.uuid().validate("nope").value() == ['does not match the UUID format']`,
    ],
    [
      `format.uuid().validate("123e4567-e89b-12d3-a456-426614174000").orValue([]) == []`,
    ],
    [`format.named("uuid").hasValue()`],
    [`!format.named("no-such-format").hasValue()`],
    [
      `format.named("uuid").value().validate("nope") == ['does not match the UUID format']`,
    ],
    [`format.named("dns1123Label").value() == format.dns1123Label()`],
    [`format.named("no-such-format").orValue(format.uuid()) == format.uuid()`],
  ])('%s', expression => {
    expect(evaluate(expression)).toBe(true);
  });

  it.each([
    [`format.named("no-such-format").value()`],
    [`format.named("no-such-format").validate("x")`],
    [`format.uuid().validate("123e4567-e89b-12d3-a456-426614174000").value()`],
  ])('%s dereferences optional.none', expression => {
    expect(() => evaluate(expression)).toThrow('optional.none() dereference');
  });
});
