import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScorecardsConfig } from './config';

const config = (scorecards?: object) =>
  mockServices.rootConfig({ data: scorecards ? { scorecards } : {} });

describe('readScorecardsConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'paved-scorecards-config-'));
  const platform = join(root, 'platform', 'scorecards');
  const backend = join(root, 'packages', 'backend');
  mkdirSync(platform, { recursive: true });
  mkdirSync(backend, { recursive: true });

  it('finds platform/scorecards above the working directory, with the default schedule', () => {
    expect(readScorecardsConfig(config(), backend)).toEqual({
      directory: platform,
      schedule: { fullRun: { hours: 1 }, incremental: { seconds: 30 } },
    });
  });

  it('resolves a configured directory against the working directory', () => {
    const own = join(root, 'own');
    mkdirSync(own);
    expect(
      readScorecardsConfig(config({ directory: '../../own' }), backend)
        .directory,
    ).toBe(own);
  });

  it('names the key when the directory is missing or not a folder', () => {
    expect(() =>
      readScorecardsConfig(config({ directory: 'nowhere' }), backend),
    ).toThrow(
      new InputError(
        `scorecards.directory: ${join(
          backend,
          'nowhere',
        )} does not exist or is not a folder`,
      ),
    );
    const file = join(root, 'a-file.yaml');
    writeFileSync(file, '');
    expect(() =>
      readScorecardsConfig(config({ directory: file }), backend),
    ).toThrow(/^scorecards\.directory: .* is not a folder$/);
    const elsewhere = mkdtempSync(join(tmpdir(), 'paved-no-platform-'));
    expect(() => readScorecardsConfig(config(), elsewhere)).toThrow(
      `scorecards.directory is not set and no platform/scorecards folder was found above ${elsewhere}`,
    );
  });

  it.each([
    ['2h', { hours: 2 }],
    ['15 minutes', { minutes: 15 }],
    ['90s', { minutes: 1, seconds: 30 }],
    ['PT1H30M', { hours: 1, minutes: 30 }],
    ['P1D', { days: 1 }],
    [
      { minutes: 5, seconds: 30 },
      { minutes: 5, seconds: 30 },
    ],
  ])('reads the duration %p', (value, expected) => {
    expect(
      readScorecardsConfig(
        config({
          directory: platform,
          schedule: { fullRun: value, incremental: value },
        }),
      ).schedule,
    ).toEqual({ fullRun: expected, incremental: expected });
  });

  it.each([
    ['fullRun', 'soon'],
    ['fullRun', '10'],
    ['incremental', { minutes: 'five' }],
    ['incremental', { fortnights: 1 }],
    ['incremental', 'PT'],
  ])('names the key of an invalid duration: %s %p', (key, value) => {
    expect(() =>
      readScorecardsConfig(
        config({ directory: platform, schedule: { [key]: value } }),
      ),
    ).toThrow(
      `scorecards.schedule.${key}: ${JSON.stringify(
        value,
      )} is not a duration; write it like '1h', '30 seconds', 'PT30S' or { minutes: 30 }`,
    );
  });

  it('refuses a zero duration', () => {
    expect(() =>
      readScorecardsConfig(
        config({ directory: platform, schedule: { fullRun: '0s' } }),
      ),
    ).toThrow(
      'scorecards.schedule.fullRun: the duration must be longer than zero',
    );
  });
});
