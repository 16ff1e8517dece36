import { ConfigReader } from '@backstage/config';
import { readPrebuildConfig } from './config';

describe('readPrebuildConfig', () => {
  it('is off by default, with a ten-minute schedule', () => {
    expect(readPrebuildConfig(new ConfigReader({}))).toEqual({
      enabled: false,
      schedule: expect.objectContaining({ frequency: { minutes: 10 } }),
    });
  });

  it('reads enabled and the schedule', () => {
    const config = new ConfigReader({
      techdocs: {
        prebuild: {
          enabled: true,
          schedule: { frequency: { hours: 1 }, timeout: { minutes: 20 } },
        },
      },
    });
    expect(readPrebuildConfig(config)).toEqual({
      enabled: true,
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 20 } },
    });
  });

  it('names the key when a value has the wrong type', () => {
    const config = new ConfigReader({
      techdocs: { prebuild: { enabled: 42 } },
    });
    expect(() => readPrebuildConfig(config)).toThrow(
      /techdocs\.prebuild\.enabled/,
    );
  });
});
