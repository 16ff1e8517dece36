import {
  evaluateGuardrails,
  GuardrailCheck,
  KubernetesObject,
  loadPolicies,
  parseYamlDocuments,
  readYamlFiles,
} from '@paved/plugin-orchestrator-node';
import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { BadInput } from './errors';

// API groups Kubernetes itself serves; objects of any other group are custom resources such as claims.
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'policy', 'autoscaling']);
const isCustomResource = (object: KubernetesObject) => {
  const slash = object.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  return !BUILT_IN_GROUPS.has(group) && !group.endsWith('.k8s.io');
};

const shortPath = (path: string) => {
  const short = relative(process.cwd(), path);
  return short && !short.startsWith('..') ? short : path;
};

/** The YAML files a path names: itself, or every .yaml/.yml below it; paths as the user will recognise them. */
async function readYaml(
  path: string,
): Promise<Array<{ path: string; text: string }>> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new BadInput(`${path}: no such file or folder`);
  if (!info.isDirectory())
    return [{ path: shortPath(path), text: await readFile(path, 'utf8') }];
  return (await readYamlFiles(path)).map(file => ({
    ...file,
    path: shortPath(join(path, file.path)),
  }));
}

const readAll = async (paths: string[]) =>
  (await Promise.all(paths.map(readYaml))).flat();

function asObject(document: unknown, where: string): KubernetesObject {
  const object = document as Partial<KubernetesObject> | null;
  if (
    typeof object?.apiVersion !== 'string' ||
    typeof object.kind !== 'string' ||
    typeof object.metadata?.name !== 'string'
  ) {
    throw new BadInput(
      `${where}: not a Kubernetes object (apiVersion, kind and metadata.name are required)`,
    );
  }
  return object as KubernetesObject;
}

/**
 * Evaluates policies against arbitrary manifests, as the API server would on
 * CREATE. Custom resources are also checked by GuardrailPolicies for
 * resource claims.
 */
export async function checkManifests(
  policyPaths: string[],
  manifestPaths: string[],
): Promise<GuardrailCheck[]> {
  const policies = loadPolicies(await readAll(policyPaths));
  const objects: KubernetesObject[] = [];
  for (const { path, text } of await readAll(manifestPaths)) {
    parseYamlDocuments(text, path).forEach((document, index) => {
      if (document === null || document === undefined) return;
      objects.push(asObject(document, `${path} (document ${index + 1})`));
    });
  }
  return evaluateGuardrails(policies, {
    objects,
    claims: objects.filter(isCustomResource),
  });
}
