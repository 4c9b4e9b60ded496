/**
 * Where features plug into delivery: one `ContentRenderer` per content kind and one
 * `ScheduledJobHandler` per scheduled-job kind. Created in host.ts before the worker starts;
 * lookups happen per job, so registering later still works, but register at start so jobs
 * already on the queue after a restart find their renderer.
 */
import type { ContentRenderer, ScheduledJobHandler } from '../ports';

export interface DeliveryRegistry {
  addRenderer(renderer: ContentRenderer): void;
  addJobHandler(handler: ScheduledJobHandler): void;
  renderer(kind: string): ContentRenderer | undefined;
  jobHandler(kind: string): ScheduledJobHandler | undefined;
}

export function createDeliveryRegistry(): DeliveryRegistry {
  const renderers = new Map<string, ContentRenderer>();
  const handlers = new Map<string, ScheduledJobHandler>();
  return {
    addRenderer(renderer) {
      if (renderers.has(renderer.kind)) throw new Error(`A renderer for content kind "${renderer.kind}" is already registered`);
      renderers.set(renderer.kind, renderer);
    },
    addJobHandler(handler) {
      if (handlers.has(handler.kind)) throw new Error(`A handler for scheduled job kind "${handler.kind}" is already registered`);
      handlers.set(handler.kind, handler);
    },
    renderer: (kind) => renderers.get(kind),
    jobHandler: (kind) => handlers.get(kind),
  };
}
