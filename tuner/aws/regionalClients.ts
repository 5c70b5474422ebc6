/**
 * One SDK client per Region, made on first use: targets given by ARN may live in several Regions.
 *
 * @example
 * ```ts
 * const clients = new RegionalClients((region) => new LambdaClient(sharedClientConfig({}, region)));
 * clients.get('eu-west-1') === clients.get('eu-west-1'); // true
 * ```
 */
export class RegionalClients<Client> {
  readonly #create: (region: string | undefined) => Client;
  readonly #clients = new Map<string, Client>();

  constructor(create: (region: string | undefined) => Client) {
    this.#create = create;
  }

  /** The client for `region`; `undefined` is the default Region. */
  get(region: string | undefined): Client {
    const key = region ?? '';
    let client = this.#clients.get(key);
    if (client === undefined) {
      client = this.#create(region);
      this.#clients.set(key, client);
    }
    return client;
  }
}
