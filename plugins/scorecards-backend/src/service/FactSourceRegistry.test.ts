import { InputError } from '@backstage/errors';
import { testFactSource } from '../__testUtils__/sources';
import { FactSourceRegistry } from './FactSourceRegistry';

const source = (id: string) =>
  testFactSource(id, { ok: 'boolean' }, async () => ({ ok: true }));

describe('FactSourceRegistry', () => {
  it('keeps sources in the order they were added', () => {
    const registry = new FactSourceRegistry();
    registry.add(source('catalog'), source('techdocs'));
    registry.add(source('gitHub2'));
    expect(registry.list().map(s => s.id)).toEqual([
      'catalog',
      'techdocs',
      'gitHub2',
    ]);
  });

  it('refuses an id twice', () => {
    const registry = new FactSourceRegistry();
    registry.add(source('catalog'));
    expect(() => registry.add(source('catalog'))).toThrow(
      new InputError(
        'Fact source "catalog" was added twice: two modules provide it, install only one',
      ),
    );
  });

  it.each(['Catalog', '1st', 'tech-docs', 'tech_docs', ''])(
    'refuses the id %p',
    id => {
      expect(() => new FactSourceRegistry().add(source(id))).toThrow(
        `Fact source id ${JSON.stringify(
          id,
        )} is invalid: it must start with a lowercase letter and hold only letters and digits, e.g. "techdocs"`,
      );
    },
  );
});
