import type { Usage } from '../../shared/events';
import type { LlmRequest, StreamPart } from '../llm/provider';

/** A model as sessions see it; `id` reads `provider/model`. */
export interface CatalogModel {
  id: string;
  providerId: string;
  model: string;
  label: string;
  simulated: boolean;
}

/** What sessions need of the configured models: which exist, what they cost, and a stream. */
export interface ModelCatalog {
  readonly defaultModelId: string;
  models(): CatalogModel[];
  get(modelId: string): CatalogModel | undefined;
  costOf(modelId: string, usage: Usage): number | null;
  /** The provider stream with retries and the idle watchdog applied; never throws. */
  openStream(modelId: string, request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
}
