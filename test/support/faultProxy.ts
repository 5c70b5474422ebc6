/**
 * A small HTTP proxy in front of moto_server that injects faults into chosen AWS calls: it
 * stalls them (accepts, never answers), resets the connection, or answers an error of its own
 * (a 500, throttling, an authorisation failure in XML...). Every other request goes through.
 * Calls are matched by a label such as `lambda PUT /2015-03-31/functions/ocr/configuration`
 * (the service from the request's credential scope, then method and path) or, for the query and
 * JSON protocols, `sts GetCallerIdentity` / `monitoring GetMetricData`.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(moto.endpoint);
 * proxy.inject({ match: /^lambda PUT .*\/configuration$/, fault: { kind: 'stall' } });
 * const lambda = new LambdaClient({ ...moto.clientConfig(), endpoint: proxy.endpoint });
 * ```
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What happens to a matched call. */
export type Fault =
  | { readonly kind: 'stall' }
  | { readonly kind: 'reset' }
  | {
      readonly kind: 'respond';
      readonly status: number;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>>;
    };

/** A fault for the calls whose label matches, the first `times` of them (default: all). */
export interface FaultRule {
  readonly match: RegExp;
  readonly fault: Fault;
  times?: number;
}

/** A running proxy. */
export interface FaultProxy {
  readonly endpoint: string;
  /** Labels of every call seen, faulted or not, in arrival order. */
  readonly calls: string[];
  /** Labels of the calls a fault was injected into. */
  readonly faulted: string[];
  inject(rule: FaultRule): void;
  clear(): void;
  stop(): Promise<void>;
}

/** Lambda's answer when a principal lacks a permission, in the XML some endpoints send. */
export function xmlAccessDenied(action: string, resource: string): Fault {
  return {
    kind: 'respond',
    status: 403,
    headers: { 'content-type': 'text/xml' },
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>' +
      `<Message>User: arn:aws:iam::123456789012:user/tuner is not authorized to perform: ${action} on resource: ${resource}</Message>` +
      '</Error><RequestId>4442587FB7D0A2F9</RequestId></ErrorResponse>',
  };
}

/** A throttling answer in Lambda's JSON. */
export const THROTTLED: Fault = {
  kind: 'respond',
  status: 429,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
  body: JSON.stringify({
    Type: 'User',
    message: 'Rate exceeded',
    Reason: 'CallerRateLimitExceeded',
  }),
};

/** An internal error in Lambda's JSON. */
export const SERVICE_ERROR: Fault = {
  kind: 'respond',
  status: 500,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' },
  body: JSON.stringify({ Type: 'Service', message: 'internal error' }),
};

function labelOf(req: IncomingMessage, body: string): string {
  const scope = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const service = scope?.[1] ?? 'unknown';
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return `${service} ${target.split('.').at(-1)}`;
  const action = /(?:^|&)Action=([^&]+)/.exec(body)?.[1];
  if (action !== undefined) return `${service} ${action}`;
  const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  return `${service} ${req.method} ${path}`;
}

/**
 * Starts the proxy on a free port of 127.0.0.1, forwarding to `upstream`.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy('http://127.0.0.1:5000');
 * ```
 */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const rules: FaultRule[] = [];
  const calls: string[] = [];
  const faulted: string[] = [];
  const sockets = new Set<Socket>();

  const forward = (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const upstreamRequest = request(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstreamRequest.on('error', () => res.destroy());
    upstreamRequest.end(body);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const label = labelOf(req, body.toString('utf8'));
      calls.push(label);
      const rule = rules.find((r) => r.match.test(label) && (r.times === undefined || r.times > 0));
      if (rule === undefined) return forward(req, body, res);
      if (rule.times !== undefined) rule.times -= 1;
      faulted.push(label);
      const { fault } = rule;
      if (fault.kind === 'stall') return;
      if (fault.kind === 'reset') return req.socket.destroy();
      res.writeHead(fault.status, {
        ...fault.headers,
        'content-length': Buffer.byteLength(fault.body),
      });
      res.end(fault.body);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    faulted,
    inject: (rule) => {
      rules.push({ ...rule });
    },
    clear: () => {
      rules.length = 0;
      calls.length = 0;
      faulted.length = 0;
    },
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
