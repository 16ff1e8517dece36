import { screen, waitFor, within } from '@testing-library/react';
import { renderWithOrchestrator } from '../../__testUtils__/testApp';
import type { ArtifactDiff } from '../../api';
import { DiffView } from './DiffView';

const patch = (path: string, body: string) =>
  `===================================================================\n--- revision 1/${path}\n+++ revision 2/${path}\n${body}`;

const items: ArtifactDiff[] = [
  {
    path: 'kubernetes/deployment-checkout.yaml',
    change: 'changed',
    patch: patch(
      'kubernetes/deployment-checkout.yaml',
      '@@ -1,2 +1,2 @@\n kind: Deployment\n-replicas: 1\n+replicas: 3\n',
    ),
  },
  {
    path: 'kubernetes/horizontalpodautoscaler-checkout.yaml',
    change: 'added',
    patch: patch(
      'kubernetes/horizontalpodautoscaler-checkout.yaml',
      '@@ -0,0 +1,1 @@\n+kind: HorizontalPodAutoscaler\n',
    ),
  },
  {
    path: 'resources/redis-checkout-cache.yaml',
    change: 'removed',
    patch: patch(
      'resources/redis-checkout-cache.yaml',
      '@@ -1,1 +0,0 @@\n-kind: RedisInstance\n',
    ),
  },
];

describe('DiffView', () => {
  it('shows each artifact’s change and patch in its own section', async () => {
    await renderWithOrchestrator(<DiffView items={items} />);
    expect(
      screen.getByText('3 artifacts differ: 1 added, 1 removed, 1 changed.'),
    ).toBeInTheDocument();

    const deployment = screen.getByRole('region', {
      name: 'kubernetes/deployment-checkout.yaml',
    });
    expect(within(deployment).getByText('changed')).toBeInTheDocument();
    await waitFor(() =>
      expect(deployment).toHaveTextContent('-replicas: 1 +replicas: 3'),
    );
    expect(deployment).not.toHaveTextContent('HorizontalPodAutoscaler');

    const hpa = screen.getByRole('region', {
      name: 'kubernetes/horizontalpodautoscaler-checkout.yaml',
    });
    expect(within(hpa).getByText('added')).toBeInTheDocument();
    await waitFor(() =>
      expect(hpa).toHaveTextContent('+kind: HorizontalPodAutoscaler'),
    );

    const cache = screen.getByRole('region', {
      name: 'resources/redis-checkout-cache.yaml',
    });
    expect(within(cache).getByText('removed')).toBeInTheDocument();
    await waitFor(() =>
      expect(cache).toHaveTextContent('-kind: RedisInstance'),
    );
  });

  it('says when the two revisions deliver the same artifacts', async () => {
    await renderWithOrchestrator(<DiffView items={[]} />);
    expect(
      screen.getByText(/The two revisions deliver the same artifacts/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('heading')).not.toBeInTheDocument();
  });
});
