import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { sampleTransactions } from './sampleTransactions.ts';
import type { Transaction } from './transaction.ts';

/**
 * A function URL / HTTP API (v2) request carrying one transaction as its JSON body.
 *
 * @example
 * ```ts
 * const response = await handler(httpScoreRequest(transaction), context);
 * ```
 */
export function httpScoreRequest(transaction: Transaction): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /score',
    rawPath: '/score',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'fraud',
      domainName: 'fraud.lambda-url.us-east-1.on.aws',
      domainPrefix: 'fraud',
      http: {
        method: 'POST',
        path: '/score',
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'checkout',
      },
      requestId: 'sample-request',
      routeKey: 'POST /score',
      stage: '$default',
      time: '01/Dec/2026:12:00:00 +0000',
      timeEpoch: 1_796_126_400_000,
    },
    body: JSON.stringify(transaction),
    isBase64Encoded: false,
  };
}

/**
 * The event the profiler sends the synchronous handler: one sample transaction over HTTP.
 *
 * @example
 * ```ts
 * const response = await handler(createSampleEvent(), context); // { statusCode: 200, ... }
 * ```
 */
export function createSampleEvent(): APIGatewayProxyEventV2 {
  return httpScoreRequest(sampleTransactions(1)[0] as Transaction);
}
