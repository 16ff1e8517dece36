import { PackCase, podCases } from './builders';

// platform/policies/pod-security/baseline.yaml: a Kyverno ValidatingPolicy
// written for Pods, checked on a Pod and, through autogen, on a Deployment and
// a CronJob.

const baseline = 'pss-baseline';

export const baselineCases: PackCase[] = podCases([
  {
    title: 'host namespaces explicitly off',
    policy: baseline,
    validation: 0,
    change: { spec: { hostNetwork: false, hostPID: false, hostIPC: false } },
  },
  {
    title: 'hostPID',
    policy: baseline,
    validation: 0,
    change: { spec: { hostPID: true } },
    fails:
      'Sharing the host namespaces is not allowed: spec.hostNetwork, spec.hostPID and spec.hostIPC must be unset or false.',
  },
  {
    title: 'hostNetwork',
    policy: baseline,
    validation: 0,
    change: { spec: { hostNetwork: true } },
    fails:
      'Sharing the host namespaces is not allowed: spec.hostNetwork, spec.hostPID and spec.hostIPC must be unset or false.',
  },
  {
    title: 'hostProcess false',
    policy: baseline,
    validation: 1,
    change: {
      container: {
        securityContext: { windowsOptions: { hostProcess: false } },
      },
    },
  },
  {
    title: 'a HostProcess container',
    policy: baseline,
    validation: 1,
    change: {
      container: { securityContext: { windowsOptions: { hostProcess: true } } },
    },
    fails:
      'Windows HostProcess pods are not allowed: securityContext.windowsOptions.hostProcess must be unset or false.',
  },
  {
    title: 'a HostProcess pod',
    policy: baseline,
    validation: 1,
    change: {
      spec: { securityContext: { windowsOptions: { hostProcess: true } } },
    },
    fails:
      'Windows HostProcess pods are not allowed: securityContext.windowsOptions.hostProcess must be unset or false.',
  },
  {
    title: 'privileged: false',
    policy: baseline,
    validation: 2,
    change: { container: { securityContext: { privileged: false } } },
  },
  {
    title: 'a privileged init container',
    policy: baseline,
    validation: 2,
    change: {
      spec: {
        initContainers: [
          {
            name: 'setup',
            image: 'registry.northwind.example/setup:1.0.0',
            securityContext: { privileged: true },
          },
        ],
      },
    },
    fails:
      'Privileged containers are not allowed (securityContext.privileged must be unset or false): setup',
  },
  {
    title: 'capabilities from the Baseline list',
    policy: baseline,
    validation: 3,
    change: {
      container: {
        securityContext: {
          capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] },
        },
      },
    },
  },
  {
    title: 'SYS_ADMIN added',
    policy: baseline,
    validation: 3,
    change: {
      container: {
        securityContext: {
          capabilities: {
            drop: ['ALL'],
            add: ['NET_BIND_SERVICE', 'SYS_ADMIN'],
          },
        },
      },
    },
    fails:
      'Capabilities beyond the Baseline set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT) may not be added: app: SYS_ADMIN',
  },
  {
    title: 'persistentVolumeClaim and configMap volumes',
    policy: baseline,
    validation: 4,
    change: {
      spec: {
        volumes: [
          {
            name: 'data',
            persistentVolumeClaim: { claimName: 'checkout-data' },
          },
          { name: 'files', configMap: { name: 'checkout-files' } },
        ],
      },
    },
  },
  {
    title: 'a hostPath volume',
    policy: baseline,
    validation: 4,
    change: {
      spec: {
        volumes: [
          { name: 'tmp', emptyDir: {} },
          { name: 'docker', hostPath: { path: '/var/run/docker.sock' } },
        ],
      },
    },
    fails: 'hostPath volumes are not allowed: docker',
  },
  {
    title: 'hostPort 0',
    policy: baseline,
    validation: 5,
    change: { container: { ports: [{ containerPort: 8080, hostPort: 0 }] } },
  },
  {
    title: 'a host port',
    policy: baseline,
    validation: 5,
    change: { container: { ports: [{ containerPort: 8080, hostPort: 80 }] } },
    fails:
      'Host ports are not allowed (ports[].hostPort must be unset or 0): app',
  },
  {
    title: 'AppArmor RuntimeDefault and a localhost annotation',
    policy: baseline,
    validation: 6,
    change: {
      metadata: {
        annotations: {
          'container.apparmor.security.beta.kubernetes.io/app':
            'localhost/checkout',
        },
      },
      container: {
        securityContext: { appArmorProfile: { type: 'RuntimeDefault' } },
      },
    },
  },
  {
    title: 'AppArmor Unconfined on the pod',
    policy: baseline,
    validation: 6,
    change: {
      spec: { securityContext: { appArmorProfile: { type: 'Unconfined' } } },
    },
    fails:
      'AppArmor may not be disabled or overridden: appArmorProfile.type must be unset, RuntimeDefault or Localhost, and container.apparmor.security.beta.kubernetes.io annotations runtime/default or localhost/*.',
  },
  {
    title: 'an unconfined AppArmor annotation',
    policy: baseline,
    validation: 6,
    change: {
      metadata: {
        annotations: {
          'container.apparmor.security.beta.kubernetes.io/app': 'unconfined',
        },
      },
    },
    fails:
      'AppArmor may not be disabled or overridden: appArmorProfile.type must be unset, RuntimeDefault or Localhost, and container.apparmor.security.beta.kubernetes.io annotations runtime/default or localhost/*.',
  },
  {
    title: 'SELinux type container_t with a level',
    policy: baseline,
    validation: 7,
    change: {
      container: {
        securityContext: {
          seLinuxOptions: { type: 'container_t', level: 's0:c123,c456' },
        },
      },
    },
  },
  {
    title: 'SELinux type spc_t',
    policy: baseline,
    validation: 7,
    change: {
      container: { securityContext: { seLinuxOptions: { type: 'spc_t' } } },
    },
    fails:
      'Custom SELinux options are not allowed: seLinuxOptions.type must be unset or container_t, container_init_t, container_kvm_t or container_engine_t, and seLinuxOptions.user and .role unset.',
  },
  {
    title: 'an SELinux user on the pod',
    policy: baseline,
    validation: 7,
    change: {
      spec: { securityContext: { seLinuxOptions: { user: 'system_u' } } },
    },
    fails:
      'Custom SELinux options are not allowed: seLinuxOptions.type must be unset or container_t, container_init_t, container_kvm_t or container_engine_t, and seLinuxOptions.user and .role unset.',
  },
  {
    title: 'procMount Default',
    policy: baseline,
    validation: 8,
    change: { container: { securityContext: { procMount: 'Default' } } },
  },
  {
    title: 'procMount Unmasked',
    policy: baseline,
    validation: 8,
    change: { container: { securityContext: { procMount: 'Unmasked' } } },
    fails:
      'The default /proc mask may not be changed: securityContext.procMount must be unset or Default.',
  },
  {
    title: 'a Localhost seccomp profile',
    policy: baseline,
    validation: 9,
    change: {
      container: {
        securityContext: {
          seccompProfile: {
            type: 'Localhost',
            localhostProfile: 'profiles/app.json',
          },
        },
      },
    },
  },
  {
    title: 'seccomp Unconfined on a container',
    policy: baseline,
    validation: 9,
    change: {
      container: {
        securityContext: { seccompProfile: { type: 'Unconfined' } },
      },
    },
    fails:
      'Seccomp may not be disabled: securityContext.seccompProfile.type must be unset, RuntimeDefault or Localhost, never Unconfined.',
  },
  {
    title: 'a safe sysctl',
    policy: baseline,
    validation: 10,
    change: {
      spec: {
        securityContext: {
          sysctls: [
            { name: 'net.ipv4.ip_unprivileged_port_start', value: '0' },
          ],
        },
      },
    },
  },
  {
    title: 'an unsafe sysctl',
    policy: baseline,
    validation: 10,
    change: {
      spec: {
        securityContext: {
          sysctls: [
            { name: 'net.ipv4.tcp_syncookies', value: '1' },
            { name: 'kernel.msgmax', value: '65536' },
          ],
        },
      },
    },
    fails:
      'Only the safe sysctls may be set in spec.securityContext.sysctls; remove: kernel.msgmax',
  },
  {
    title: 'probes and hooks on the pod itself',
    policy: baseline,
    validation: 11,
    change: {
      container: {
        startupProbe: { tcpSocket: { port: 8080 } },
        lifecycle: { preStop: { httpGet: { path: '/drain', port: 8080 } } },
      },
    },
  },
  {
    title: 'a readiness probe with a host',
    policy: baseline,
    validation: 11,
    change: {
      container: {
        readinessProbe: { httpGet: { host: '10.0.0.1', path: '/', port: 80 } },
      },
    },
    fails:
      'Probes and lifecycle hooks may not name a host: httpGet.host and tcpSocket.host must be unset, so that they reach the pod itself.',
  },
  {
    title: 'a preStop hook with a tcpSocket host',
    policy: baseline,
    validation: 11,
    change: {
      container: {
        lifecycle: { preStop: { tcpSocket: { host: 'db', port: 5432 } } },
      },
    },
    fails:
      'Probes and lifecycle hooks may not name a host: httpGet.host and tcpSocket.host must be unset, so that they reach the pod itself.',
  },
]);
