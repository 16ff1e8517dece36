import { mockServices } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import { readKubernetesConfig } from './config';

const read = (kubernetes: JsonValue | undefined) =>
  readKubernetesConfig(
    mockServices.rootConfig({ data: { orchestrator: { kubernetes } } }),
  );

const cluster = {
  name: 'northwind-dev',
  url: 'https://10.0.0.1:6443',
  serviceAccountToken: 'eyJhbGciOi-token',
  caData: 'LS0tLS1CRUdJTi\nBDRVJUSUZJQ0FURS0tLS0t',
};

describe('readKubernetesConfig', () => {
  it('reads clusters and options, with safe defaults', () => {
    expect(read({ clusters: [cluster] })).toEqual({
      clusters: [
        {
          name: 'northwind-dev',
          url: 'https://10.0.0.1:6443',
          serviceAccountToken: 'eyJhbGciOi-token',
          skipTLSVerify: false,
          caData: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
        },
      ],
      forceConflicts: false,
      rolloutTimeoutMs: 300_000,
    });
    expect(
      read({ clusters: [], forceConflicts: true, rolloutTimeout: '90s' }),
    ).toMatchObject({ forceConflicts: true, rolloutTimeoutMs: 90_000 });
    expect(readKubernetesConfig(mockServices.rootConfig())).toEqual({
      clusters: [],
      forceConflicts: false,
      rolloutTimeoutMs: 300_000,
    });
  });

  it.each([
    [
      { clusters: [{ ...cluster, url: 'http://10.0.0.1:8080' }] },
      'is plain http, which the Kubernetes client only allows with skipTLSVerify: true',
    ],
    [{ clusters: [cluster, cluster] }, 'has two entries named "northwind-dev"'],
    [
      { clusters: [{ ...cluster, serviceAccountToken: undefined }] },
      "Invalid orchestrator.kubernetes.clusters[0] configuration: Missing required config value at 'orchestrator.kubernetes.clusters[0].serviceAccountToken'",
    ],
    [
      { clusters: [{ ...cluster, url: 'ftp://x' }] },
      'orchestrator.kubernetes.clusters[0].url must be an http(s) URL',
    ],
    [
      { rolloutTimeout: '5 minutes' },
      'orchestrator.kubernetes.rolloutTimeout must be a positive whole number followed by ms, s, m or h',
    ],
    [
      { forceConflicts: 'sometimes' },
      'Invalid orchestrator.kubernetes configuration',
    ],
  ])('refuses a bad value: %#', (kubernetes, message) => {
    expect(() => read(kubernetes)).toThrow(message);
  });

  it('never puts the token in an error', () => {
    expect(() =>
      read({ clusters: [{ ...cluster, serviceAccountToken: 42 }] }),
    ).toThrow(/serviceAccountToken/);
    expect(() =>
      read({
        clusters: [{ ...cluster, serviceAccountToken: 'tok', url: 'nope' }],
      }),
    ).not.toThrow(/tok\b/);
  });
});
