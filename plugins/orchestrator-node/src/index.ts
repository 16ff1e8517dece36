/**
 * Paved's orchestration engine: pure functions from a Score workload and an
 * environment to a plan.
 *
 * @packageDocumentation
 */
export {
  parseYamlDocument,
  parseYamlDocuments,
  MAX_YAML_BYTES,
  MAX_YAML_ALIASES,
} from './yaml';
export { expandPlaceholders, splitPlaceholderPath } from './placeholders';
export type {
  ExpandedValue,
  PlaceholderResolver,
  ResolvedValue,
} from './placeholders';
export { matchDefinition, specificity } from './matching';
export type { ResourceRequest } from './matching';
export {
  loadPlatform,
  readPlatformDirectory,
  findEnvironment,
  POLICIES_FOLDER,
} from './platform';
export { findUpwards, readYamlFiles } from './files';
export type { Platform, PlatformFile } from './platform';
export { inlineFileSources, loadWorkload, workloadResolver } from './workload';
export type { ResourceOutputs } from './workload';
export {
  renderWorkload,
  OWNER_ANNOTATION,
  COST_CENTER_ANNOTATION,
} from './kubernetes/workload';
export type {
  RenderedWorkload,
  WorkloadRenderInput,
} from './kubernetes/workload';
export { validateKubernetesObject } from './kubernetes/validate';
export type { KubernetesObject } from './kubernetes/validate';
export { toStableYaml, toCanonicalJson, sha256 } from './serialize';
export { createPlan } from './plan';
export type { Plan, PlanArtifact, PlanInput, PlannedResource } from './plan';
export { resolveDefinitionOutputs } from './resources';
export {
  builtInRenderers,
  crossplaneClaimRenderer,
  dnsRenderer,
  routeRenderer,
  servicePortRenderer,
  volumeRenderer,
} from './renderers';
export type {
  RenderedResource,
  ResourceRenderContext,
  ResourceRenderer,
} from './resources';
export {
  evaluateGuardrails,
  loadPolicies,
  readPolicyDirectory,
  DEFAULT_COST_LIMIT,
} from './guardrails';
export type {
  GuardrailAction,
  GuardrailCheck,
  GuardrailVerdict,
} from '@paved/plugin-orchestrator-common';
export { compileCel, CelCompileError } from './guardrails/cel/compile';
export type {
  CelOutcome,
  CompiledCel,
  CompileOptions,
} from './guardrails/cel/compile';
export { toCelInput, fromCel, celErrorValue } from './guardrails/cel/values';
export type {
  CompiledPolicy,
  GuardrailInput,
  PlanSummary,
  PolicySet,
} from './guardrails';
export { orchestratorEngineExtensionPoint } from './extensions';
export { orchestratorDeliveryExtensionPoint } from './delivery';
export type {
  DeliveredObject,
  DeliveryRequest,
  DeliveryResult,
  DeliveryTarget,
  DriftedObject,
  DriftReport,
  OrchestratorDeliveryExtensionPoint,
  RemovalRequest,
} from './delivery';
export type { OrchestratorEngineExtensionPoint } from './extensions';
export {
  GITHUB_ACTION_PINS,
  GITHUB_WORKFLOW_PATH,
  renderGithubWorkflow,
  validateGithubWorkflow,
} from './ci/githubActions';
export type { CiArtifact, CiRenderInput } from './ci/githubActions';
