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

let runtimeReported = false;

/**
 * A middy middleware (after the logger's Lambda context): once per process, at its first invocation, logs the Node
 * version the function runs on. The stack declares the runtime; this line shows the one a function really got
 * (a local emulator runs functions on the first `node` on its PATH), and a test compares the two.
 */
export function logRuntimeOnColdStart(logger: Logger): { before: () => void } {
  return {
    before: () => {
      if (runtimeReported) return;
      runtimeReported = true;
      logger.info('cold start', { nodeVersion: process.version });
    },
  };
}
