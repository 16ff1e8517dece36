import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

type WorkflowParserModule = typeof import('@actions/workflow-parser');
type ConvertJobsModule =
  typeof import('@actions/workflow-parser/model/converter/jobs');

/**
 * Parses a workflow with GitHub's own parser (@actions/workflow-parser) and
 * throws an Error listing every problem it reports: schema errors, bad
 * expressions, unknown or cyclic `needs`.
 */
export function validateGithubWorkflow(
  content: string,
  name: string = '.github/workflows/paved.yaml',
): void {
  const { parser, jobs } = workflowParser();
  const result = parser.parseWorkflow(
    { name, content },
    new parser.NoOperationTraceWriter(),
  );
  const { context, value } = result;
  const problems = context.errors.getErrors().map(e => e.message);
  const jobsToken =
    value && parser.isMapping(value) ? value.find('jobs') : undefined;
  if (problems.length === 0 && jobsToken) {
    // What GitHub checks when it turns the parsed file into jobs: at least one
    // job without needs, no unknown or cyclic needs.
    try {
      jobs.convertJobs(context, jobsToken);
    } catch (error) {
      context.error(jobsToken, error);
    }
    problems.push(...context.errors.getErrors().map(e => e.message));
  }
  if (problems.length > 0) {
    throw new Error(
      `${name} is not a valid GitHub Actions workflow:\n${problems
        .map(p => `  - ${p}`)
        .join('\n')}`,
    );
  }
}

let loaded:
  | { parser: WorkflowParserModule; jobs: ConvertJobsModule }
  | undefined;

/**
 * @actions/workflow-parser ships only ES modules meant for bundlers: its
 * package.json exports have no "require" entry, and it imports its JSON schema
 * without `with { type: "json" }`, which Node.js refuses. So it is loaded with
 * Node's own require() (which loads ES modules since Node 22.12), by file path,
 * with a module hook, scoped to that package, that adds the JSON attribute.
 * This works the same in plain Node.js, under the Backstage CLI and in Jest
 * (whose module registry cannot resolve "import"-only exports).
 */
function workflowParser() {
  if (loaded) return loaded;
  const nodeModule = process.getBuiltinModule('node:module');
  const nodeRequire = nodeModule.createRequire(__filename);
  const packageName = '@actions/workflow-parser';
  const directory = nodeRequire.resolve
    .paths(packageName)
    ?.map(modules => join(modules, packageName))
    .find(candidate => existsSync(join(candidate, 'package.json')));
  if (!directory) {
    throw new Error(`Cannot find ${packageName}; is it installed?`);
  }
  const root = realpathSync(directory);
  const exportsMap = JSON.parse(
    readFileSync(join(root, 'package.json'), 'utf8'),
  ).exports;
  const entry = (subpath: string): string => {
    const target = exportsMap?.[subpath]?.import ?? exportsMap?.['./*']?.import;
    if (typeof target !== 'string') {
      throw new Error(`${packageName} has no "${subpath}" export`);
    }
    return join(root, target.replace('*', subpath.slice(2)));
  };
  const packageUrl = pathToFileURL(`${root}/`).href;
  const hooks = nodeModule.registerHooks?.({
    resolve(specifier, context, nextResolve) {
      if (
        specifier.endsWith('.json') &&
        context.parentURL?.startsWith(packageUrl) &&
        !context.importAttributes?.type
      ) {
        return {
          ...nextResolve(specifier, context),
          format: 'json',
          importAttributes: { type: 'json' },
        };
      }
      return nextResolve(specifier, context);
    },
  });
  try {
    loaded = {
      parser: nodeRequire(entry('.')),
      jobs: nodeRequire(entry('./model/converter/jobs')),
    };
  } finally {
    hooks?.deregister();
  }
  return loaded;
}
