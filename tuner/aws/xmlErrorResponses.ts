/**
 * Lambda, SSM and CloudWatch speak JSON, but an authorisation failure can come back in XML (from
 * a proxy, a VPC endpoint policy or an emulator): the SDK then fails to parse it and reports a
 * `SyntaxError` about `<?xml`, hiding what went wrong. This middleware reads such an XML error
 * body first and throws it as the service error it is, named by its `Code`, with its `Message`:
 * `AccessDenied: User: … is not authorized to perform: lambda:UpdateAlias on resource: …`.
 */

/** The part of the SDK's HTTP response this reads. */
interface RawResponse {
  readonly statusCode: number;
  body?: unknown;
}

type DeserializeHandler = (args: unknown) => Promise<{ response: unknown }>;

/** The part of an SDK client's middleware stack this uses. */
interface MiddlewareStack {
  add(
    middleware: (next: DeserializeHandler) => DeserializeHandler,
    options: { step: 'deserialize'; priority: 'low'; name: string },
  ): void;
}

/** An error response in XML, thrown under its own code. */
export class XmlServiceError extends Error {
  override readonly name: string;
  readonly $fault: 'client' | 'server';
  readonly $metadata: { readonly httpStatusCode: number };

  constructor(code: string, message: string, status: number) {
    super(message);
    this.name = code;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status };
  }
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&amp;': '&',
};

const unescapeXml = (text: string): string =>
  text.replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);

/**
 * The error an XML error body describes, or null when the text is not one.
 *
 * @example
 * ```ts
 * xmlServiceError('<Error><Code>AccessDenied</Code><Message>no</Message></Error>', 403)?.name; // 'AccessDenied'
 * ```
 */
export function xmlServiceError(body: string, status: number): XmlServiceError | null {
  if (!body.trimStart().startsWith('<')) return null;
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1]?.trim();
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1]?.trim();
  if (code === undefined || code === '') return null;
  return new XmlServiceError(unescapeXml(code), unescapeXml(message ?? code), status);
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Makes a JSON-protocol client report XML error responses by their code and message.
 *
 * @example
 * ```ts
 * const lambda = acceptXmlErrorResponses(new LambdaClient(sharedClientConfig(aws, region)));
 * ```
 */
export function acceptXmlErrorResponses<Client extends { readonly middlewareStack: object }>(
  client: Client,
): Client {
  // The SDK's stack types are generic per client; this middleware needs only the raw response.
  const stack = client.middlewareStack as MiddlewareStack;
  stack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as RawResponse;
      if (typeof response.statusCode !== 'number' || response.statusCode < 400) return result;
      // Error bodies are small; read whole, they are handed on as bytes the SDK parses as usual.
      const bytes = await bodyBytes(response.body);
      const error = xmlServiceError(bytes.toString('utf8'), response.statusCode);
      if (error !== null) throw error;
      response.body = bytes;
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'thermostatXmlErrorResponses' },
  );
  return client;
}
