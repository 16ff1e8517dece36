import {
  productionReadiness,
  readinessResult,
} from '../../__testUtils__/fixtures';
import { levelColour, levelTitle, levelViews, nextSteps } from './levels';

describe('levelViews', () => {
  it('lays a result out by the scorecard’s levels, marking those reached', () => {
    const levels = levelViews(readinessResult(), productionReadiness);
    expect(
      levels.map(l => [l.name, l.title, l.reached, l.checks.map(c => c.id)]),
    ).toEqual([
      ['bronze', 'Bronze', true, ['owner-is-group']],
      ['silver', 'Silver', false, ['docs-built', 'ci-workflow']],
      ['gold', 'Gold', false, ['enough-docs']],
    ]);
    expect(levels[1].checks[0]).toMatchObject({
      title: 'Docs are built',
      fix: 'Add mkdocs.yml and the backstage.io/techdocs-ref annotation.',
      result: { outcome: 'fail' },
    });
  });

  it('reaches no level when the result has none', () => {
    const levels = levelViews(
      readinessResult({ level: null, nextLevel: 'bronze' }),
      productionReadiness,
    );
    expect(levels.map(l => l.reached)).toEqual([false, false, false]);
  });

  it('shows a check the result lacks as unknown, never as failed', () => {
    const result = readinessResult();
    result.checks = result.checks.filter(c => c.check !== 'docs-built');
    const silver = levelViews(result, productionReadiness)[1];
    expect(silver.checks[0].result).toMatchObject({
      check: 'docs-built',
      outcome: 'unknown',
      reason: expect.stringMatching(/Not evaluated yet/),
    });
  });

  it('groups the result’s own checks when the scorecard is not defined any more', () => {
    const levels = levelViews(readinessResult(), undefined);
    expect(
      levels.map(l => [l.name, l.reached, l.checks.map(c => c.title)]),
    ).toEqual([
      ['bronze', true, ['owner-is-group']],
      ['silver', false, ['docs-built', 'ci-workflow']],
      ['gold', false, ['enough-docs']],
    ]);
  });
});

describe('nextSteps', () => {
  it('is the next level’s failing and unknown checks', () => {
    expect(
      nextSteps(readinessResult(), productionReadiness).map(s => [
        s.id,
        s.result.outcome,
      ]),
    ).toEqual([
      ['docs-built', 'fail'],
      ['ci-workflow', 'unknown'],
    ]);
  });

  it('is nothing once the highest level is reached', () => {
    expect(
      nextSteps(
        readinessResult({ level: 'gold', nextLevel: null }),
        productionReadiness,
      ),
    ).toEqual([]);
  });
});

describe('levels', () => {
  it('titles a level by its scorecard, else by its capitalised name', () => {
    expect(levelTitle(productionReadiness, 'silver')).toBe('Silver');
    expect(levelTitle(undefined, 'platinum')).toBe('Platinum');
  });

  it('gives medals their colour and other levels the palette by position', () => {
    expect(levelColour('gold')).not.toBe(levelColour('silver'));
    expect(levelColour('bronze', 3)).toBe(levelColour('bronze', 0));
    expect(levelColour('starter', 0)).not.toBe(levelColour('advanced', 1));
  });
});
