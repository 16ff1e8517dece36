import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { describeIssues } from './issues';
import {
  filesByTarget,
  ScoreContainer,
  scoreContainerSchema,
  scoreFileSchema,
  scoreProbeSchema,
  scoreResourceSchema,
  scoreServicePortSchema,
  scoreVolumeSchema,
  ScoreWorkload,
  scoreWorkloadSchema,
  volumesByTarget,
} from '.';

const fixture = (name: string): unknown =>
  parse(readFileSync(join(__dirname, '__fixtures__', name), 'utf8'));

/** A fresh copy of the minimal workload, for tests to break one thing in. */
const minimal = (): any => structuredClone(fixture('minimal.yaml'));

/** The lines describeIssues gives for a document, or [] when it is valid. */
function problems(document: unknown): string[] {
  const result = scoreWorkloadSchema.safeParse(document);
  return result.success ? [] : describeIssues(result.error);
}

/** The minimal workload with its `main` container changed by `patch`. */
function withContainer(patch: Record<string, unknown>): any {
  const document = minimal();
  Object.assign(document.containers.main, patch);
  return document;
}

const LABEL_RULE =
  'must be an RFC 1123 label (2 to 63 lowercase letters, digits or "-", starting and ending with a letter or digit)';

describe('scoreWorkloadSchema accepts', () => {
  it('every construct of the Score specification full example', () => {
    const workload = scoreWorkloadSchema.parse(fixture('full-example.yaml'));

    expect(Object.keys(workload.containers)).toEqual([
      'web-frontend1',
      'sidecar-two2',
    ]);
    expect(workload.containers['sidecar-two2'].image).toBe('.');
    // Open metadata keeps keys Score does not define.
    expect(workload.metadata['cost-center']).toBe('cc-1234');
    expect(workload.resources?.['orders-db1'].metadata?.['cost-center']).toBe(
      'cc-1234',
    );
    expect(workload.resources?.['orders-db1'].params).toEqual({
      nested: { deeper: 'value' },
    });
    expect(
      workload.containers['web-frontend1'].livenessProbe?.exec?.command,
    ).toEqual(['/usr/bin/wget', '-q', 'http://localhost:8443/healthz']);
  });

  it('the smallest workload, returned unchanged', () => {
    expect(scoreWorkloadSchema.parse(minimal())).toEqual({
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'hello' },
      containers: { main: { image: 'nginx:1.27' } },
    });
  });

  it('every field the full example leaves out', () => {
    expect(problems(fixture('every-field.yaml'))).toEqual([]);
    const workload = scoreWorkloadSchema.parse(fixture('every-field.yaml'));
    expect(workload.containers.api.before).toEqual({
      migrate: { ready: 'complete' },
    });
    expect(workload.resources?.db.id).toBe('payments.main-db');
  });

  it('the deprecated list form of files and volumes', () => {
    const workload = scoreWorkloadSchema.parse(
      fixture('deprecated-list-form.yaml'),
    );
    expect(filesByTarget(workload.containers.app)).toEqual({
      '/etc/app/app.conf': { content: 'port = 8080', mode: '600' },
      '/etc/app/cert.pem': { source: './cert.pem', noExpand: true },
    });
    expect(volumesByTarget(workload.containers.app)).toEqual({
      '/var/lib/app': { source: 'app-data', readOnly: true },
    });
  });

  it.each([
    ['names of 2 and 63 characters', { name: 'ab' }, 'a'.repeat(63)],
    ['names with digits and inner dashes', { name: '0-a--b9' }, 'x1'],
  ])('%s', (_, metadata, container) => {
    const document = minimal();
    document.metadata = metadata;
    document.containers = { [container]: { image: '.' } };
    expect(problems(document)).toEqual([]);
  });

  it.each(['1', '2', '0.5', '1.25', '250m', '0m', '10'])('cpu %j', cpu => {
    expect(problems(withContainer({ resources: { limits: { cpu } } }))).toEqual(
      [],
    );
  });

  it.each(['1', '128M', '0.5Gi', '1.5Gi', '64Ki', '2Ti', '1Pi', '3E', '1Ei'])(
    'memory %j',
    memory => {
      expect(
        problems(withContainer({ resources: { requests: { memory } } })),
      ).toEqual([]);
    },
  );

  it.each([
    [1, 65535],
    [65535, 1],
  ])('ports %d to %d', (port, targetPort) => {
    const document = minimal();
    document.service = { ports: { web: { port, targetPort } } };
    expect(problems(document)).toEqual([]);
  });

  it('empty maps and lists where Score allows them', () => {
    const document = withContainer({
      command: [],
      args: [],
      variables: {},
      files: {},
      volumes: [],
    });
    document.service = {};
    document.resources = {};
    expect(problems(document)).toEqual([]);
  });
});

describe('scoreWorkloadSchema rejects, with path and reason', () => {
  it('a CPU written as a YAML number', () => {
    const document = parse(`
apiVersion: score.dev/v1b1
metadata:
  name: api
containers:
  api:
    image: .
    resources:
      limits:
        cpu: 0.5
`);
    expect(problems(document)).toEqual([
      'containers.api.resources.limits.cpu: expected string, received number; quote it in YAML: "0.5"',
    ]);
  });

  it.each([
    ['cpu', '.5', 'must be a number of CPUs such as "1", "0.5" or "250m"'],
    ['cpu', '1.5m', 'must be a number of CPUs such as "1", "0.5" or "250m"'],
    ['cpu', '', 'must be a number of CPUs such as "1", "0.5" or "250m"'],
    [
      'memory',
      '1gb',
      'must be an amount of memory such as "512Mi", "1.5Gi" or "500M" (suffixes K, M, G, T, P, E or Ki, Mi, Gi, Ti, Pi, Ei)',
    ],
    [
      'memory',
      '0128Mi',
      'must be an amount of memory such as "512Mi", "1.5Gi" or "500M" (suffixes K, M, G, T, P, E or Ki, Mi, Gi, Ti, Pi, Ei)',
    ],
  ])('%s %j', (field, value, reason) => {
    expect(
      problems(withContainer({ resources: { requests: { [field]: value } } })),
    ).toEqual([`containers.main.resources.requests.${field}: ${reason}`]);
  });

  it('an unknown field, suggesting the one meant', () => {
    expect(problems(withContainer({ imagee: 'x' }))).toEqual([
      'containers.main: unknown field "imagee" (did you mean "image"?)',
    ]);
  });

  it('a misspelt image: the unknown field and the missing one', () => {
    const document = minimal();
    document.containers.main = { imagee: 'nginx' };
    expect(problems(document)).toEqual([
      'containers.main.image: is required',
      'containers.main: unknown field "imagee" (did you mean "image"?)',
    ]);
  });

  it('an unknown field with nothing close, listing the allowed ones', () => {
    const document = minimal();
    document.spec = {};
    expect(problems(document)).toEqual([
      '(root): unknown field "spec"; allowed fields: apiVersion, metadata, service, containers, resources',
    ]);
  });

  it.each([
    [
      'volumes',
      { '/data': { source: 'v', readonly: true } },
      'volumes["/data"]',
      'readonly',
      'readOnly',
    ],
    [
      'files',
      { '/f': { content: 'x', noexpand: true } },
      'files["/f"]',
      'noexpand',
      'noExpand',
    ],
    [
      'livenessProbe',
      { exec: { command: [] }, httpget: {} },
      'livenessProbe',
      'httpget',
      'httpGet',
    ],
  ])('unknown fields in %s', (field, value, at, unknown, meant) => {
    expect(problems(withContainer({ [field]: value }))).toEqual([
      `containers.main.${at}: unknown field "${unknown}" (did you mean "${meant}"?)`,
    ]);
  });

  it('a shortened field name, suggesting the full one', () => {
    expect(
      problems(withContainer({ liveness: { exec: { command: ['true'] } } })),
    ).toEqual([
      'containers.main: unknown field "liveness" (did you mean "livenessProbe"?)',
    ]);
  });

  it('a missing image', () => {
    const document = minimal();
    document.containers.main = { command: ['run'] };
    expect(problems(document)).toEqual(['containers.main.image: is required']);
  });

  it('an empty image', () => {
    expect(problems(withContainer({ image: '' }))).toEqual([
      'containers.main.image: must not be empty',
    ]);
  });

  it.each([
    ['uppercase', 'Hello', 'has uppercase letters'],
    ['an underscore', 'hello_world', 'contains "_"'],
    ['a dot', 'hello.world', 'contains "."'],
    ['64 characters', 'a'.repeat(64), 'is 64 characters long'],
    ['a leading dash', '-hello', 'starts with "-"'],
    ['a trailing dash', 'hello-', 'ends with "-"'],
    ['1 character', 'h', 'is shorter than 2 characters'],
    ['nothing', '', 'is empty'],
    [
      'several faults',
      '_Hello-',
      'has uppercase letters and contains "_" and ends with "-"',
    ],
  ])('a workload name with %s', (_, name, fault) => {
    const document = minimal();
    document.metadata.name = name;
    expect(problems(document)).toEqual([
      `metadata.name: ${LABEL_RULE}, but ${JSON.stringify(name)} ${fault}`,
    ]);
  });

  it('a missing or non-string name', () => {
    const document = minimal();
    document.metadata = { annotations: {} };
    expect(problems(document)).toEqual(['metadata.name: is required']);
    document.metadata = { name: 42 };
    expect(problems(document)).toEqual([
      'metadata.name: expected string, received number',
    ]);
  });

  it.each([
    ['score.dev/v1', 'must be "score.dev/v1b1", received "score.dev/v1"'],
    ['score.dev/v1b2', 'must be "score.dev/v1b1", received "score.dev/v1b2"'],
    ['Score.dev/v1b1', 'must be "score.dev/v1b1", received "Score.dev/v1b1"'],
    [1, 'must be "score.dev/v1b1", received number'],
    [undefined, 'is required'],
  ])('apiVersion %j', (apiVersion, reason) => {
    const document = minimal();
    document.apiVersion = apiVersion;
    expect(problems(document)).toEqual([`apiVersion: ${reason}`]);
  });

  it.each([
    [
      { port: 80, protocol: 'tcp' },
      'protocol: must be "TCP" or "UDP", received "tcp"',
    ],
    [
      { port: 80, protocol: 'HTTP' },
      'protocol: must be "TCP" or "UDP", received "HTTP"',
    ],
    [{ port: 0 }, 'port: must be a port number from 1 to 65535'],
    [{ port: 65536 }, 'port: must be a port number from 1 to 65535'],
    [
      { port: 80, targetPort: 70000 },
      'targetPort: must be a port number from 1 to 65535',
    ],
    [{ port: 80.5 }, 'port: expected integer, received number'],
    [{ port: '80' }, 'port: expected number, received string'],
    [{ targetPort: 80 }, 'port: is required'],
  ])('service port %j', (servicePort, problem) => {
    const document = minimal();
    document.service = { ports: { web: servicePort } };
    expect(problems(document)).toEqual([`service.ports.web.${problem}`]);
  });

  it('an invalid port name and an unknown service field', () => {
    const document = minimal();
    document.service = { ports: { HTTP: { port: 80 } }, hosts: [] };
    expect(problems(document)).toEqual([
      `service.ports.HTTP: invalid key: ${LABEL_RULE}, but "HTTP" has uppercase letters`,
      'service: unknown field "hosts"; allowed fields: ports',
    ]);
  });

  describe('files', () => {
    const EXCLUSIVE =
      '"content", "binaryContent" and "source" are mutually exclusive, but this file sets';

    it.each([
      [{ content: 'a', source: 'b' }, `${EXCLUSIVE} "content" and "source"`],
      [
        { content: 'a', binaryContent: 'YQ==' },
        `${EXCLUSIVE} "content" and "binaryContent"`,
      ],
      [
        { content: 'a', binaryContent: 'YQ==', source: 'b' },
        `${EXCLUSIVE} "content", "binaryContent" and "source"`,
      ],
      [
        { mode: '0644' },
        'needs its content: set one of "content", "binaryContent" or "source"',
      ],
    ])('in the map form: %j', (file, reason) => {
      expect(
        problems(withContainer({ files: { '/etc/app.conf': file } })),
      ).toEqual([`containers.main.files["/etc/app.conf"]: ${reason}`]);
    });

    it('in the list form, by index', () => {
      expect(
        problems(
          withContainer({
            files: [{ target: '/a', content: 'x', source: 'y' }],
          }),
        ),
      ).toEqual([
        `containers.main.files[0]: ${EXCLUSIVE} "content" and "source"`,
      ]);
    });

    it('an empty content is still content', () => {
      expect(
        problems(withContainer({ files: { '/a': { content: '' } } })),
      ).toEqual([]);
    });

    it('a target inside the map form', () => {
      expect(
        problems(
          withContainer({ files: { '/a': { target: '/a', content: 'x' } } }),
        ),
      ).toEqual([
        'containers.main.files["/a"].target: is only used in the deprecated list form of files; in the map form the key is the target path',
      ]);
    });

    it('a list entry without a target, and a repeated target', () => {
      expect(
        problems(
          withContainer({
            files: [
              { content: 'x' },
              { target: '/b', content: 'y' },
              { target: '/b', source: 'z' },
            ],
          }),
        ),
      ).toEqual(['containers.main.files[0].target: is required']);
      expect(
        problems(
          withContainer({
            files: [
              { target: '/b', content: 'y' },
              { target: '/b', source: 'z' },
            ],
          }),
        ),
      ).toEqual([
        'containers.main.files[1].target: "/b" is already the target of files[0]',
      ]);
    });

    it.each([
      ['600', []],
      ['0600', []],
      [
        '0800',
        [
          'containers.main.files["/a"].mode: must be an octal file mode such as "0644"',
        ],
      ],
      [
        'rw-r--r--',
        [
          'containers.main.files["/a"].mode: must be an octal file mode such as "0644"',
        ],
      ],
      [
        600,
        [
          'containers.main.files["/a"].mode: expected string, received number; quote it in YAML, e.g. "0644"',
        ],
      ],
    ])('mode %j', (mode, expected) => {
      expect(
        problems(withContainer({ files: { '/a': { content: 'x', mode } } })),
      ).toEqual(expected);
    });

    it('files that are neither a map nor a list', () => {
      expect(problems(withContainer({ files: '/etc/app.conf' }))).toEqual([
        'containers.main.files: expected a map of target path to file (or the deprecated list), received string',
      ]);
    });
  });

  describe('volumes', () => {
    it('a missing source, in either form', () => {
      expect(
        problems(withContainer({ volumes: { '/data': { readOnly: true } } })),
      ).toEqual(['containers.main.volumes["/data"].source: is required']);
      expect(
        problems(withContainer({ volumes: [{ target: '/data' }] })),
      ).toEqual(['containers.main.volumes[0].source: is required']);
    });

    it('a target in the map form, and a read-only flag given as a string', () => {
      expect(
        problems(
          withContainer({
            volumes: { '/d': { source: 'v', target: '/d', readOnly: 'yes' } },
          }),
        ),
      ).toEqual([
        'containers.main.volumes["/d"].readOnly: expected boolean, received string',
        'containers.main.volumes["/d"].target: is only used in the deprecated list form of volumes; in the map form the key is the mount path',
      ]);
    });

    it('a repeated mount path in the list form', () => {
      expect(
        problems(
          withContainer({
            volumes: [
              { target: '/d', source: 'a' },
              { target: '/d', source: 'b' },
            ],
          }),
        ),
      ).toEqual([
        'containers.main.volumes[1].target: "/d" is already the target of volumes[0]',
      ]);
    });
  });

  it.each([
    [
      'an argument that is not a string',
      { args: ['--port', 8080] },
      'args[1]: expected string, received number',
    ],
    [
      'a command that is not a list',
      { command: '/bin/run' },
      'command: expected array, received string',
    ],
    [
      'a variable given as a YAML number',
      { variables: { PORT: 8080 } },
      'variables.PORT: expected string, received number; quote it in YAML: "8080"',
    ],
    [
      'a variable given as a YAML boolean',
      { variables: { DEBUG: true } },
      'variables.DEBUG: expected string, received boolean; quote it in YAML: "true"',
    ],
    [
      'a variable name with "="',
      { variables: { 'A=B': 'x' } },
      'variables["A=B"]: invalid key: must not be empty or contain "="',
    ],
  ])('%s', (_, patch, problem) => {
    expect(problems(withContainer(patch))).toEqual([
      `containers.main.${problem}`,
    ]);
  });

  describe('probes', () => {
    it.each([
      [{}, 'livenessProbe: needs "httpGet" or "exec" (or both)'],
      [{ httpGet: { port: 8080 } }, 'livenessProbe.httpGet.path: is required'],
      [{ httpGet: { path: '/' } }, 'livenessProbe.httpGet.port: is required'],
      [
        { httpGet: { path: '/', port: 80, scheme: 'http' } },
        'livenessProbe.httpGet.scheme: must be "HTTP" or "HTTPS", received "http"',
      ],
      [
        { httpGet: { path: '/', port: 80, host: '' } },
        'livenessProbe.httpGet.host: must not be empty',
      ],
      [
        {
          httpGet: {
            path: '/',
            port: 80,
            httpHeaders: [{ name: 'X Y', value: 'v' }],
          },
        },
        'livenessProbe.httpGet.httpHeaders[0].name: must be a header name of letters, digits, "-" or "_"',
      ],
      [
        { httpGet: { path: '/', port: 80, httpHeaders: [{ name: 'X' }] } },
        'livenessProbe.httpGet.httpHeaders[0].value: is required',
      ],
      [{ exec: {} }, 'livenessProbe.exec.command: is required'],
      [
        { exec: { command: 'curl -f localhost' } },
        'livenessProbe.exec.command: expected array, received string',
      ],
    ])('%j', (livenessProbe, problem) => {
      expect(problems(withContainer({ livenessProbe }))).toEqual([
        `containers.main.${problem}`,
      ]);
    });
  });

  describe('containers', () => {
    it('none at all, or missing', () => {
      const document = minimal();
      document.containers = {};
      expect(problems(document)).toEqual([
        'containers: must declare at least one container',
      ]);
      delete document.containers;
      expect(problems(document)).toEqual(['containers: is required']);
    });

    it('an invalid container name', () => {
      const document = minimal();
      document.containers = { Web_1: { image: '.' } };
      expect(problems(document)).toEqual([
        `containers.Web_1: invalid key: ${LABEL_RULE}, but "Web_1" has uppercase letters and contains "_"`,
      ]);
    });

    it('a start order naming itself or no container, and a bad readiness', () => {
      const document = minimal();
      document.containers = {
        web: {
          image: '.',
          before: { web: { ready: 'started' }, db: { ready: 'started' } },
        },
        init: { image: '.', before: { web: { ready: 'done' } } },
      };
      expect(problems(document)).toEqual([
        'containers.init.before.web.ready: must be "started", "healthy" or "complete", received "done"',
      ]);
      document.containers.init.before.web.ready = 'complete';
      expect(problems(document)).toEqual([
        'containers.web.before.web: a container cannot start before itself',
        'containers.web.before.db: there is no container "db" in this workload (its containers: web, init)',
      ]);
    });

    it('a circular start order', () => {
      const document = minimal();
      document.containers = {
        aa: { image: '.', before: { bb: { ready: 'started' } } },
        bb: { image: '.', before: { cc: { ready: 'healthy' } } },
        cc: { image: '.', before: { aa: { ready: 'complete' } } },
      };
      expect(problems(document)).toEqual([
        'containers.aa.before: the start order is circular: "aa" waits for "bb", which waits for "cc", which waits for "aa"',
      ]);
    });
  });

  describe('resources', () => {
    it.each([
      ['an underscore', 'main_db', 'contains "_"'],
      ['uppercase', 'MainDb', 'has uppercase letters'],
      ['a dot', 'main.db', 'contains "."'],
      ['1 character', 'd', 'is shorter than 2 characters'],
    ])('a resource name with %s', (_, name, fault) => {
      const document = minimal();
      document.resources = { [name]: { type: 'postgres' } };
      expect(problems(document)).toEqual([
        `resources${
          /^[\w-]+$/.test(name) ? `.${name}` : `["${name}"]`
        }: invalid key: ${LABEL_RULE}, but "${name}" ${fault}`,
      ]);
    });

    it.each([
      [{}, 'type: is required'],
      [
        { type: 'p' },
        'type: must be 2 to 63 letters, digits or "-", starting and ending with a letter or digit',
      ],
      [
        { type: 'postgres', class: 'big_one' },
        'class: must be 2 to 63 letters, digits or "-", starting and ending with a letter or digit',
      ],
      [
        { type: 'postgres', id: 'Main' },
        'id: must be labels of lowercase letters, digits and "-" (not at either end), separated by "."',
      ],
      [
        { type: 'postgres', id: 'a..b' },
        'id: must be labels of lowercase letters, digits and "-" (not at either end), separated by "."',
      ],
      [
        { type: 'postgres', id: 'a'.repeat(64) },
        'id: must be at most 63 characters',
      ],
      [
        { type: 'postgres', params: 'size=large' },
        'params: expected map, received string',
      ],
      [
        { type: 'postgres', param: {} },
        'unknown field "param" (did you mean "params"?)',
      ],
      [
        { type: 'postgres', metadata: { annotations: { 'a/b/c': 'x' } } },
        'metadata.annotations["a/b/c"]: invalid key: must be an annotation key: an optional DNS prefix and "/" (e.g. "example.com/"), then 2 to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit',
      ],
    ])('%j', (resource, problem) => {
      const document = minimal();
      document.resources = { db: resource };
      const separator = problem.startsWith('unknown') ? ': ' : '.';
      expect(problems(document)).toEqual([
        `resources.db${separator}${problem}`,
      ]);
    });
  });

  it('every problem at once, in document order within each object', () => {
    const document = parse(`
apiVersion: score.dev/v1
metadata:
  name: My_App
containers:
  api:
    imagee: web
    args: ["--port", 8080]
`);
    expect(problems(document)).toEqual([
      'apiVersion: must be "score.dev/v1b1", received "score.dev/v1"',
      `metadata.name: ${LABEL_RULE}, but "My_App" has uppercase letters and contains "_"`,
      'containers.api.image: is required',
      'containers.api.args[1]: expected string, received number',
      'containers.api: unknown field "imagee" (did you mean "image"?)',
    ]);
  });

  it.each([null, 'hello', []])('a document that is not a map: %j', document => {
    expect(problems(document)).toHaveLength(1);
    expect(problems(document)[0]).toMatch(
      /^\(root\): expected object, received (null|string|array)$/,
    );
  });
});

describe('sub-schemas', () => {
  it('validate their own parts', () => {
    expect(
      scoreServicePortSchema.safeParse({ port: 80, protocol: 'UDP' }).success,
    ).toBe(true);
    expect(scoreProbeSchema.safeParse({}).success).toBe(false);
    expect(
      scoreFileSchema.safeParse({ source: 'a.txt', mode: '644' }).success,
    ).toBe(true);
    expect(
      scoreVolumeSchema.safeParse({ source: 'v', path: 'sub' }).success,
    ).toBe(true);
    expect(
      scoreResourceSchema.safeParse({ type: 'dns', params: { a: [1] } })
        .success,
    ).toBe(true);
    expect(scoreContainerSchema.safeParse({ image: '.' }).success).toBe(true);
  });

  it('infer types that describe a workload', () => {
    const container: ScoreContainer = {
      image: '.',
      files: { '/a': { content: 'x' } },
    };
    const workload: ScoreWorkload = {
      apiVersion: 'score.dev/v1b1',
      metadata: { name: 'typed' },
      containers: { main: container },
    };
    expect(scoreWorkloadSchema.parse(workload)).toEqual(workload);
    expect(filesByTarget(container)).toEqual({ '/a': { content: 'x' } });
    expect(volumesByTarget(container)).toEqual({});
  });
});
