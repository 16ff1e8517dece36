import { overviewRow, productionReadiness } from '../../__testUtils__/fixtures';
import { levelDistribution } from './distribution';

describe('levelDistribution', () => {
  it('counts each owner’s entities per level, none first, owners sorted', () => {
    const rows = [
      overviewRow('a', { owner: 'group:default/web' }),
      overviewRow('b', {
        owner: 'group:default/payments',
        levels: { 'production-readiness': 'gold' },
      }),
      overviewRow('c', {
        owner: 'group:default/payments',
        levels: { 'production-readiness': null },
      }),
      overviewRow('d', {
        owner: 'group:default/payments',
        levels: { 'production-readiness': 'gold' },
      }),
      overviewRow('e', { owner: undefined }),
      // The scorecard does not apply: not counted.
      overviewRow('f', { owner: 'group:default/data', levels: {} }),
    ];
    expect(levelDistribution(rows, productionReadiness)).toEqual({
      series: ['none', 'bronze', 'silver', 'gold'],
      owners: [
        {
          owner: '(no owner)',
          counts: { none: 0, bronze: 1, silver: 0, gold: 0 },
        },
        {
          owner: 'payments',
          counts: { none: 1, bronze: 0, silver: 0, gold: 2 },
        },
        { owner: 'web', counts: { none: 0, bronze: 1, silver: 0, gold: 0 } },
      ],
    });
  });

  it('keeps a level the scorecard no longer defines as a series of its own', () => {
    const { series, owners } = levelDistribution(
      [overviewRow('a', { levels: { 'production-readiness': 'platinum' } })],
      productionReadiness,
    );
    expect(series).toEqual(['none', 'bronze', 'silver', 'gold', 'platinum']);
    expect(owners[0].counts.platinum).toBe(1);
  });
});
