// Plain strings, no @opentelemetry/api: modules that only name attributes stay free of it.

/**
 * Attribute keys: OpenTelemetry semantic conventions (FaaS, cloud) where they exist, and the
 * project's own for what they do not cover.
 */
export const SpanAttribute = {
  FAAS_INVOCATION_ID: 'faas.invocation_id',
  FAAS_COLDSTART: 'faas.coldstart',
  FAAS_TRIGGER: 'faas.trigger',
  FAAS_NAME: 'faas.name',
  FAAS_VERSION: 'faas.version',
  FAAS_MAX_MEMORY: 'faas.max_memory',
  FAAS_INSTANCE: 'faas.instance',
  CLOUD_PROVIDER: 'cloud.provider',
  CLOUD_PLATFORM: 'cloud.platform',
  CLOUD_REGION: 'cloud.region',
  CLOUD_RESOURCE_ID: 'cloud.resource_id',
  CLOUD_ACCOUNT_ID: 'cloud.account.id',
  AWS_LAMBDA_INVOKED_ARN: 'aws.lambda.invoked_arn',
  AWS_LAMBDA_INIT_TYPE: 'aws.lambda.init_type',
  HTTP_REQUEST_METHOD: 'http.request.method',
  HTTP_RESPONSE_STATUS_CODE: 'http.response.status_code',
  COST_USD: 'thermostat.cost.usd',
  COST_REQUEST_USD: 'thermostat.cost.request_usd',
  COST_DURATION_USD: 'thermostat.cost.duration_usd',
  COST_INIT_USD: 'thermostat.cost.init_usd',
  INIT_DURATION_MS: 'thermostat.init_duration_ms',
  PROACTIVE_INIT: 'thermostat.proactive_init',
  MODEL: 'thermostat.model',
  BATCH_SIZE: 'thermostat.batch_size',
  BATCH_RECORDS: 'thermostat.batch.records',
  BATCH_RUNS: 'thermostat.batch.runs',
  BATCH_FAILED_RECORDS: 'thermostat.batch.failed_records',
} as const;
