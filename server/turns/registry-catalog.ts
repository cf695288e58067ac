import type { ModelRegistry } from '../llm/registry';
import { streamWithRetries, type RetryPolicy } from '../llm/retry';
import type { ModelCatalog } from './model-catalog';

/** Sessions' view of the configured models: the registry, with the one retry layer applied. */
export function catalogFromRegistry(registry: ModelRegistry, retry: Partial<RetryPolicy> = {}): ModelCatalog {
  return {
    defaultModelId: registry.defaultModelId,
    models: () => registry.models(),
    get: (modelId) => registry.resolve(modelId)?.model,
    costOf: (modelId, usage) => registry.costOf(modelId, usage),
    status: (signal) => registry.status(signal),
    async *openStream(modelId, request, signal) {
      const resolved = registry.resolve(modelId);
      if (!resolved) {
        yield { type: 'error', error: { kind: 'bad_request', retryable: false, message: `Model "${modelId}" is no longer configured.` } };
        return;
      }
      yield* streamWithRetries(resolved.provider, request, signal, retry);
    },
  };
}
