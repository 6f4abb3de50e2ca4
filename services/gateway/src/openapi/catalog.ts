import type { FastifyBaseLogger } from 'fastify';
import { routes, type UpstreamName } from '../route-table.js';
import type { Upstream } from '../proxy/forwarder.js';
import { mergeDocuments, type MergedDocument, type OpenApiDocument } from './merge.js';

const FETCH_TIMEOUT_MS = 3000;

/**
 * The public API document: each service's /openapi.json, fetched at start and refreshed
 * in the background, merged into one. A service that is down keeps its last good document
 * (or is left out until it answers), so it never breaks the others' docs.
 */
export class ApiCatalog {
  private readonly latest = new Map<UpstreamName, OpenApiDocument>();
  private merged: MergedDocument;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly upstreams: ReadonlyMap<UpstreamName, Upstream>,
    private readonly info: Record<string, unknown>,
    private readonly log: FastifyBaseLogger,
  ) {
    this.merged = mergeDocuments(info, []);
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
    this.merged = mergeDocuments(
      this.info,
      [...this.latest].map(([service, document]) => ({
        service,
        document,
        keepPath: (path) => routes(service, path),
      })),
    );
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
