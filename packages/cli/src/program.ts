import { isError } from '@backstage/errors';
import { loadWorkload } from '@paved/plugin-orchestrator-node';
import { Command, CommanderError } from 'commander';
import { readFile } from 'node:fs/promises';

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

/** A problem with what the user gave us, reported as one line without a stack. */
class BadInput extends Error {}

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

  return program;
}

/** Runs `paved` with `argv` (as process.argv: node, script, arguments) and resolves to its exit code. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
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
