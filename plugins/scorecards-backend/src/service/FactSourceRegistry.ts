import { InputError } from '@backstage/errors';
import type { FactSourceInfo } from '@paved/plugin-scorecards-common';
import type { FactSource } from '@paved/plugin-scorecards-node';

// The id is the CEL variable checks read (`catalog.hasDescription`).
const SOURCE_ID = /^[a-z][a-zA-Z0-9]*$/;

/** The fact sources modules added, each id once and usable as a CEL name. */
export class FactSourceRegistry {
  private readonly sources: FactSource[] = [];

  add(...sources: FactSource[]): void {
    for (const source of sources) {
      if (typeof source.id !== 'string' || !SOURCE_ID.test(source.id)) {
        throw new InputError(
          `Fact source id ${JSON.stringify(
            source.id,
          )} is invalid: it must start with a lowercase letter and hold only letters and digits, e.g. "techdocs"`,
        );
      }
      if (this.sources.some(s => s.id === source.id)) {
        throw new InputError(
          `Fact source "${source.id}" was added twice: two modules provide it, install only one`,
        );
      }
      this.sources.push(source);
    }
  }

  list(): FactSource[] {
    return [...this.sources];
  }
}

/** A source as the API describes it. */
export const toFactSourceInfo = (source: FactSource): FactSourceInfo => ({
  id: source.id,
  title: source.title,
  facts: source.facts,
});
