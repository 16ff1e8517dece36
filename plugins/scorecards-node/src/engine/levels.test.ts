import type { FactSet } from '@paved/plugin-scorecards-common';
import {
  catalog,
  evaluate,
  only,
  scorecard,
  techdocs,
} from '../__fixtures__/evaluation';

describe('evaluateScorecards', () => {
  describe('thresholds', () => {
    it.each([
      ['>=', 4, 'pass'],
      ['>=', 5, 'fail'],
      ['>', 3, 'pass'],
      ['>', 4, 'fail'],
      ['<=', 4, 'pass'],
      ['<=', 3, 'fail'],
      ['<', 5, 'pass'],
      ['<', 4, 'fail'],
      ['==', 4, 'pass'],
      ['==', 3, 'fail'],
    ])('pageCount 4 %s %d: %s', (operator, value, outcome) => {
      expect(
        only(
          { expression: 'techdocs.pageCount', threshold: [operator, value] },
          [techdocs()],
        ),
      ).toEqual({
        check: 'c0',
        level: 'bronze',
        outcome,
        value: 4,
        facts: ['techdocs.pageCount'],
      });
    });

    it('compares doubles, unsigned integers and fractional thresholds', () => {
      expect(
        only(
          {
            expression: 'double(techdocs.pageCount) / 8.0',
            threshold: ['>=', 0.5],
          },
          [techdocs()],
        ),
      ).toEqual(expect.objectContaining({ outcome: 'pass', value: 0.5 }));
      expect(
        only(
          {
            expression: 'double(techdocs.pageCount) / 8.0',
            threshold: ['>', 0.5],
          },
          [techdocs()],
        ).outcome,
      ).toBe('fail');
      expect(
        only({ expression: 'uint(techdocs.pageCount)', threshold: ['==', 4] }, [
          techdocs(),
        ]),
      ).toEqual(expect.objectContaining({ outcome: 'pass', value: 4 }));
    });
  });

  describe('levels', () => {
    const cards = scorecard({
      bronze: ['catalog.ownerIsGroup', 'catalog.hasDescription'],
      silver: ['techdocs.built'],
      gold: ['catalog.hasOnCall'],
    });
    const outcomes = (sets: FactSet[]) => {
      const result = evaluate(cards, sets);
      return {
        level: result.level,
        nextLevel: result.nextLevel,
        checks: result.checks.map(c => `${c.level}/${c.check}:${c.outcome}`),
      };
    };

    it('reaches the highest level whose checks and every lower level’s pass', () => {
      expect(outcomes([catalog(), techdocs()])).toEqual({
        level: 'silver',
        nextLevel: 'gold',
        checks: [
          'bronze/c0:pass',
          'bronze/c1:pass',
          'silver/c2:pass',
          'gold/c3:fail',
        ],
      });
      expect(
        outcomes([catalog({ hasOnCall: true }), techdocs()]),
      ).toMatchObject({ level: 'gold', nextLevel: null });
    });

    it('gives no silver when a bronze check fails, even if silver and gold pass', () => {
      expect(
        outcomes([
          catalog({ hasDescription: false, hasOnCall: true }),
          techdocs(),
        ]),
      ).toEqual({
        level: null,
        nextLevel: 'bronze',
        checks: [
          'bronze/c0:pass',
          'bronze/c1:fail',
          'silver/c2:pass',
          'gold/c3:pass',
        ],
      });
    });

    it('lets an unknown check block its level, reported as unknown', () => {
      const result = evaluate(cards, [
        catalog({ hasOnCall: true }),
        { ...techdocs(), stale: { error: 'storage unreachable', since: 'x' } },
      ]);
      expect(result.level).toBe('bronze');
      expect(result.nextLevel).toBe('silver');
      expect(result.checks[2]).toEqual({
        check: 'c2',
        level: 'silver',
        outcome: 'unknown',
        reason: 'techdocs facts are stale: storage unreachable',
        facts: ['techdocs.built'],
      });
      expect(result.checks[3].outcome).toBe('pass');
    });
  });
});
