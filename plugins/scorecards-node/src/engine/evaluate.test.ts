import { declaredFactSources } from '../__fixtures__/factSources';
import {
  catalog,
  facts,
  only,
  repositoryStale,
  scorecard,
  service,
  techdocs,
} from '../__fixtures__/evaluation';
import { evaluateScorecards } from './evaluate';
import { loadScorecards } from './load';

describe('evaluateScorecards', () => {
  it('passes and fails boolean checks, with the value and the facts read', () => {
    expect(only('catalog.hasDescription', [catalog()])).toEqual({
      check: 'c0',
      level: 'bronze',
      outcome: 'pass',
      value: true,
      facts: ['catalog.hasDescription'],
    });
    expect(
      only("catalog.hasSystem || catalog.lifecycle == 'experimental'", [
        catalog(),
      ]),
    ).toEqual({
      check: 'c0',
      level: 'bronze',
      outcome: 'fail',
      value: false,
      facts: ['catalog.hasSystem', 'catalog.lifecycle'],
    });
  });

  it('returns results only for the scorecards that apply, with the entity ref and time', () => {
    const cards = scorecard({ bronze: ['catalog.hasDescription'] });
    const api = { ...service, kind: 'API' };
    expect(evaluateScorecards(cards, api, [catalog()], 'at')).toEqual([]);
    expect(evaluateScorecards(cards, service, [catalog()], 'at')).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/checkout',
        scorecard: 'test',
        evaluatedAt: 'at',
      }),
    ]);
  });

  describe('unknown, never fail', () => {
    it('when a source it reads is stale, with its error', () => {
      expect(
        only('repository.hasReadme', [catalog(), repositoryStale]),
      ).toEqual({
        check: 'c0',
        level: 'bronze',
        outcome: 'unknown',
        reason:
          'repository facts are stale: 404 reading https://git.example/checkout/README.md',
        facts: ['repository.hasReadme'],
      });
      // has() cannot tell a stale source from a fact that is not there.
      expect(
        only('!has(repository.hasReadme)', [repositoryStale]).outcome,
      ).toBe('unknown');
    });

    it('when a source it reads has no facts yet', () => {
      expect(
        only('techdocs.built && catalog.hasDescription', [catalog()]),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason: 'no facts from techdocs yet',
        }),
      );
      expect(only('techdocs.built', [])).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason: 'no facts from techdocs yet',
        }),
      );
    });

    it('names every unavailable source the failed expression reads', () => {
      expect(
        only('repository.hasReadme && techdocs.built', [repositoryStale])
          .reason,
      ).toBe(
        'repository facts are stale: 404 reading https://git.example/checkout/README.md; no facts from techdocs yet',
      );
    });

    it('but stands when the expression decides without the stale source', () => {
      const check = 'catalog.hasRunbook || repository.hasReadme';
      expect(only(check, [catalog(), repositoryStale])).toEqual(
        expect.objectContaining({ outcome: 'pass', value: true }),
      );
      expect(
        only(check, [catalog({ hasRunbook: false }), repositoryStale]),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason: expect.stringMatching(/^repository facts are stale: /),
        }),
      );
      expect(
        only('catalog.hasSystem && repository.hasReadme', [
          catalog(),
          repositoryStale,
        ]),
      ).toEqual(expect.objectContaining({ outcome: 'fail', value: false }));
    });

    it('when a fact it needs has no value', () => {
      const orchestrator = facts('orchestrator', {
        managed: true,
        podSecurityRestricted: null,
      });
      expect(
        only('orchestrator.podSecurityRestricted', [orchestrator]),
      ).toEqual({
        check: 'c0',
        level: 'bronze',
        outcome: 'unknown',
        value: null,
        reason: 'orchestrator.podSecurityRestricted has no value',
        facts: ['orchestrator.podSecurityRestricted'],
      });
      expect(
        only(
          { expression: 'techdocs.daysSinceUpdate', threshold: ['<=', 90] },
          [techdocs({ daysSinceUpdate: null })],
        ),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason: 'techdocs.daysSinceUpdate has no value',
        }),
      );
      // In arithmetic the null is an error: the reason names the fact and keeps CEL's message.
      expect(
        only('techdocs.daysSinceUpdate < 90', [
          techdocs({ daysSinceUpdate: null }),
        ]),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason:
            "techdocs.daysSinceUpdate has no value (found no matching overload for '_<_' applied to '(null_type, int)')",
        }),
      );
    });

    it('when the expression fails otherwise, with CEL’s error', () => {
      expect(
        only('catalog.hasOnCall', [facts('catalog', { hasDescription: true })]),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason: 'field not found: hasOnCall',
        }),
      );
      expect(
        only('catalog.linkCount / catalog.apiCount > 1', [catalog()]).outcome,
      ).toBe('unknown');
    });

    it('when the expression returns the wrong type', () => {
      expect(only('catalog.linkCount + 1', [catalog()])).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          value: 3,
          reason: 'the expression returned int, not a bool',
        }),
      );
      expect(
        only({ expression: "catalog.lifecycle + ''", threshold: ['>=', 1] }, [
          catalog(),
        ]),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          value: 'production',
          reason:
            'the expression returned string, not a number to compare with >= 1',
        }),
      );
      expect(
        only(
          { expression: 'catalog.hasSystem || false', threshold: ['==', 0] },
          [catalog()],
        ).reason,
      ).toBe('the expression returned bool, not a number to compare with == 0');
      expect(
        only('catalog.hasDescription ? null : false', [catalog()]),
      ).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          value: null,
          reason: 'the expression returned null',
        }),
      );
      expect(only('[catalog.linkCount]', [catalog()])).toEqual(
        expect.objectContaining({
          outcome: 'unknown',
          reason: 'the expression returned list, not a bool',
        }),
      );
    });
  });

  it('converts each source once per entity and evaluates every scorecard over it', () => {
    const cards = [
      ...scorecard({ bronze: ['catalog.hasDescription'] }),
      ...loadScorecards(
        [
          {
            path: 'other.yaml',
            content:
              'apiVersion: paved.dev/v1alpha1\nkind: Scorecard\nmetadata: { name: other, title: Other }\nspec:\n  appliesTo: {}\n  levels:\n    - name: one\n      checks:\n        - { id: a, title: a, expression: "catalog.linkCount > 1 && techdocs.built" }\n',
          },
        ],
        declaredFactSources,
      ),
    ];
    expect(
      evaluateScorecards(cards, service, [catalog(), techdocs()], 'at').map(
        r => [r.scorecard, r.level],
      ),
    ).toEqual([
      ['test', 'bronze'],
      ['other', 'one'],
    ]);
  });
});
