import type { Entity } from '@backstage/catalog-model';
import type { ScorecardFilter } from '@paved/plugin-scorecards-common';
import { scorecardApplies } from './filter';

const entity = (
  kind: string,
  spec: NonNullable<Entity['spec']> = {},
  namespace?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'checkout', ...(namespace && { namespace }) },
  spec,
});

const applies = (appliesTo: ScorecardFilter, target: Entity) =>
  scorecardApplies({ appliesTo }, target);

describe('scorecardApplies', () => {
  const service = entity('Component', {
    type: 'service',
    lifecycle: 'production',
    owner: 'storefront',
  });

  it('applies to everything when the filter is empty', () => {
    expect(applies({}, service)).toBe(true);
    expect(applies({}, entity('Group'))).toBe(true);
  });

  it('matches kind case-insensitively, any of the listed values', () => {
    expect(applies({ kind: ['component'] }, service)).toBe(true);
    expect(applies({ kind: ['API', 'Component'] }, service)).toBe(true);
    expect(applies({ kind: ['API'] }, service)).toBe(false);
  });

  it('matches spec.type and spec.lifecycle, and not an entity without them', () => {
    expect(applies({ type: ['service', 'website'] }, service)).toBe(true);
    expect(applies({ type: ['website'] }, service)).toBe(false);
    expect(applies({ type: ['Service'] }, service)).toBe(false);
    expect(applies({ lifecycle: ['production'] }, service)).toBe(true);
    expect(applies({ lifecycle: ['experimental'] }, service)).toBe(false);
    expect(applies({ type: ['service'] }, entity('Component'))).toBe(false);
    expect(
      applies(
        { lifecycle: ['production'] },
        entity('Component', { lifecycle: 3 }),
      ),
    ).toBe(false);
  });

  it('compares owners as full refs, kind group and namespace default when left out', () => {
    for (const owner of [
      'storefront',
      'group:storefront',
      'group:default/storefront',
      'Group:default/Storefront',
    ]) {
      expect(applies({ owner: [owner] }, service)).toBe(true);
    }
    expect(applies({ owner: ['user:default/storefront'] }, service)).toBe(
      false,
    );
    expect(applies({ owner: ['group:payments'] }, service)).toBe(false);
    expect(
      applies(
        { owner: ['user:default/jane'] },
        entity('Component', { owner: 'user:jane' }),
      ),
    ).toBe(true);
    expect(applies({ owner: ['storefront'] }, entity('Component'))).toBe(false);
  });

  it("resolves the entity's own owner in its namespace, as the catalog does", () => {
    const elsewhere = entity('Component', { owner: 'storefront' }, 'shop');
    expect(applies({ owner: ['group:shop/storefront'] }, elsewhere)).toBe(true);
    expect(applies({ owner: ['storefront'] }, elsewhere)).toBe(false);
  });

  it('requires every given field to match', () => {
    expect(
      applies(
        { kind: ['Component'], type: ['service'], owner: ['storefront'] },
        service,
      ),
    ).toBe(true);
    expect(
      applies(
        { kind: ['Component'], type: ['service'], owner: ['payments'] },
        service,
      ),
    ).toBe(false);
  });
});
