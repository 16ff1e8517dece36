import { PackCase, podCases } from './builders';

// platform/policies/pod-security/restricted.yaml: a Kyverno ValidatingPolicy
// written for Pods, checked on a Pod and, through autogen, on a Deployment and
// a CronJob.

const restricted = 'pss-restricted';
const DIGEST = 'a'.repeat(64);

export const restrictedCases: PackCase[] = podCases([
  {
    title: 'projected, secret and csi volumes',
    policy: restricted,
    validation: 0,
    change: {
      spec: {
        volumes: [
          { name: 'token', projected: { sources: [] } },
          { name: 'tls', secret: { secretName: 'tls' } },
          { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io' } },
        ],
      },
    },
  },
  {
    title: 'an nfs volume',
    policy: restricted,
    validation: 0,
    change: {
      spec: {
        volumes: [
          { name: 'tmp', emptyDir: {} },
          { name: 'shared', nfs: { server: 'nfs.internal', path: '/exports' } },
        ],
      },
    },
    fails:
      'Only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes are allowed: shared',
  },
  {
    title: 'a Windows pod without allowPrivilegeEscalation or capabilities',
    policy: restricted,
    validation: 1,
    change: {
      spec: { os: { name: 'windows' } },
      container: {
        securityContext: {
          allowPrivilegeEscalation: undefined,
          capabilities: undefined,
        },
      },
    },
  },
  {
    title: 'allowPrivilegeEscalation unset',
    policy: restricted,
    validation: 1,
    change: {
      container: { securityContext: { allowPrivilegeEscalation: undefined } },
    },
    fails:
      'Privilege escalation must be disallowed (securityContext.allowPrivilegeEscalation: false): app',
  },
  {
    title: 'runAsNonRoot on the container only',
    policy: restricted,
    validation: 2,
    change: { spec: { securityContext: { runAsNonRoot: undefined } } },
  },
  {
    title: 'a container with runAsNonRoot false',
    policy: restricted,
    validation: 2,
    change: { container: { securityContext: { runAsNonRoot: false } } },
    fails:
      'Containers must run as non-root (securityContext.runAsNonRoot: true on the pod or the container): app',
  },
  {
    title: 'a pod with runAsNonRoot false',
    policy: restricted,
    validation: 2,
    change: { spec: { securityContext: { runAsNonRoot: false } } },
    fails: 'The pod may not set spec.securityContext.runAsNonRoot to false',
  },
  {
    title: 'a non-zero runAsUser',
    policy: restricted,
    validation: 3,
    change: { spec: { securityContext: { runAsUser: 10001 } } },
  },
  {
    title: 'a container running as UID 0',
    policy: restricted,
    validation: 3,
    change: { container: { securityContext: { runAsUser: 0 } } },
    fails:
      'Running as UID 0 is not allowed (securityContext.runAsUser must be unset or non-zero): app',
  },
  {
    title: 'a pod running as UID 0',
    policy: restricted,
    validation: 3,
    change: { spec: { securityContext: { runAsUser: 0 } } },
    fails:
      'Running as UID 0 is not allowed (securityContext.runAsUser must be unset or non-zero): pod',
  },
  {
    title: 'seccomp set on every container only',
    policy: restricted,
    validation: 4,
    change: {
      spec: { securityContext: { seccompProfile: undefined } },
      container: {
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      },
    },
  },
  {
    title: 'no seccomp profile anywhere',
    policy: restricted,
    validation: 4,
    change: { spec: { securityContext: { seccompProfile: undefined } } },
    fails:
      'A seccomp profile is required (securityContext.seccompProfile.type: RuntimeDefault or Localhost, on the pod or on every container): app',
  },
  {
    title: 'capabilities not dropped',
    policy: restricted,
    validation: 5,
    change: {
      container: { securityContext: { capabilities: { drop: ['NET_RAW'] } } },
    },
    fails:
      'Containers must drop ALL capabilities (securityContext.capabilities.drop: [ALL]): app',
  },
  {
    title: 'NET_BIND_SERVICE added back',
    policy: restricted,
    validation: 6,
    change: {
      container: {
        securityContext: {
          capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
        },
      },
    },
  },
  {
    title: 'CHOWN added back',
    policy: restricted,
    validation: 6,
    change: {
      container: {
        securityContext: { capabilities: { drop: ['ALL'], add: ['CHOWN'] } },
      },
    },
    fails:
      'Containers may add back only NET_BIND_SERVICE (securityContext.capabilities.add): app',
  },
  // A compliant pod passes both profiles; one pinned by digest too.
  {
    title: 'the compliant pod',
    policy: restricted,
    validation: 5,
    change: {
      container: {
        image: `registry.northwind.example/checkout@sha256:${DIGEST}`,
      },
    },
  },
]);
