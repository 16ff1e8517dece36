import { parse, unparse } from '@bufbuild/cel';
import type { KubernetesObject } from '../kubernetes/validate';
import type { ResourceRule } from './schema';

type ParsedCel = ReturnType<typeof parse>;
type Expr = ParsedCel['expr'];

/**
 * Where a pod controller keeps its pod: Kyverno rewrites a Pod policy's
 * `object.spec` and `object.metadata` to these paths for each controller.
 */
export type PodTemplatePath =
  | 'spec.template'
  | 'spec.jobTemplate.spec.template';

/** Kyverno's default autogen controllers, by plural, with their API group and pod template path. */
export const POD_CONTROLLERS: Record<
  string,
  { group: string; kind: string; path: PodTemplatePath }
> = {
  daemonsets: { group: 'apps', kind: 'DaemonSet', path: 'spec.template' },
  deployments: { group: 'apps', kind: 'Deployment', path: 'spec.template' },
  replicasets: { group: 'apps', kind: 'ReplicaSet', path: 'spec.template' },
  statefulsets: { group: 'apps', kind: 'StatefulSet', path: 'spec.template' },
  replicationcontrollers: {
    group: '',
    kind: 'ReplicationController',
    path: 'spec.template',
  },
  jobs: { group: 'batch', kind: 'Job', path: 'spec.template' },
  cronjobs: {
    group: 'batch',
    kind: 'CronJob',
    path: 'spec.jobTemplate.spec.template',
  },
};

/** Kyverno autogenerates only for policies whose rules select nothing but Pods. */
export function selectsOnlyPods(rules: readonly ResourceRule[]): boolean {
  return rules.every(
    rule =>
      rule.resources.length > 0 &&
      rule.resources.every(resource => resource === 'pods') &&
      (rule.apiGroups.includes('') || rule.apiGroups.includes('*')),
  );
}

/** The controllers a Kyverno policy asks for (`spec.autogen.podControllers.controllers`), or the defaults. */
export function autogenControllers(requested: string[] | undefined): string[] {
  if (!requested) return Object.keys(POD_CONTROLLERS);
  if (requested.includes('none')) return [];
  const plurals = requested.map(c => c.toLowerCase());
  const unknown = plurals.filter(c => !POD_CONTROLLERS[c]);
  if (unknown.length > 0) {
    throw new Error(
      `autogen controllers ${unknown.join(
        ', ',
      )} are not pod controllers; use ${Object.keys(POD_CONTROLLERS).join(
        ', ',
      )}`,
    );
  }
  return plurals;
}

export function podTemplatePathOf(
  object: KubernetesObject,
): PodTemplatePath | undefined {
  return Object.values(POD_CONTROLLERS).find(
    c =>
      c.kind === object.kind &&
      (c.group === ''
        ? object.apiVersion === 'v1'
        : object.apiVersion.startsWith(`${c.group}/`)),
  )?.path;
}

let nextId = 1_000_000_000n;
const select = (operand: Expr, field: string): Expr => ({
  $typeName: 'cel.expr.Expr',
  id: nextId++,
  exprKind: {
    case: 'selectExpr',
    value: {
      $typeName: 'cel.expr.Expr.Select',
      operand,
      field,
      testOnly: false,
    },
  },
});

function rewrite(expr: Expr | undefined, path: PodTemplatePath): void {
  const kind = expr?.exprKind;
  if (!kind) return;
  switch (kind.case) {
    case 'selectExpr': {
      const operand = kind.value.operand;
      if (
        operand?.exprKind.case === 'identExpr' &&
        ['object', 'oldObject'].includes(operand.exprKind.value.name) &&
        ['spec', 'metadata'].includes(kind.value.field)
      ) {
        kind.value.operand = path.split('.').reduce(select, operand);
        return;
      }
      rewrite(operand, path);
      return;
    }
    case 'callExpr':
      rewrite(kind.value.target, path);
      kind.value.args.forEach(arg => rewrite(arg, path));
      return;
    case 'listExpr':
      kind.value.elements.forEach(element => rewrite(element, path));
      return;
    case 'structExpr':
      for (const entry of kind.value.entries) {
        if (entry.keyKind.case === 'mapKey') rewrite(entry.keyKind.value, path);
        rewrite(entry.value, path);
      }
      return;
    case 'comprehensionExpr': {
      const c = kind.value;
      for (const child of [
        c.iterRange,
        c.accuInit,
        c.loopCondition,
        c.loopStep,
        c.result,
      ])
        rewrite(child, path);
      return;
    }
    default:
      return;
  }
}

/**
 * A Pod policy's expression as Kyverno applies it to a pod controller:
 * `object.spec` and `object.metadata` point into the pod template.
 */
export function rewriteForPodTemplate(
  source: string,
  path: PodTemplatePath,
): string {
  const parsed: ParsedCel = parse(source);
  rewrite(parsed.expr, path);
  // Macros are unparsed from their original calls: rewrite those too.
  for (const call of Object.values(parsed.sourceInfo?.macroCalls ?? {}))
    rewrite(call as Expr, path);
  return unparse(parsed);
}
