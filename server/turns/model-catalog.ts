import type { Usage } from '../../shared/events';
import type { LlmRequest, StreamPart } from '../llm/provider';
import type { ProviderStatus } from '../llm/registry';

/** A model as sessions see it; `id` reads `provider/model`. */
export interface CatalogModel {
  id: string;
  providerId: string;
  model: string;
  label: string;
  simulated: boolean;
  /** Parameters the provider ignores for this model (the candidate is told). */
  unsupportedParams?: string[];
}

/** What sessions need of the configured models: which exist, what they cost, and a stream. */
export interface ModelCatalog {
  readonly defaultModelId: string;
  models(): CatalogModel[];
  get(modelId: string): CatalogModel | undefined;
  costOf(modelId: string, usage: Usage): number | null;
  /** The provider stream with retries and the idle watchdog applied; never throws. */
  openStream(modelId: string, request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  /** Providers and their health, for the admin; never contains a key. */
  status(signal?: AbortSignal): Promise<ProviderStatus[]>;
}
