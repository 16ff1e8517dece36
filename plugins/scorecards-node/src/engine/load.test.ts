import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declaredFactSources } from '../__fixtures__/factSources';
import { loadScorecards, readScorecardFiles, toScorecard } from './load';

const sources = declaredFactSources;

/** A scorecard document with one level per entry of `levels`: [name, [[id, expression, extra YAML]...]]. */
function scorecard(
  name: string,
  levels: Array<[string, Array<[string, string, string?]>]>,
  appliesTo = '{ kind: [Component] }',
): string {
  const body = levels
    .map(
      ([level, checks]) =>
        `    - name: ${level}\n      checks:\n${checks
          .map(
            ([id, expression, extra]) =>
              `        - id: ${id}\n          title: ${id}\n          expression: ${JSON.stringify(
                expression,
              )}\n${extra ?? ''}`,
          )
          .join('')}`,
    )
    .join('');
  return `apiVersion: paved.dev/v1alpha1
kind: Scorecard
metadata:
  name: ${name}
  title: ${name}
spec:
  appliesTo: ${appliesTo}
  levels:
${body}`;
}

/** The problem lines of the InputError loading `files` throws. */
function problems(files: Array<{ path: string; content: string }>): string[] {
  try {
    loadScorecards(files, sources);
  } catch (error) {
    expect((error as Error).name).toBe('InputError');
    // A YAML syntax error spans lines of its own (the source line and a caret), none indented like a problem.
    const [first, ...rest] = (error as Error).message.split('\n  ');
    expect(first).toBe('Invalid scorecards:');
    return rest;
  }
  throw new Error('expected loadScorecards to fail');
}

describe('loadScorecards', () => {
  it('loads scorecards from several files, each with its compiled checks', () => {
    const loaded = loadScorecards(
      [
        {
          path: 'docs.yaml',
          content: scorecard('docs', [
            ['bronze', [['described', 'catalog.hasDescription']]],
            [
              'silver',
              [
                [
                  'pages',
                  'techdocs.pageCount',
                  "          threshold: { operator: '>=', value: 2 }\n",
                ],
                [
                  'either',
                  'repository.hasReadme || (techdocs.built && catalog.linkCount > 0)',
                ],
              ],
            ],
          ]),
        },
        {
          path: 'more.yaml',
          content: `${scorecard('ops', [
            ['gold', [['prod', 'orchestrator.deployedToProduction']]],
          ])}---\n${scorecard('any', [['one', [['x', 'true']]]], '{}')}`,
        },
      ],
      sources,
    );
    expect(loaded.map(s => s.id)).toEqual(['docs', 'ops', 'any']);
    const docs = loaded[0];
    expect(docs.program.definedIn).toBe('docs.yaml');
    expect(loaded[2].program.definedIn).toBe('more.yaml (document 2)');
    expect(
      docs.program.levels.map(l => [l.name, l.checks.map(c => c.id)]),
    ).toEqual([
      ['bronze', ['described']],
      ['silver', ['pages', 'either']],
    ]);
    const either = docs.program.levels[1].checks[1];
    expect(either.facts).toEqual([
      'catalog.linkCount',
      'repository.hasReadme',
      'techdocs.built',
    ]);
    expect(either.sources).toEqual(['catalog', 'repository', 'techdocs']);
    expect(either.level).toBe('silver');
    expect(docs.program.levels[1].checks[0].threshold).toEqual({
      operator: '>=',
      value: 2,
    });
    expect(docs.program.sources).toEqual([
      'catalog',
      'techdocs',
      'repository',
      'orchestrator',
    ]);
  });

  it('gives the plain scorecard to JSON and toScorecard, without the compiled program', () => {
    const [loaded] = loadScorecards(
      [
        {
          path: 'a.yaml',
          content: scorecard('a', [['bronze', [['x', 'catalog.hasSystem']]]]),
        },
      ],
      sources,
    );
    const plain = {
      id: 'a',
      title: 'a',
      appliesTo: { kind: ['Component'] },
      levels: [
        {
          name: 'bronze',
          checks: [{ id: 'x', title: 'x', expression: 'catalog.hasSystem' }],
        },
      ],
    };
    expect(JSON.parse(JSON.stringify(loaded))).toEqual(plain);
    expect(toScorecard(loaded)).toEqual(plain);
    expect(Object.keys(toScorecard(loaded))).not.toContain('program');
  });

  it('reports YAML syntax and schema problems with the file and the path in it', () => {
    expect(
      problems([
        { path: 'broken.yaml', content: 'a: [1,\n' },
        {
          path: 'production-readiness.yaml',
          content: scorecard('production-readiness', [
            ['bronze', [['a', 'catalog.hasDescription']]],
            [
              'silver',
              [
                [
                  'b',
                  'techdocs.pageCount',
                  "          threshold: { operator: '=>', value: 2 }\n          owner: me\n",
                ],
              ],
            ],
          ]),
        },
        {
          path: 'empty.yaml',
          content:
            'apiVersion: paved.dev/v1\nkind: Scorecard\nmetadata:\n  name: Bad_Name\n  title: ""\n',
        },
      ]),
    ).toEqual([
      expect.stringMatching(/^broken\.yaml: invalid YAML: .+\n\na: \[1,\n/),
      'production-readiness.yaml: spec.levels[1].checks[0].threshold.operator: must be one of ">=", ">", "<=", "<", "=="',
      'production-readiness.yaml: spec.levels[1].checks[0]: unknown field "owner"',
      'empty.yaml: apiVersion: must be "paved.dev/v1alpha1"',
      'empty.yaml: metadata.name: metadata.name must be lowercase letters, digits and dashes',
      'empty.yaml: metadata.title: must not be empty',
      'empty.yaml: spec: is required',
    ]);
  });

  it('reports duplicate scorecards, levels and checks, empty filters and bad owner refs', () => {
    expect(
      problems([
        {
          path: 'a.yaml',
          content: scorecard('security', [['bronze', [['x', 'true']]]]),
        },
        {
          path: 'b.yaml',
          content: scorecard('security', [['bronze', [['x', 'true']]]]),
        },
        {
          path: 'c.yaml',
          content: scorecard(
            'docs',
            [
              [
                'bronze',
                [
                  ['x', 'true'],
                  ['y', 'true'],
                ],
              ],
              ['bronze', [['x', 'false']]],
            ],
            "{ kind: [], owner: ['group:'] }",
          ),
        },
      ]),
    ).toEqual([
      'b.yaml: scorecard "security" is already defined in a.yaml',
      'c.yaml: spec.appliesTo.kind: lists no value, so the scorecard applies to nothing (leave kind out to accept any)',
      'c.yaml: spec.appliesTo.owner[0]: Entity reference "group:" was not on the form [<kind>:][<namespace>/]<name>',
      'c.yaml: spec.levels[1].name: level "bronze" is already defined at spec.levels[0]',
      'c.yaml: spec.levels[1].checks[0].id: check "x" is already defined at spec.levels[0].checks[0]',
    ]);
  });

  it('reports CEL problems, undeclared facts and certain type mistakes at the check', () => {
    expect(
      problems([
        {
          path: 'production-readiness.yaml',
          content: scorecard('production-readiness', [
            [
              'bronze',
              [
                ['owner', 'catalog.ownerIsGroup'],
                ['syntax', 'catalog.ownerIsGroup &&'],
                ['has-readme', 'repo.hasReadme'],
                ['readme-typo', 'repository.hasReadMe'],
                ['fn', 'catalog.lifecycle.startsWithh("prod")'],
              ],
            ],
            [
              'silver',
              [
                [
                  'threshold-on-bool',
                  'catalog.hasSystem',
                  "          threshold: { operator: '==', value: 1 }\n",
                ],
                ['number-as-bool', 'techdocs.pageCount'],
                ['string-as-bool', '(catalog.lifecycle)'],
                // Not bare: a boolean fact may well become a number.
                [
                  'computed',
                  'catalog.hasSystem ? 1 : 0',
                  "          threshold: { operator: '==', value: 1 }\n",
                ],
              ],
            ],
          ]),
        },
      ]),
    ).toEqual([
      expect.stringMatching(
        /^production-readiness\.yaml: spec\.levels\[0\]\.checks\[1\] \(syntax\)\.expression: 1:\d+: .+/,
      ),
      'production-readiness.yaml: spec.levels[0].checks[2] (has-readme).expression: 1:1: undeclared reference to "repo"',
      'production-readiness.yaml: spec.levels[0].checks[3] (readme-typo).expression: repository.hasReadMe is not a fact of repository (it has hasReadme, hasCodeowners, hasCiWorkflow, hasTests)',
      'production-readiness.yaml: spec.levels[0].checks[4] (fn).expression: 1:18: undeclared function "startsWithh"',
      'production-readiness.yaml: spec.levels[1].checks[0] (threshold-on-bool).threshold: catalog.hasSystem is a boolean fact; a threshold compares a number',
      'production-readiness.yaml: spec.levels[1].checks[1] (number-as-bool).expression: techdocs.pageCount is a number fact; a check without a threshold must be boolean (add a threshold to compare it)',
      'production-readiness.yaml: spec.levels[1].checks[2] (string-as-bool).expression: catalog.lifecycle is a string fact; a check without a threshold must be boolean',
    ]);
  });

  it('accepts only the sources it is given', () => {
    const file = {
      path: 'a.yaml',
      content: scorecard('a', [['bronze', [['x', 'techdocs.built']]]]),
    };
    expect(() =>
      loadScorecards(
        [file],
        sources.filter(s => s.id !== 'techdocs'),
      ),
    ).toThrow(
      'a.yaml: spec.levels[0].checks[0] (x).expression: 1:1: undeclared reference to "techdocs"',
    );
    expect(loadScorecards([file], sources)).toHaveLength(1);
  });
});

describe('readScorecardFiles', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scorecards-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads the YAML files below the folder, sorted, with paths relative to it', async () => {
    await mkdir(join(dir, 'team'));
    await writeFile(join(dir, 'b.yaml'), 'b');
    await writeFile(join(dir, 'a.yml'), 'a');
    await writeFile(join(dir, 'team', 'c.yaml'), 'c');
    await writeFile(join(dir, 'README.md'), '# no');
    expect(await readScorecardFiles(dir)).toEqual([
      { path: 'a.yml', content: 'a' },
      { path: 'b.yaml', content: 'b' },
      { path: join('team', 'c.yaml'), content: 'c' },
    ]);
  });
});
