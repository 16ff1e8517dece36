import {
  expandPlaceholders,
  PlaceholderResolver,
  splitPlaceholderPath,
} from './placeholders';

const resolve: PlaceholderResolver = path => {
  const key = path.join('/');
  const values: Record<string, string> = {
    'metadata/name': 'checkout',
    'metadata/annotations/example.com/team': 'payments',
    'resources/db/host': 'checkout-db.internal',
    'resources/db/port': '5432',
    'params/user': '${metadata.name}',
  };
  if (key === 'resources/db/password') {
    return {
      kind: 'secret',
      secretRef: { name: 'checkout-db', key: 'password' },
    };
  }
  if (!(key in values)) throw new Error('does not exist');
  return { kind: 'text', value: values[key] };
};

describe('expandPlaceholders', () => {
  it('substitutes metadata and resource outputs', () => {
    expect(
      expandPlaceholders(
        'postgres://${resources.db.host}:${resources.db.port}/${metadata.name}',
        resolve,
        'v',
      ),
    ).toEqual({
      kind: 'text',
      value: 'postgres://checkout-db.internal:5432/checkout',
    });
  });

  it('reads annotation keys with escaped dots', () => {
    expect(
      splitPlaceholderPath('metadata.annotations.example\\.com/team'),
    ).toEqual(['metadata', 'annotations', 'example.com/team']);
    expect(
      expandPlaceholders(
        '${metadata.annotations.example\\.com/team}',
        resolve,
        'v',
      ),
    ).toEqual({
      kind: 'text',
      value: 'payments',
    });
  });

  it('turns $${ into a literal ${ and leaves it alone', () => {
    expect(
      expandPlaceholders('echo $${HOME} for ${metadata.name}', resolve, 'v'),
    ).toEqual({
      kind: 'text',
      value: 'echo ${HOME} for checkout',
    });
  });

  it('never expands what a substitution brought in', () => {
    expect(expandPlaceholders('user=${params.user}', resolve, 'v')).toEqual({
      kind: 'text',
      value: 'user=${metadata.name}',
    });
  });

  it('keeps a whole-value secret as a reference', () => {
    expect(
      expandPlaceholders('${resources.db.password}', resolve, 'v'),
    ).toEqual({
      kind: 'secret',
      secretRef: { name: 'checkout-db', key: 'password' },
    });
  });

  it('refuses a secret embedded in other text, naming where', () => {
    expect(() =>
      expandPlaceholders(
        'postgres://app:${resources.db.password}@host',
        resolve,
        'containers.api.variables.URL',
      ),
    ).toThrow(
      'containers.api.variables.URL: ${resources.db.password} is a secret and can only be used as the whole value',
    );
  });

  it('names the value and the placeholder that cannot be resolved', () => {
    expect(() =>
      expandPlaceholders(
        '${resources.db.hots}',
        resolve,
        'containers.api.variables.DB',
      ),
    ).toThrow(
      'containers.api.variables.DB: ${resources.db.hots} does not exist',
    );
    expect(() => expandPlaceholders('x${}', resolve, 'here')).toThrow(
      'here: empty placeholder ${}',
    );
  });

  it('leaves text without placeholders untouched', () => {
    expect(expandPlaceholders('plain $HOME {x} $', resolve, 'v')).toEqual({
      kind: 'text',
      value: 'plain $HOME {x} $',
    });
  });
});
