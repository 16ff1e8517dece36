import { useEffect, useMemo, useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { JsonObject } from '@backstage/types';
import { Box, FormHelperText, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { orchestratorApiRef } from '../api';
import { PlanView } from '../components/PlanView';
import { PlanFieldOptions, PlanFieldValue, planRequest } from './planRequest';

/** Typing in earlier steps is over by the time this step shows; one plan per settled form. */
const SETTLE_MS = 400;

/**
 * Shows the plan for the form as filled so far: the objects that will be
 * created, the resources with their defaults, the verdicts and the monthly
 * cost. Its value records the plan, and a refused plan fails validation, so
 * Create stays blocked while a guardrail denies.
 */
export function PlanField(
  props: FieldExtensionComponentProps<PlanFieldValue, PlanFieldOptions>,
) {
  const { schema, uiSchema, formContext, onChange, rawErrors } = props;
  const api = useApi(orchestratorApiRef);
  const params = useParams();
  const formData: JsonObject = formContext?.formData ?? {};
  const formTemplate =
    params.namespace && params.templateName
      ? `template:${params.namespace}/${params.templateName}`
      : undefined;
  // The form's values, not its object identity, decide the plan.
  const optionsKey = JSON.stringify(uiSchema['ui:options'] ?? {});
  const formKey = JSON.stringify(formData);
  const built = useMemo(() => {
    try {
      return planRequest(
        JSON.parse(optionsKey),
        JSON.parse(formKey),
        formTemplate,
      );
    } catch (e) {
      return { error: e as Error };
    }
  }, [optionsKey, formKey, formTemplate]);
  const [request, setRequest] = useState<typeof built>();
  useEffect(() => {
    const timer = setTimeout(() => setRequest(built), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [built]);

  const {
    value: plan,
    loading,
    error,
  } = useAsync(async () => {
    if (!request || !('request' in request)) return undefined;
    return api.createPlan(request.request);
  }, [api, request]);

  useEffect(() => {
    if (!plan) return;
    const denied = plan.verdicts
      .filter(v => v.action === 'deny')
      .map(v => `${v.policy}: ${v.message ?? 'denied'}`);
    onChange({ hash: plan.hash, refused: denied.length > 0, denied });
    // onChange changes identity on every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [plan]);

  let content;
  if (!request || loading) content = <Progress />;
  else if ('error' in request)
    content = <ResponseErrorPanel error={request.error} />;
  else if ('missing' in request) {
    content = (
      <Alert severity="info">
        Fill in {request.missing.join(', ')} to see the plan.
      </Alert>
    );
  } else if (error) content = <ResponseErrorPanel error={error} />;
  else if (plan) content = <PlanView plan={plan} />;

  return (
    <Box marginBottom={2}>
      <Typography variant="h6">{schema?.title ?? 'The plan'}</Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        What Create will make in{' '}
        {request && 'request' in request
          ? request.request.environment
          : 'the environment'}
        , checked against the platform's guardrails. Nothing exists yet.
      </Typography>
      {content}
      {rawErrors?.map(message => (
        <FormHelperText key={message} error>
          {message}
        </FormHelperText>
      ))}
    </Box>
  );
}

/** A refused plan keeps the step from completing, so Create is never offered for it. */
export function validatePlanField(
  value: PlanFieldValue | undefined,
  validation: { addError(message: string): void },
) {
  if (value?.refused) {
    validation.addError(
      `The guardrails refuse this plan, so nothing can be created: ${value.denied.join(
        '; ',
      )}`,
    );
  }
}
