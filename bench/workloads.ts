/**
 * The benchmark's two Score workloads, written out as score.yaml text: a
 * typical one (2 containers, 4 resources) and a large one (10 and 20).
 */
// ---------------------------------------------------------------------------
// Workloads

interface ResourceUse {
  name: string;
  type: string;
  params?: string;
}

/** Variables that consume every output of a resource, the way apps do. */
function variablesFor(r: ResourceUse): string[] {
  const p = r.name.toUpperCase().replace(/-/g, '_');
  const ref = (output: string) => `\${resources.${r.name}.${output}}`;
  switch (r.type) {
    case 'postgres':
      return [
        `${p}_HOST: ${ref('host')}`,
        `${p}_PORT: ${ref('port')}`,
        `${p}_NAME: ${ref('name')}`,
        `${p}_USER: ${ref('username')}`,
        `${p}_PASSWORD: ${ref('password')}`,
        `${p}_URL: postgres://${ref('username')}@${ref('host')}:${ref(
          'port',
        )}/${ref('name')}?sslmode=require`,
      ];
    case 'redis':
      return [
        `${p}_HOST: ${ref('host')}`,
        `${p}_PORT: ${ref('port')}`,
        `${p}_PASSWORD: ${ref('password')}`,
      ];
    case 's3':
      return [
        `${p}_BUCKET: ${ref('bucket')}`,
        `${p}_REGION: ${ref('region')}`,
        `${p}_ENDPOINT: ${ref('endpoint')}`,
        `${p}_ACCESS_KEY_ID: ${ref('accessKeyId')}`,
        `${p}_SECRET_ACCESS_KEY: ${ref('secretAccessKey')}`,
      ];
    case 'queue':
      return [
        `${p}_URL: ${ref('url')}`,
        `${p}_NAME: ${ref('name')}`,
        `${p}_ACCESS_KEY_ID: ${ref('accessKeyId')}`,
        `${p}_SECRET_ACCESS_KEY: ${ref('secretAccessKey')}`,
      ];
    default:
      throw new Error(`no variables for type ${r.type}`);
  }
}

function configFile(uses: ResourceUse[]): string {
  const lines = ['service: ${metadata.name}'];
  for (const r of uses) {
    const out =
      r.type === 'postgres' || r.type === 'redis'
        ? 'host'
        : r.type === 's3'
        ? 'bucket'
        : 'url';
    lines.push(`${r.name}: \${resources.${r.name}.${out}}`);
  }
  return lines.map(l => `          ${l}`).join('\n');
}

interface ContainerSpec {
  name: string;
  image: string;
  uses: ResourceUse[];
  /** The main container: port, args, probes, files, bigger resources. */
  main: boolean;
}

function container(c: ContainerSpec): string {
  const variables = [
    'LOG_LEVEL: info',
    `SERVICE_NAME: \${metadata.name}`,
    ...c.uses.flatMap(variablesFor),
  ];
  const lines = [
    `  ${c.name}:`,
    `    image: ${c.image}`,
    ...(c.main ? [`    args: ['--port', '8080']`] : []),
    `    variables:`,
    ...variables.map(v => `      ${v}`),
    `    files:`,
    `      /etc/${c.name}/config.yaml:`,
    `        content: |`,
    configFile(c.uses),
    `        mode: '0440'`,
    `    resources:`,
    `      requests:`,
    `        cpu: ${c.main ? '250m' : '50m'}`,
    `        memory: ${c.main ? '256Mi' : '64Mi'}`,
    `      limits:`,
    `        memory: ${c.main ? '512Mi' : '128Mi'}`,
  ];
  if (c.main) {
    lines.push(
      `    livenessProbe:`,
      `      httpGet:`,
      `        path: /healthz`,
      `        port: 8080`,
      `    readinessProbe:`,
      `      httpGet:`,
      `        path: /ready`,
      `        port: 8080`,
    );
  }
  return lines.join('\n');
}

function resource(r: ResourceUse): string {
  return [
    `  ${r.name}:`,
    `    type: ${r.type}`,
    ...(r.params ? [`    params:`, `      ${r.params}`] : []),
  ].join('\n');
}

function workloadText(
  name: string,
  containers: ContainerSpec[],
  resources: ResourceUse[],
): string {
  return `apiVersion: score.dev/v1b1
metadata:
  name: ${name}
  annotations:
    paved.dev/owner: group:default/payments
    paved.dev/cost-center: cc-1042
containers:
${containers.map(container).join('\n')}
service:
  ports:
    http:
      port: 80
      targetPort: 8080
resources:
${resources.map(resource).join('\n')}
`;
}

const PARAMS: Record<string, string> = {
  postgres: 'storageGB: 200',
  redis: 'memoryGB: 16',
  s3: 'versioning: true',
  queue: 'visibilityTimeoutSeconds: 120',
};

/** 2 containers (app + sidecar), 4 resources (one of each type), like checkout. */
export function typicalWorkload(): string {
  const resources: ResourceUse[] = [
    { name: 'db', type: 'postgres', params: PARAMS.postgres },
    { name: 'cache', type: 'redis' },
    { name: 'assets', type: 's3' },
    { name: 'events', type: 'queue', params: PARAMS.queue },
  ];
  return workloadText(
    'checkout',
    [
      { name: 'api', image: '.', uses: resources, main: true },
      {
        name: 'metrics',
        image: 'ghcr.io/northwind/metrics-agent:1.4.2',
        uses: [],
        main: false,
      },
    ],
    resources,
  );
}

/** 10 containers, 20 resources (five of each type); each container uses two resources. */
export function largeWorkload(): string {
  const types = ['postgres', 'redis', 's3', 'queue'];
  const prefix: Record<string, string> = {
    postgres: 'db',
    redis: 'cache',
    s3: 'bucket',
    queue: 'queue',
  };
  const resources: ResourceUse[] = [];
  for (let i = 0; i < 20; i++) {
    const type = types[i % 4];
    resources.push({
      name: `${prefix[type]}-${Math.floor(i / 4) + 1}`,
      type,
      // Every other resource overrides a parameter.
      ...(i % 2 === 0 && { params: PARAMS[type] }),
    });
  }
  const containers: ContainerSpec[] = [];
  for (let i = 0; i < 10; i++) {
    containers.push({
      name: i === 0 ? 'api' : `worker-${i}`,
      image:
        i === 0 ? '.' : `ghcr.io/northwind/fulfilment-worker-${i}:2.3.${i}`,
      uses: resources.slice(2 * i, 2 * i + 2),
      main: i === 0,
    });
  }
  return workloadText('fulfilment', containers, resources);
}
