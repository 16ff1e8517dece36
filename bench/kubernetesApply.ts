/**
 * Server-side apply of 50 objects through the Kubernetes delivery target and
 * the real @kubernetes/client-node, against the in-process API server the
 * tests use (a test double that speaks the Kubernetes HTTP API; no API server
 * can run on these machines). A real cluster adds its own latency and TLS.
 */
import { KubernetesDeliveryTarget } from '../plugins/orchestrator-backend/src/delivery/kubernetes';
import { FakeKubernetesApiServer } from '../plugins/orchestrator-backend/src/delivery/kubernetes/__testUtils__/FakeKubernetesApiServer';
import {
  CLUSTER,
  deliveryRequest,
  NAMESPACE,
  planOf,
  WORKLOAD,
  ENVIRONMENT,
} from '../plugins/orchestrator-backend/src/delivery/kubernetes/__testUtils__/fixtures';

const OBJECTS = 50;
const TOKEN = 'bench-token';

function objects(revision: number) {
  const labels = {
    'app.kubernetes.io/managed-by': 'paved',
    'app.kubernetes.io/name': WORKLOAD,
    'paved.dev/environment': ENVIRONMENT,
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: NAMESPACE, labels },
    },
    ...Array.from({ length: OBJECTS - 1 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `settings-${i}`, namespace: NAMESPACE, labels },
      data: {
        revision: String(revision),
        LOG_LEVEL: 'info',
        FEATURE: `flag-${i}`,
      },
    })),
  ];
}

export async function kubernetesApplyBench(runs: number) {
  const fake = await FakeKubernetesApiServer.start({ token: TOKEN });
  const target = new KubernetesDeliveryTarget({
    config: {
      clusters: [
        {
          name: CLUSTER,
          url: fake.url,
          serviceAccountToken: TOKEN,
          skipTLSVerify: true,
        },
      ],
      forceConflicts: false,
      rolloutTimeoutMs: 10_000,
    },
  });
  const samples: number[] = [];
  try {
    let previous;
    for (let revision = 1; revision <= runs + 3; revision++) {
      // Each revision changes every ConfigMap, so each run applies all 50.
      const plan = planOf(objects(revision) as never);
      const started = performance.now();
      await target.deliver(deliveryRequest(plan, revision, previous));
      // The first three are warm-up: discovery, connections, JIT.
      if (revision > 3) samples.push(performance.now() - started);
      previous = plan;
    }
  } finally {
    await fake.close();
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[
      Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
    ];
  return {
    objects: OBJECTS,
    n: sorted.length,
    medianMs: at(50),
    p95Ms: at(95),
  };
}
