import type { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';

export interface KubernetesClusterConfig {
  /** Matches an Environment's `spec.cluster`. */
  name: string;
  /** The API server, e.g. `https://10.0.0.1:6443`. */
  url: string;
  serviceAccountToken: string;
  skipTLSVerify: boolean;
  /** Base64 PEM of the CA that signed the API server's certificate. */
  caData?: string;
}

export interface KubernetesDeliveryConfig {
  clusters: KubernetesClusterConfig[];
  /** Take over fields another field manager owns; off unless configured. */
  forceConflicts: boolean;
  rolloutTimeoutMs: number;
}

const KEY = 'orchestrator.kubernetes';
export const DEFAULT_ROLLOUT_TIMEOUT_MS = 5 * 60_000;

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** `250ms`, `30s`, `5m`, `1h`: the duration style environments use too. */
export function parseDuration(key: string, value: string): number {
  const match = /^(\d+)(ms|s|m|h)$/.exec(value.trim());
  if (!match || Number(match[1]) <= 0) {
    throw new InputError(
      `${key} must be a positive whole number followed by ms, s, m or h, e.g. "5m"; got "${value}"`,
    );
  }
  return Number(match[1]) * UNITS[match[2]];
}

function parseCluster(
  cluster: RootConfigService,
  index: number,
): KubernetesClusterConfig {
  const at = `${KEY}.clusters[${index}]`;
  let name: string;
  let url: string;
  let serviceAccountToken: string;
  let skipTLSVerify: boolean;
  let caData: string | undefined;
  try {
    name = cluster.getString('name');
    url = cluster.getString('url');
    serviceAccountToken = cluster.getString('serviceAccountToken');
    skipTLSVerify = cluster.getOptionalBoolean('skipTLSVerify') ?? false;
    caData = cluster.getOptionalString('caData');
  } catch (error) {
    // Config's message names the key and the type, never the value.
    throw new InputError(
      `Invalid ${at} configuration: ${(error as Error).message}`,
    );
  }
  if (!name.trim()) throw new InputError(`${at}.name must not be empty`);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new InputError(`${at}.url must be an http(s) URL`);
  }
  // The client refuses plain HTTP at the first request; say so at startup.
  if (new URL(url).protocol === 'http:' && !skipTLSVerify) {
    throw new InputError(
      `${at}.url is plain http, which the Kubernetes client only allows with skipTLSVerify: true`,
    );
  }
  if (!serviceAccountToken.trim()) {
    throw new InputError(`${at}.serviceAccountToken must not be empty`);
  }
  if (caData !== undefined && !/^[A-Za-z0-9+/=\s]+$/.test(caData)) {
    throw new InputError(`${at}.caData must be base64 (a PEM, encoded)`);
  }
  return {
    name: name.trim(),
    url,
    serviceAccountToken,
    skipTLSVerify,
    ...(caData && { caData: caData.replace(/\s+/g, '') }),
  };
}

/** Reads `orchestrator.kubernetes`; every value it cannot use is an InputError naming the key. */
export function readKubernetesConfig(
  config: RootConfigService,
): KubernetesDeliveryConfig {
  let section: RootConfigService | undefined;
  let clusters: RootConfigService[] | undefined;
  let forceConflicts: boolean | undefined;
  let rolloutTimeout: string | undefined;
  try {
    section = config.getOptionalConfig(KEY);
    clusters = section?.getOptionalConfigArray('clusters');
    forceConflicts = section?.getOptionalBoolean('forceConflicts');
    rolloutTimeout = section?.getOptionalString('rolloutTimeout');
  } catch (error) {
    throw new InputError(
      `Invalid ${KEY} configuration: ${(error as Error).message}`,
    );
  }
  const parsed = (clusters ?? []).map(parseCluster);
  const names = new Set<string>();
  for (const { name } of parsed) {
    if (names.has(name)) {
      throw new InputError(
        `${KEY}.clusters has two entries named "${name}"; environments pick a cluster by name`,
      );
    }
    names.add(name);
  }
  return {
    clusters: parsed,
    forceConflicts: forceConflicts ?? false,
    rolloutTimeoutMs:
      rolloutTimeout === undefined
        ? DEFAULT_ROLLOUT_TIMEOUT_MS
        : parseDuration(`${KEY}.rolloutTimeout`, rolloutTimeout),
  };
}
