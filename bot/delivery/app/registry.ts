/**
 * Where features plug into delivery: each registers its renderers (one per kind of its content
 * union) and its scheduled-job handlers (one per kind of its job union) as typed maps, in
 * composition, before the worker starts, so jobs already on the queue after a restart find
 * their renderer. Lookups are by the `kind` stored on the record or job.
 */
import type { ContentRenderer, ContentRenderers, JobHandlers, KindJobHandler, KindRenderer, ScheduledJob, ScheduledJobHandler } from '../ports';
import type { MessageContent } from '../domain/delivery';

export interface DeliveryRegistry {
  /** A feature's renderers, one per kind of its content union. */
  addRenderers<C extends MessageContent>(renderers: ContentRenderers<C>): void;
  /** A feature's scheduled-job handlers, one per kind of its job union. */
  addJobHandlers<J extends ScheduledJob>(handlers: JobHandlers<J>): void;
  /** One renderer of a kind outside the features' unions (tests, benchmarks). */
  addRenderer(renderer: KindRenderer): void;
  /** One job handler of a kind outside the features' unions (tests). */
  addJobHandler(handler: KindJobHandler): void;
  renderer(kind: string): ContentRenderer | undefined;
  jobHandler(kind: string): ScheduledJobHandler | undefined;
}

export function createDeliveryRegistry(): DeliveryRegistry {
  const renderers = new Map<string, ContentRenderer>();
  const handlers = new Map<string, ScheduledJobHandler>();
  const addRenderer = (kind: string, renderer: ContentRenderer): void => {
    if (renderers.has(kind)) throw new Error(`A renderer for content kind "${kind}" is already registered`);
    renderers.set(kind, renderer);
  };
  const addJobHandler = (kind: string, handler: ScheduledJobHandler): void => {
    if (handlers.has(kind)) throw new Error(`A handler for scheduled job kind "${kind}" is already registered`);
    handlers.set(kind, handler);
  };
  return {
    addRenderers(map) {
      // The worker hands each renderer only records whose stored kind is its key.
      for (const [kind, renderer] of Object.entries<ContentRenderer<never>>(map)) addRenderer(kind, renderer as ContentRenderer);
    },
    addJobHandlers(map) {
      for (const [kind, handler] of Object.entries<ScheduledJobHandler>(map)) addJobHandler(kind, handler);
    },
    addRenderer: (renderer) => addRenderer(renderer.kind, renderer),
    addJobHandler: (handler) => addJobHandler(handler.kind, handler),
    renderer: (kind) => renderers.get(kind),
    jobHandler: (kind) => handlers.get(kind),
  };
}
