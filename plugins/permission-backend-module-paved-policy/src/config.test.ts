import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readPermissionRules } from './config';

const rules = (value: JsonValue) =>
  readPermissionRules(
    new ConfigReader({ permission: { paved: { rules: value } } }),
  );

describe('readPermissionRules', () => {
  it('has no rules when none are configured', () => {
    expect(readPermissionRules(new ConfigReader({}))).toEqual([]);
  });

  it('reads permissions and prefixes with normalized user and group refs', () => {
    expect(
      rules([
        {
          permission: 'orchestrator.approve',
          allow: ['Group:default/Platform', 'user:jane'],
        },
        { permission: 'catalog.location.*', allow: ['group:platform'] },
      ]),
    ).toEqual([
      {
        permission: 'orchestrator.approve',
        allow: ['group:default/platform', 'user:default/jane'],
      },
      { permission: 'catalog.location.*', allow: ['group:default/platform'] },
    ]);
  });

  it('names the rule and the entry that is wrong', () => {
    expect(() =>
      rules([
        { permission: 'orchestrator.approve', allow: ['group:platform'] },
        { permission: 'orchestrator.approve', allow: ['platform'] },
      ]),
    ).toThrow(
      /^permission\.paved\.rules\[1\]\.allow\[0\]: Entity reference "platform" had missing or empty kind/,
    );
    expect(() =>
      rules([
        { permission: 'orchestrator.approve', allow: ['component:checkout'] },
      ]),
    ).toThrow(
      'permission.paved.rules[0].allow[0]: "component:checkout" must be a user or group entity ref with its kind, e.g. group:default/platform',
    );
    expect(() =>
      rules([{ permission: 'catalog.*.delete', allow: ['group:platform'] }]),
    ).toThrow(
      'permission.paved.rules[0].permission: "catalog.*.delete" is not a permission name or a prefix ending in ".*", e.g. orchestrator.approve or catalog.location.*',
    );
    expect(() => rules([{ permission: 'orchestrator.approve' }])).toThrow(
      /Missing required config value at 'permission\.paved\.rules\[0\]\.allow'/,
    );
  });
});
