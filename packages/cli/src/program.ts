import { isError } from '@backstage/errors';
import {
  createPlan,
  findEnvironment,
  inlineFileSources,
  loadWorkload,
  Plan,
  readPlatformDirectory,
} from '@paved/plugin-orchestrator-node';
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { checkManifests } from './check';
import { BadInput } from './errors';
import { formatPlanSummary } from './summary';
import { writeArtifacts } from './writeArtifacts';

/** What `paved` exits with: scripts and CI steps branch on these. */
export const ExitCode = {
  ok: 0,
  /** The plan was computed and refused (a deny verdict). */
  refused: 1,
  /** The input could not be read or is invalid; the message says which and why. */
  badInput: 2,
} as const;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

export { BadInput };

async function readInput(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = isError(error)
      ? (error as NodeJS.ErrnoException).code
      : undefined;
    throw new BadInput(
      code === 'ENOENT'
        ? `${path}: no such file`
        : `${path}: cannot be read (${code ?? error})`,
    );
  }
}

const EXIT_STATUS =
  'Exit status: 0 planned, 1 refused by a guardrail, 2 invalid or unreadable input (the problem is printed on stderr).';

interface PlanOptions {
  env: string;
  platform: string;
  image?: string;
  ci?: string;
  pavedUrl: string;
  json?: boolean;
}

async function planFromOptions(path: string, options: PlanOptions) {
  const workload = inlineFileSources(
    loadWorkload(await readInput(path), path),
    source => readFileSync(resolve(dirname(path), source), 'utf8'),
  );
  const platformDir = resolve(options.platform);
  const isDirectory = await stat(platformDir).then(
    s => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) {
    throw new BadInput(
      `${options.platform}: no such platform folder; pass --platform <dir>`,
    );
  }
  const platform = await readPlatformDirectory(platformDir);
  return createPlan({
    workload,
    environment: findEnvironment(platform, options.env),
    platform,
    builtImage: options.image,
    ...(options.ci && {
      ci: {
        imageRepository: options.ci,
        language: 'node' as const,
        pavedUrl: options.pavedUrl,
      },
    }),
  });
}

/** The command ran and the answer is no: exit 1, the output already says why. */
class Refused extends Error {}

const isRefused = (plan: Plan) => plan.verdicts.some(v => v.action === 'deny');

/** What plan and render share: which environment, platform, image and CI workflow. */
function planOptions(command: Command): Command {
  return command
    .requiredOption(
      '--env <name>',
      'the environment, as defined in the platform folder',
    )
    .option(
      '--platform <dir>',
      "the platform team's folder of environments and resource definitions",
      'platform',
    )
    .option(
      '--image <ref>',
      'the image CI built, for containers whose image is "."',
    )
    .option(
      '--ci <image-repository>',
      "also render the workload repository's CI workflow, pushing images to this repository",
    )
    .option(
      '--paved-url <url>',
      'where the CI workflow asks Paved to deploy',
      'http://localhost:7007',
    );
}

function createProgram(io: Io): Command {
  const program = new Command('paved')
    .description(
      "Paved's local render loop: check a Score workload (score.yaml) the way the portal will, before you push it.",
    )
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run "paved --help" for usage)');

  program
    .command('validate')
    .description(
      'Check that a score.yaml is a valid Score workload (score.dev/v1b1); every problem is listed with its path.',
    )
    .argument('<score.yaml>', 'the workload to check')
    .addHelpText(
      'after',
      '\nExit status: 0 valid, 2 invalid or unreadable (the problems are printed on stderr).',
    )
    .action(async (path: string) => {
      const workload = loadWorkload(await readInput(path), path);
      const containers = Object.keys(workload.containers).length;
      const resources = Object.keys(workload.resources ?? {}).length;
      io.stdout(
        `${path}: valid Score workload "${
          workload.metadata.name
        }" (${containers} container${
          containers === 1 ? '' : 's'
        }, ${resources} resource${resources === 1 ? '' : 's'})\n`,
      );
    });

  planOptions(program.command('plan'))
    .description(
      'Plan a workload for an environment: the objects, resources, outputs (secrets redacted) and monthly cost.',
    )
    .argument('<score.yaml>', 'the workload to plan')
    .option('--json', 'print the whole plan as JSON instead of the summary')
    .addHelpText('after', `\n${EXIT_STATUS}`)
    .action(async (path: string, options: PlanOptions) => {
      const plan = await planFromOptions(path, options);
      io.stdout(
        options.json
          ? `${JSON.stringify(plan, null, 2)}\n`
          : formatPlanSummary(plan),
      );
      if (isRefused(plan)) throw new Refused();
    });

  planOptions(program.command('render'))
    .description(
      'Plan a workload for an environment and write every artifact as a file, as the GitOps repository would hold them.',
    )
    .argument('<score.yaml>', 'the workload to render')
    .option(
      '--out <dir>',
      'where to write; replaced as a whole, never left half-written',
      'paved-out',
    )
    .addHelpText('after', `\n${EXIT_STATUS}`)
    .action(async (path: string, options: PlanOptions & { out: string }) => {
      const plan = await planFromOptions(path, options);
      if (isRefused(plan)) {
        io.stderr(formatPlanSummary(plan));
        io.stderr(
          `Refused by a guardrail: nothing was written to ${options.out}\n`,
        );
        throw new Refused();
      }
      await writeArtifacts(options.out, plan.artifacts);
      io.stdout(
        `${plan.artifacts.length} artifacts for ${plan.workload} in ${
          plan.environment.name
        } written to ${options.out} (plan ${plan.hash.slice(0, 12)})\n`,
      );
    });

  program
    .command('check')
    .description(
      'Evaluate guardrail policies against Kubernetes manifests, as the API server would on CREATE; prints one JSON object per validation and object.',
    )
    .argument(
      '<manifest.yaml...>',
      'manifests (multi-document YAML) or folders of them',
    )
    .requiredOption(
      '--policies <file|dir...>',
      'policy files or folders: ValidatingAdmissionPolicy with bindings, Kyverno ValidatingPolicy, GuardrailPolicy',
    )
    .addHelpText(
      'after',
      '\nExit status: 0 no deny failed, 1 a deny validation failed or could not be evaluated, 2 invalid or unreadable input.',
    )
    .action(async (manifests: string[], options: { policies: string[] }) => {
      const checks = await checkManifests(options.policies, manifests);
      for (const check of checks) {
        const {
          policy,
          validation,
          kind,
          namespace,
          name,
          result,
          action,
          message,
        } = check;
        io.stdout(
          `${JSON.stringify({
            policy,
            validation,
            kind,
            namespace: namespace ?? null,
            name,
            result,
            action,
            message: message ?? null,
          })}\n`,
        );
      }
      if (
        checks.some(
          c =>
            c.action === 'deny' &&
            (c.result === 'fail' || c.result === 'error'),
        )
      )
        throw new Refused();
    });

  return program;
}

/** Runs `paved` with `argv` (as process.argv: node, script, arguments) and resolves to its exit code. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof Refused) return ExitCode.refused;
    if (error instanceof CommanderError) {
      // Help and version end here too, with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
    }
    if (
      error instanceof BadInput ||
      (isError(error) && error.name === 'InputError')
    ) {
      io.stderr(`${error.message}\n`);
      return ExitCode.badInput;
    }
    throw error;
  }
}
