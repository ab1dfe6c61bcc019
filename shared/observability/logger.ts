import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'ServerlessPlatform';

/** Structured JSON logs; the service name comes from POWERTOOLS_SERVICE_NAME, set per function by CDK. */
export function createLogger(): Logger {
  return new Logger({ logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO' });
}

/** Metrics leave the function as CloudWatch Embedded Metric Format lines on stdout. */
export function createMetrics(): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE });
}
