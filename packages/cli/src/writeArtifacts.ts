import { PlanArtifact } from '@paved/plugin-orchestrator-node';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Writes the artifacts into `out`, replacing what was there. Everything is
 * written to a sibling folder first and swapped in with renames, so a failure
 * part-way leaves the previous output untouched and no partial folder behind.
 */
export async function writeArtifacts(
  out: string,
  artifacts: PlanArtifact[],
): Promise<void> {
  const target = resolve(out);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}-`));
  try {
    for (const artifact of artifacts) {
      const file = resolve(staging, artifact.path);
      if (!file.startsWith(`${staging}/`)) {
        throw new Error(
          `artifact path ${artifact.path} leaves the output folder`,
        );
      }
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, artifact.content, { flag: 'wx' });
    }
    const previous = `${staging}.previous`;
    await rename(target, previous).catch(error => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(staging, target);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
