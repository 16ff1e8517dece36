import { mockCredentials } from '@backstage/backend-test-utils';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import { parse } from 'yaml';
import { JANE } from './orchestrator';

/** A fresh task workspace holding `files` (path to content; folders made as needed). */
export async function workspaceWith(
  files: Record<string, string> = {},
): Promise<string> {
  const workspacePath = await mkdtemp(join(tmpdir(), 'paved-workspace-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(workspacePath, path)), { recursive: true });
    await writeFile(join(workspacePath, path), content);
  }
  return workspacePath;
}

export interface RunOptions {
  workspacePath: string;
  isDryRun?: boolean;
  /** Shared between runs to act as a retried task: what the task store keeps. */
  checkpoints?: Map<string, unknown>;
  user?: string;
  /** Collects what the action logs, as `level: message`. */
  logs?: string[];
}

/** Runs an action as the scaffolder would; resolves to the outputs it set. */
export async function run(
  action: TemplateAction<any, any, any>,
  input: Record<string, any>,
  options: RunOptions,
): Promise<Record<string, any>> {
  const outputs: Record<string, any> = {};
  const checkpoints = options.checkpoints ?? new Map<string, unknown>();
  const base = createMockActionContext({
    input,
    workspacePath: options.workspacePath,
  });
  const logs = options.logs;
  const logger = logs
    ? {
        ...base.logger,
        ...Object.fromEntries(
          ['error', 'warn', 'info', 'debug'].map(level => [
            level,
            // Metadata too: a secret must not hide in what a client logs beside its message.
            (message: string, ...meta: unknown[]) =>
              logs.push(
                `${level}: ${message}${
                  meta.length > 0 ? ` ${inspect(meta, { depth: 6 })}` : ''
                }`,
              ),
          ]),
        ),
      }
    : base.logger;
  await action.handler({
    ...base,
    logger,
    isDryRun: options.isDryRun,
    getInitiatorCredentials: async () =>
      mockCredentials.user(options.user ?? JANE),
    output: (name: string, value: unknown) => {
      outputs[name] = value;
    },
    async checkpoint({ key, fn }: { key: string; fn: () => unknown }) {
      if (checkpoints.has(key)) return checkpoints.get(key);
      // Stored as JSON, as the task store does.
      const value = JSON.parse(JSON.stringify((await fn()) ?? null));
      checkpoints.set(key, value);
      return value;
    },
  } as any);
  return outputs;
}

type Step = { id: string; action: string; input: Record<string, unknown> };

/**
 * Runs every step of an action's example in order, rendering the
 * `${{ steps.<id>.output.<name> }}` references the examples use; returns
 * each step's outputs by id.
 */
export async function runExample(
  example: string,
  actions: Record<string, TemplateAction<any, any, any>>,
  options: RunOptions,
): Promise<Record<string, Record<string, any>>> {
  const { steps } = parse(example) as { steps: Step[] };
  const results: Record<string, Record<string, any>> = {};
  for (const step of steps) {
    const input = JSON.parse(
      JSON.stringify(step.input).replace(
        /\$\{\{ steps\.([\w-]+)\.output\.(\w+) \}\}/g,
        (_, id, name) => results[id][name],
      ),
    );
    const action = actions[step.action];
    if (!action) throw new Error(`No action ${step.action} in this test`);
    results[step.id] = await run(action, input, options);
  }
  return results;
}
