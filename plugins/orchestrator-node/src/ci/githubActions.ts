import { InputError } from '@backstage/errors';
import { scoreWorkloadMetadataSchema } from '@paved/plugin-orchestrator-common';
import { Document, isScalar, visit } from 'yaml';
import { validateGithubWorkflow } from './validateWorkflow';

export { validateGithubWorkflow };

/** What the CI renderer needs to know about a workload's repository. */
export interface CiRenderInput {
  /** The Score workload name (an RFC 1123 label), e.g. "checkout". */
  workload: string;
  /** Where the built images go, without tag or digest, e.g. "registry.northwind.example/checkout". */
  imageRepository: string;
  /** Only node for now; a union so that more can be added. */
  language: 'node';
  /** Base URL of the Paved portal, e.g. "https://paved.northwind.example". */
  pavedUrl: string;
}

/** A file to commit to the workload's repository. */
export interface CiArtifact {
  path: string;
  kind: 'GitHubWorkflow';
  content: string;
}

/** Where the rendered workflow lives in the workload's repository. */
export const GITHUB_WORKFLOW_PATH = '.github/workflows/paved.yaml';

/**
 * Every action the workflow uses, pinned to the full commit SHA its release tag
 * points to (tags can be moved, commits cannot). Update a pin here, in one
 * place: the version goes into a trailing comment that Dependabot and Renovate
 * read to propose updates.
 */
export const GITHUB_ACTION_PINS = {
  checkout: {
    action: 'actions/checkout',
    sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
    version: 'v7.0.1',
  },
  setupNode: {
    action: 'actions/setup-node',
    sha: '820762786026740c76f36085b0efc47a31fe5020',
    version: 'v7.0.0',
  },
  dockerLogin: {
    action: 'docker/login-action',
    sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121',
    version: 'v4.1.0',
  },
  dockerSetupBuildx: {
    action: 'docker/setup-buildx-action',
    sha: '37fe631027851001ddb9b187196cc803df7f5f0e',
    version: 'v4.3.0',
  },
  dockerBuildPush: {
    action: 'docker/build-push-action',
    sha: '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a',
    version: 'v7.3.0',
  },
} as const satisfies Record<
  string,
  { action: string; sha: string; version: string }
>;

type PinnedAction = keyof typeof GITHUB_ACTION_PINS;

const uses = (name: PinnedAction) =>
  `${GITHUB_ACTION_PINS[name].action}@${GITHUB_ACTION_PINS[name].sha}`;

/** The hosted runner image, pinned rather than "ubuntu-latest" so builds do not change under us. */
const RUNNER = 'ubuntu-24.04';
const NODE_VERSION = '24';
const ON_PUSH_TO_MAIN =
  "github.event_name == 'push' && github.ref == 'refs/heads/main'";

/**
 * Asks Paved to deploy the image just built. Fails the job on anything but a
 * 2xx answer (curl --fail-with-body covers 4xx and 5xx, the status check covers
 * the rest) and shows Paved's answer either way.
 */
const DEPLOY_SCRIPT = `set -euo pipefail
if [ -z "$PAVED_TOKEN" ]; then
  echo "::error::The repository secret PAVED_TOKEN is not set" >&2
  exit 1
fi
body="$(jq --null-input --arg workload "$WORKLOAD" --arg image "$IMAGE" \\
  '{workload: $workload, environment: "development", image: $image}')"
response="$RUNNER_TEMP/paved-deployment.json"
status="$(curl --silent --show-error --fail-with-body \\
  --request POST \\
  --header "Authorization: Bearer $PAVED_TOKEN" \\
  --header 'Content-Type: application/json' \\
  --data "$body" \\
  --output "$response" \\
  --write-out '%{http_code}' \\
  "$PAVED_URL/api/orchestrator/deployments")" || {
  [ -f "$response" ] && cat "$response" >&2
  exit 1
}
cat "$response"
case "$status" in
  2??) ;;
  *) echo "::error::Paved answered HTTP $status" >&2; exit 1 ;;
esac
`;

/**
 * Renders the GitHub Actions workflow that tests a workload, builds and pushes
 * its image tagged with the commit SHA, and asks Paved to deploy that image to
 * development on every push to main. Pure and deterministic: the same input
 * gives the same bytes. Throws an InputError for invalid input, and an Error
 * if the rendered workflow does not pass GitHub's workflow parser.
 */
export function renderGithubWorkflow(input: CiRenderInput): CiArtifact {
  const workload = checkWorkload(input.workload);
  const repository = checkImageRepository(input.imageRepository);
  const pavedUrl = checkPavedUrl(input.pavedUrl);
  if (input.language !== 'node') {
    throw new InputError(
      `language: only "node" is supported, got ${JSON.stringify(
        input.language,
      )}`,
    );
  }

  const image = `${repository.name}:\${{ github.sha }}`;
  const ghcr = repository.registry === 'ghcr.io';
  const secrets = ghcr
    ? ['PAVED_TOKEN']
    : ['REGISTRY_USERNAME', 'REGISTRY_PASSWORD', 'PAVED_TOKEN'];

  const workflow = {
    name: 'Paved',
    on: {
      push: { branches: ['main'] },
      pull_request: {},
    },
    permissions: { contents: 'read' },
    jobs: {
      test: {
        name: 'Test',
        'runs-on': RUNNER,
        'timeout-minutes': 20,
        steps: [
          checkoutStep(),
          {
            name: `Set up Node.js ${NODE_VERSION}`,
            uses: uses('setupNode'),
            with: { 'node-version': NODE_VERSION, cache: 'npm' },
          },
          { name: 'Install dependencies', run: 'npm ci' },
          { name: 'Test', run: 'npm test' },
        ],
      },
      build: {
        name: 'Build image',
        needs: 'test',
        'runs-on': RUNNER,
        'timeout-minutes': 30,
        // GitHub's own registry is written to with the job's token, which then
        // needs packages: write; any other registry takes credentials from secrets.
        ...(ghcr
          ? { permissions: { contents: 'read', packages: 'write' } }
          : {}),
        steps: [
          checkoutStep(),
          { name: 'Set up Docker Buildx', uses: uses('dockerSetupBuildx') },
          {
            name: `Log in to ${repository.registry}`,
            if: ON_PUSH_TO_MAIN,
            uses: uses('dockerLogin'),
            with: {
              registry: repository.registry,
              username: ghcr
                ? '${{ github.actor }}'
                : '${{ secrets.REGISTRY_USERNAME }}',
              password: ghcr
                ? '${{ secrets.GITHUB_TOKEN }}'
                : '${{ secrets.REGISTRY_PASSWORD }}',
            },
          },
          {
            name: 'Build and push',
            uses: uses('dockerBuildPush'),
            with: {
              context: '.',
              // Pull requests only prove that the image builds.
              push: `\${{ ${ON_PUSH_TO_MAIN} }}`,
              tags: image,
              labels: [
                'org.opencontainers.image.revision=${{ github.sha }}',
                'org.opencontainers.image.source=${{ github.server_url }}/${{ github.repository }}',
              ].join('\n'),
              'cache-from': 'type=gha',
              'cache-to': 'type=gha,mode=max',
            },
          },
        ],
      },
      deploy: {
        name: 'Deploy to development',
        needs: 'build',
        if: ON_PUSH_TO_MAIN,
        'runs-on': RUNNER,
        'timeout-minutes': 5,
        // Only talks to Paved: the job's token needs no access at all.
        permissions: {},
        // One deployment of this workload at a time; the newest waits, never races.
        concurrency: {
          group: `paved-deploy-${workload}`,
          'cancel-in-progress': false,
        },
        steps: [
          {
            name: 'Ask Paved to deploy',
            env: {
              PAVED_URL: pavedUrl,
              PAVED_TOKEN: '${{ secrets.PAVED_TOKEN }}',
              WORKLOAD: workload,
              IMAGE: image,
            },
            // Values reach the script only through env, never through ${{ }} in
            // the script itself, so nothing can be injected into the shell.
            run: DEPLOY_SCRIPT,
          },
        ],
      },
    },
  };

  const document = new Document(workflow);
  document.commentBefore = [
    ` Rendered by Paved for the workload "${workload}": do not edit by hand,`,
    ' changes are overwritten the next time Paved renders this file.',
    ` Repository secrets it needs: ${secrets.join(', ')}.`,
  ].join('\n');
  visit(document, {
    Pair(_, pair) {
      if (
        isScalar(pair.key) &&
        pair.key.value === 'uses' &&
        isScalar(pair.value)
      ) {
        pair.value.comment = ` ${versionOf(String(pair.value.value))}`;
      }
    },
  });
  const content = document.toString({ lineWidth: 0 });

  validateGithubWorkflow(content, GITHUB_WORKFLOW_PATH);
  return { path: GITHUB_WORKFLOW_PATH, kind: 'GitHubWorkflow', content };
}

function checkoutStep() {
  return {
    name: 'Check out',
    uses: uses('checkout'),
    // No job after checkout needs git credentials; do not leave them on disk.
    with: { 'persist-credentials': false },
  };
}

function versionOf(usesValue: string): string {
  const pin = Object.values(GITHUB_ACTION_PINS).find(
    p => `${p.action}@${p.sha}` === usesValue,
  );
  if (!pin) {
    // Only reachable through a template bug: every step uses uses().
    throw new Error(`${usesValue} is not in GITHUB_ACTION_PINS`);
  }
  return pin.version;
}

function checkWorkload(workload: unknown): string {
  const result = scoreWorkloadMetadataSchema.shape.name.safeParse(workload);
  if (!result.success) {
    throw new InputError(
      `workload: ${result.error.issues.map(i => i.message).join('; ')}`,
    );
  }
  return result.data;
}

// The distribution reference grammar (github.com/distribution/reference),
// lowercase only, with the registry host required so that login is explicit.
const DOMAIN_COMPONENT = '(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])';
const REGISTRY = `(?:localhost|${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})+|${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*:[0-9]+)`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*';
const IMAGE_REPOSITORY = new RegExp(
  `^(${REGISTRY})/(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`,
);

function checkImageRepository(value: unknown): {
  name: string;
  registry: string;
} {
  const problem = (reason: string) =>
    new InputError(
      `imageRepository: ${JSON.stringify(
        value,
      )} ${reason}; expected a registry host and a path without tag or digest, e.g. "registry.northwind.example/checkout"`,
    );
  if (typeof value !== 'string' || value === '') {
    throw problem('is not a non-empty string');
  }
  if (/\s/.test(value)) throw problem('contains whitespace');
  if (/[A-Z]/.test(value)) throw problem('contains uppercase letters');
  if (value.includes('@')) throw problem('has a digest ("@...")');
  if (value.slice(value.lastIndexOf('/') + 1).includes(':')) {
    throw problem(
      'has a tag (":..."); Paved tags every image with its commit SHA',
    );
  }
  if (value.length > 255) throw problem('is longer than 255 characters');
  const match = IMAGE_REPOSITORY.exec(value);
  if (!match) {
    throw problem(
      value.includes('/')
        ? 'is not a valid image repository'
        : 'has no registry host',
    );
  }
  return { name: value, registry: match[1] };
}

function checkPavedUrl(value: unknown): string {
  const problem = (reason: string) =>
    new InputError(
      `pavedUrl: ${JSON.stringify(
        value,
      )} ${reason}; expected the portal's base URL, e.g. "https://paved.northwind.example"`,
    );
  if (typeof value !== 'string') throw problem('is not a string');
  // The URL parser would silently drop these; refuse them instead.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(value)) {
    throw problem('contains whitespace or control characters');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw problem('is not http(s)');
  }
  if (url.username || url.password) {
    throw problem('has credentials in it; the token comes from a secret');
  }
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    throw problem('has a query or fragment');
  }
  // Normalised by the URL parser: "{" and "}" are percent-encoded, so no
  // "${{ }}" expression can get through to the workflow.
  return url.href.replace(/\/+$/, '');
}
