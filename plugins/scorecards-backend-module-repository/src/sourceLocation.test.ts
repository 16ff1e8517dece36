import type { Entity } from '@backstage/catalog-model';
import { repositoryUrl } from './sourceLocation';

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-service', namespace: 'default', annotations },
    spec: {
      type: 'service',
      owner: 'group:storefront',
      lifecycle: 'production',
    },
  };
}

const fromFile = {
  'backstage.io/managed-by-location':
    'file:/srv/paved/examples/components/checkout-service/catalog-info.yaml',
};

describe('repositoryUrl', () => {
  it('takes a url: source location as it is', () => {
    expect(
      repositoryUrl(
        component({
          'backstage.io/source-location':
            'url:https://github.com/northwind/checkout-service/tree/main/',
        }),
      ),
    ).toBe('https://github.com/northwind/checkout-service/tree/main/');
  });

  it('turns a dir: source location into a file URL, relative ones from the entity file', () => {
    expect(
      repositoryUrl(
        component({
          'backstage.io/source-location': 'dir:/srv/repos/checkout',
        }),
      ),
    ).toBe('file:///srv/repos/checkout/');
    expect(
      repositoryUrl(
        component({ ...fromFile, 'backstage.io/source-location': 'dir:./src' }),
      ),
    ).toBe('file:///srv/paved/examples/components/checkout-service/src/');
  });

  it('uses the folder of the file the catalog read the entity from when no source location is written', () => {
    expect(repositoryUrl(component(fromFile))).toBe(
      'file:///srv/paved/examples/components/checkout-service/',
    );
    expect(
      repositoryUrl(
        component({
          'backstage.io/managed-by-location':
            'file:file:///srv/paved/packages/backend/.paved/repositories/checkouts/cart/catalog-info.yaml',
        }),
      ),
    ).toBe(
      'file:///srv/paved/packages/backend/.paved/repositories/checkouts/cart/',
    );
  });

  it('does not take the folder of a file holding many entities for their repository', () => {
    expect(() =>
      repositoryUrl(
        component({
          'backstage.io/managed-by-location':
            'file:/srv/paved/examples/components/components.yaml',
        }),
      ),
    ).toThrow(
      "component:default/checkout-service has no backstage.io/source-location annotation, and components.yaml, the file it was read from, is not a repository's catalog-info.yaml",
    );
  });

  it('says so when there is no source location to read', () => {
    expect(() =>
      repositoryUrl(
        component({
          'backstage.io/managed-by-location':
            'url:https://git.example.com/raw/catalog-info.yaml',
        }),
      ),
    ).toThrow(
      'component:default/checkout-service has no backstage.io/source-location annotation',
    );
    expect(() => repositoryUrl(component({}))).toThrow(
      /no backstage\.io\/source-location annotation/,
    );
  });

  it('refuses source locations it cannot read', () => {
    expect(() =>
      repositoryUrl(
        component({
          'backstage.io/source-location': 'github:northwind/checkout',
        }),
      ),
    ).toThrow(/is not a url: or dir: location/);
    expect(() =>
      repositoryUrl(component({ 'backstage.io/source-location': 'dir:./src' })),
    ).toThrow(/is relative, but the entity was not read from a local file/);
  });
});
