import type { FastifyBaseLogger } from 'fastify';
import type { UpstreamName } from '../route-table.js';
import type { Upstream } from '../proxy/forwarder.js';
import type { MergedDocument, OpenApiDocument } from './merge.js';
import { publicDocument } from './public-document.js';

const FETCH_TIMEOUT_MS = 3000;

/**
 * The public API document: each service's /openapi.json, fetched at start and refreshed
 * in the background, merged into one. A service that is down keeps its last good document
 * (or is left out until it answers), so it never breaks the others' docs.
 */
export class ApiCatalog {
  private readonly latest = new Map<UpstreamName, OpenApiDocument>();
  private ownDocument: OpenApiDocument = {};
  private merged: MergedDocument;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly upstreams: ReadonlyMap<UpstreamName, Upstream>,
    private readonly log: FastifyBaseLogger,
    /** The gateway's own document (only its own routes, outside the services' trees, are kept). */
    private readonly own: () => Promise<OpenApiDocument>,
  ) {
    this.merged = publicDocument(new Map(), {});
  }

  get document(): MergedDocument {
    return this.merged;
  }

  async start(refreshMs: number): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    await Promise.all(
      [...this.upstreams].map(async ([name, upstream]) => {
        try {
          this.latest.set(name, await fetchDocument(upstream));
        } catch (error) {
          this.log.warn({ upstream: name, err: error }, `OpenAPI document of ${name} unavailable`);
        }
      }),
    );
    try {
      this.ownDocument = await this.own();
    } catch (error) {
      this.log.warn({ err: error }, 'OpenAPI document of the gateway unavailable'); // e.g. while closing
    }
    this.merged = publicDocument(this.latest, this.ownDocument);
  }
}

async function fetchDocument(upstream: Upstream): Promise<OpenApiDocument> {
  const response = await upstream.pool.request({
    method: 'GET',
    path: '/openapi.json',
    headers: { accept: 'application/json' },
    headersTimeout: FETCH_TIMEOUT_MS,
    bodyTimeout: FETCH_TIMEOUT_MS,
  });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`GET /openapi.json answered ${response.statusCode}`);
  }
  return (await response.body.json()) as OpenApiDocument;
}
