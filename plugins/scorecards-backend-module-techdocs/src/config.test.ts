import { mockServices } from '@backstage/backend-test-utils';
import { readTechDocsFactsConfig } from './config';

describe('readTechDocsFactsConfig', () => {
  it('lowercases paths as TechDocs does by default', () => {
    expect(readTechDocsFactsConfig(mockServices.rootConfig())).toEqual({
      legacyPathCasing: false,
    });
  });

  it("follows TechDocs' legacy case-sensitive paths", () => {
    expect(
      readTechDocsFactsConfig(
        mockServices.rootConfig({
          data: { techdocs: { legacyUseCaseSensitiveTripletPaths: true } },
        }),
      ),
    ).toEqual({ legacyPathCasing: true });
  });
});
