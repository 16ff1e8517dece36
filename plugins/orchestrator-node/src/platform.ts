import { InputError } from '@backstage/errors';
import {
  CompositeResourceDefinition,
  compositeResourceDefinitionSchema,
  describeIssues,
  Environment,
  environmentSchema,
  ResourceDefinition,
  resourceDefinitionSchema,
} from '@paved/plugin-orchestrator-common';
import { readYamlFiles } from './files';
import { z } from 'zod';
import { parseYamlDocuments } from './yaml';
import { loadPolicies } from './guardrails/load';
import type { PolicySet } from './guardrails/policy';

/** The platform team's knowledge, as read from `platform/`. */
export interface Platform {
  environments: Environment[];
  definitions: ResourceDefinition[];
  /** The Crossplane XRDs whose claims the platform's definitions render. */
  compositeResourceDefinitions: CompositeResourceDefinition[];
  /** Guardrails from `policies/`, compiled once. */
  policies?: PolicySet;
}

/** Files below this folder of `platform/` are guardrail policies. */
export const POLICIES_FOLDER = 'policies/';

/** The scorecards plugin's folder of `platform/`: it reads and validates its files itself. */
const SCORECARDS_FOLDER = 'scorecards/';

export interface PlatformFile {
  /** Where the text came from, for errors. */
  path: string;
  text: string;
}

const schemasByKind: Record<string, z.ZodType> = {
  Environment: environmentSchema,
  ResourceDefinition: resourceDefinitionSchema,
  CompositeResourceDefinition: compositeResourceDefinitionSchema,
};

/**
 * Validates platform files. Every problem in every file is collected before
 * failing, so a platform team fixes a broken change in one pass.
 */
export function loadPlatform(files: PlatformFile[]): Platform {
  const platform: Platform = {
    environments: [],
    definitions: [],
    compositeResourceDefinitions: [],
  };
  const problems: string[] = [];
  const names = new Map<string, string>();
  const policyFiles = files.filter(f => f.path.startsWith(POLICIES_FOLDER));
  if (policyFiles.length > 0) {
    try {
      platform.policies = loadPolicies(policyFiles);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }

  for (const file of files.filter(
    f =>
      !f.path.startsWith(POLICIES_FOLDER) &&
      !f.path.startsWith(SCORECARDS_FOLDER),
  )) {
    let documents: unknown[];
    try {
      documents = parseYamlDocuments(file.text, file.path);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    documents.forEach((document, index) => {
      const where =
        documents.length > 1
          ? `${file.path} (document ${index + 1})`
          : file.path;
      const kind = (document as { kind?: unknown } | null)?.kind;
      const schema = typeof kind === 'string' ? schemasByKind[kind] : undefined;
      if (!schema) {
        problems.push(
          `${where}: kind must be one of ${Object.keys(schemasByKind).join(
            ', ',
          )}, got ${JSON.stringify(kind)}`,
        );
        return;
      }
      const result = schema.safeParse(document);
      if (!result.success) {
        problems.push(
          ...describeIssues(result.error).map(issue => `${where}: ${issue}`),
        );
        return;
      }
      const item = result.data as
        | Environment
        | ResourceDefinition
        | CompositeResourceDefinition;
      const key = `${item.kind} "${item.metadata.name}"`;
      const earlier = names.get(key);
      if (earlier) {
        problems.push(`${where}: ${key} is already defined in ${earlier}`);
        return;
      }
      names.set(key, where);
      if (item.kind === 'Environment') platform.environments.push(item);
      else if (item.kind === 'ResourceDefinition')
        platform.definitions.push(item);
      else platform.compositeResourceDefinitions.push(item);
    });
  }

  if (problems.length > 0) {
    throw new InputError(
      `Invalid platform configuration:\n  ${problems.join('\n  ')}`,
    );
  }
  const byName = (
    a: { metadata: { name: string } },
    b: { metadata: { name: string } },
  ) => a.metadata.name.localeCompare(b.metadata.name);
  platform.environments.sort(byName);
  platform.definitions.sort(byName);
  platform.compositeResourceDefinitions.sort(byName);
  return platform;
}

/** Reads every YAML file below `dir` and loads them. */
export async function readPlatformDirectory(dir: string): Promise<Platform> {
  return loadPlatform(await readYamlFiles(dir));
}

/** The environment called `name`, or an error listing the ones that exist. */
export function findEnvironment(platform: Platform, name: string): Environment {
  const environment = platform.environments.find(e => e.metadata.name === name);
  if (!environment) {
    const known =
      platform.environments.map(e => e.metadata.name).join(', ') || 'none';
    throw new InputError(
      `Unknown environment "${name}"; the platform defines: ${known}`,
    );
  }
  return environment;
}
