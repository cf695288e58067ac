// The model catalog: which models exist and who serves them, built once at start from the
// config file (or, without one, from the SDKs' usual environment variables), plus the offline
// simulator, which is always there. Sessions ask it for a model by `provider/model` id, its
// price, and a stream (with the one retry layer applied); the admin asks for provider status —
// never a key.

import { AnthropicProvider, listAnthropicModels } from './anthropic/anthropic-provider';
import { ANTHROPIC_UNSUPPORTED_PARAMS } from './anthropic/map-request';
import { ANTHROPIC_FALLBACK_MODELS, OPENAI_FALLBACK_MODELS, builtinPriceOf, isOpenAIChatModel, type BuiltinModel } from './builtin-models';
import { findConfigFile, readConfigFile, type AtelierConfig, type Price, type ProviderConfig } from './config';
import { DEFAULT_OFFLINE_MODEL, OFFLINE_MODELS, OFFLINE_PROVIDER_ID, OfflineSimulator } from './offline/simulator';
import { listOpenAIModels, OpenAIProvider } from './openai/openai-provider';
import type { GenerationParams, ProviderKind, Usage } from '../../shared/generation';
import type { LlmProvider, LlmRequest, StreamPart } from './provider';
import { streamWithRetries, type RetryPolicy } from './retry';
import { credentialsInUrl, scrubSecrets } from './scrub';
import { createProvider } from './create-provider';
import { ProviderThreads } from './threads/provider-threads';

/** A model as sessions see it; `id` reads `provider/model`. */
export interface CatalogModel {
  id: string /* "provider/model" */;
  providerId: string;
  model: string /* provider-local id */;
  label: string;
  simulated: boolean;
  price?: { inputPerMTok: number; outputPerMTok: number };
  /** Parameters this model's API refuses; the adapter does not send them (the candidate is told). */
  unsupportedParams?: Array<keyof GenerationParams>;
}

export interface ProviderStatus {
  id: string;
  kind: ProviderKind;
  baseUrl?: string;
  status: 'configured' | 'key_missing' | 'unreachable';
  models: CatalogModel[];
  error?: string /* scrubbed */;
}

/** What sessions and the admin need of the configured models. Tests may pass their own. */
export interface ModelCatalog {
  readonly defaultModelId: string;
  models(): CatalogModel[];
  get(modelId: string): CatalogModel | undefined;
  costOf(modelId: string, usage: Usage): number | null;
  /** The provider's stream with retries and the idle watchdog applied; never throws. */
  openStream(modelId: string, request: LlmRequest, signal: AbortSignal): AsyncIterable<StreamPart>;
  /** Providers and their health, for the admin; never contains a key. */
  status(signal?: AbortSignal): Promise<ProviderStatus[]>;
  /** Stops what the catalog started (its provider threads). */
  close?(): Promise<void>;
}

export interface LoadModelCatalogOptions {
  env: Record<string, string | undefined>;
  /** Overrides ATELIER_CONFIG / ./atelier.config.json. */
  configPath?: string;
  offline?: { paceMs?: number; firstTokenMs?: number };
  /** Ask providers without a configured model list for theirs (default true). */
  fetchModelLists?: boolean;
  retry?: Partial<RetryPolicy>;
  /**
   * Read the configured providers' streams on this many worker threads (threads/provider-threads.ts);
   * 0 (the default here) reads them on the main thread. The server's default is config.ts's.
   */
  providerThreads?: number;
}

interface Entry {
  config: ProviderConfig;
  provider?: LlmProvider; // undefined when its key is missing
  key?: string;
  models: CatalogModel[];
  error?: string;
}

const OFFLINE_FREE: Price = { inputPerMTok: 0, outputPerMTok: 0 };

export async function loadModelCatalog(options: LoadModelCatalogOptions): Promise<ModelCatalog> {
  const path = options.configPath ?? findConfigFile(options.env);
  const config: AtelierConfig = path ? readConfigFile(path) : configFromEnvironment(options.env);
  const fromEnvironment = path === undefined;
  const configs = config.providers.some((provider) => provider.kind === 'offline')
    ? config.providers
    : [...config.providers, { id: OFFLINE_PROVIDER_ID, kind: 'offline' as const }];

  const entries = await Promise.all(configs.map((providerConfig) => buildEntry(providerConfig, options, fromEnvironment)));
  // A base URL's user and password are secrets like the keys (a proxy's credentials).
  const secrets = entries.flatMap((entry) => [...(entry.key ? [entry.key] : []), ...credentialsInUrl(entry.config.baseUrl)]);
  for (const entry of entries) if (entry.error) entry.error = scrubSecrets(entry.error, secrets);

  const usable = entries.filter((entry) => entry.provider);
  const models = usable.flatMap((entry) => entry.models);
  const byId = new Map(models.map((model) => [model.id, model]));
  // The offline simulator has no HTTP stream to read: it stays on the main thread.
  const onThread = (entry: Entry) => entry.config.kind !== 'offline';
  const threads = options.providerThreads && usable.some(onThread) ? new ProviderThreads({ size: options.providerThreads }) : undefined;
  threads?.warm();
  const providers = new Map(
    usable.map((entry) => {
      const provider = entry.provider as LlmProvider;
      return [entry.config.id, threads && onThread(entry) ? threads.wrap(provider, entry.config, entry.key) : provider];
    }),
  );

  const paid = models.find((model) => !model.simulated);
  const configuredDefault = config.defaultModel && byId.has(config.defaultModel) ? config.defaultModel : undefined;
  const defaultModelId = configuredDefault ?? paid?.id ?? `${OFFLINE_PROVIDER_ID}/${DEFAULT_OFFLINE_MODEL}`;

  return {
    defaultModelId,
    models: () => models.map((model) => ({ ...model })),
    get(modelId) {
      const model = byId.get(modelId);
      return model && providers.has(model.providerId) ? { ...model } : undefined;
    },
    costOf(modelId, usage) {
      const price = byId.get(modelId)?.price;
      if (!price) return null;
      return (usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1_000_000;
    },
    openStream(modelId, request, signal) {
      const model = byId.get(modelId);
      const provider = model && providers.get(model.providerId);
      if (!provider) return notConfigured(modelId);
      // Returned as is, not re-yielded: a generator around it would cost every part a promise more.
      return streamWithRetries(provider, request, signal, options.retry);
    },
    status: (signal) => Promise.all(entries.map((entry) => statusOf(entry, secrets, signal))),
    close: async () => threads?.close(),
  };
}

async function* notConfigured(modelId: string): AsyncIterable<StreamPart> {
  yield { type: 'error', error: { kind: 'bad_request', retryable: false, message: `Model "${modelId}" is no longer configured.` } };
}

/** No config file: the SDKs' own variables, as their users expect. */
export function configFromEnvironment(env: Record<string, string | undefined>): AtelierConfig {
  const providers: ProviderConfig[] = [];
  if (env.OPENAI_API_KEY) {
    const openai: ProviderConfig = { id: 'openai', kind: 'openai', apiKeyEnv: 'OPENAI_API_KEY' };
    if (env.OPENAI_BASE_URL) openai.baseUrl = env.OPENAI_BASE_URL;
    providers.push(openai);
  }
  if (env.ANTHROPIC_API_KEY) {
    const anthropic: ProviderConfig = { id: 'anthropic', kind: 'anthropic', apiKeyEnv: 'ANTHROPIC_API_KEY' };
    if (env.ANTHROPIC_BASE_URL) anthropic.baseUrl = env.ANTHROPIC_BASE_URL;
    providers.push(anthropic);
  }
  return { providers };
}

async function buildEntry(config: ProviderConfig, options: LoadModelCatalogOptions, fromEnvironment: boolean): Promise<Entry> {
  if (config.kind === 'offline') {
    const provider = new OfflineSimulator({ ...options.offline, id: config.id });
    const listed = config.models?.map((model) => model.id) ?? OFFLINE_MODELS.map((model) => model.model);
    const models = OFFLINE_MODELS.filter((model) => listed.includes(model.model)).map((model) =>
      info(config.id, model.model, model.label, true, OFFLINE_FREE),
    );
    return { config, provider, models };
  }
  const keyName = config.apiKeyEnv ?? defaultKeyEnv(config);
  const key = keyName ? options.env[keyName]?.trim() || undefined : undefined;
  if (keyName && !key) return { config, models: [], error: `Environment variable ${keyName} is not set.` };
  const provider = createProvider(config, key);
  const entry: Entry = { config, provider, models: [] };
  // Env-only mode means "the SDK's own provider" (maybe through a proxy): its prices apply.
  const builtinPrices = fromEnvironment || isOfficial(config);
  const modelInfo = (model: string, label?: string, price?: Price) => describeModel(config, builtinPrices, model, label, price);
  if (key) entry.key = key;
  if (config.models) {
    entry.models = config.models.map((model) => modelInfo(model.id, model.label, model.price));
    return entry;
  }
  // Official endpoints (and the env-only mode, which means "the SDK's provider") have a
  // built-in list to fall back on; a custom server's models can only come from it.
  const fallback =
    config.baseUrl === undefined || fromEnvironment ? fallbackModels(config).map((model) => modelInfo(model.id, model.label)) : [];
  if (options.fetchModelLists === false) {
    entry.models = fallback;
    return entry;
  }
  try {
    const listed = (await listModels(config, provider)).map((model) => modelInfo(model.id, model.label));
    entry.models = orderLikeFallback(listed, fallback);
    if (entry.models.length === 0) entry.models = fallback;
  } catch (error) {
    entry.models = fallback;
    entry.error = `Model listing failed: ${(error as Error).message}`;
  }
  return entry;
}

function defaultKeyEnv(config: ProviderConfig): string | undefined {
  if (config.kind === 'anthropic') return 'ANTHROPIC_API_KEY';
  // Keyless by default for OpenAI-compatible local servers (Ollama, vLLM, LM Studio…).
  return config.baseUrl === undefined ? 'OPENAI_API_KEY' : undefined;
}

async function listModels(config: ProviderConfig, provider: LlmProvider, signal?: AbortSignal): Promise<BuiltinModel[]> {
  if (provider instanceof AnthropicProvider) return listAnthropicModels(provider, signal);
  if (provider instanceof OpenAIProvider) {
    const official = config.baseUrl === undefined || /\/\/api\.openai\.com(\/|$)/.test(config.baseUrl);
    const ids = await listOpenAIModels(provider, signal);
    return ids.filter((id) => !official || isOpenAIChatModel(id)).map((id) => ({ id, label: id }));
  }
  return [];
}

function fallbackModels(config: ProviderConfig): BuiltinModel[] {
  return config.kind === 'anthropic' ? ANTHROPIC_FALLBACK_MODELS : OPENAI_FALLBACK_MODELS;
}

/** Well-known models first, in the built-in order (so the default is a sensible one). */
function orderLikeFallback(listed: CatalogModel[], fallback: CatalogModel[]): CatalogModel[] {
  const rank = (model: CatalogModel) => {
    const index = fallback.findIndex((known) => known.model === model.model);
    return index === -1 ? fallback.length : index;
  };
  return [...listed].sort((a, b) => rank(a) - rank(b) || a.model.localeCompare(b.model));
}

function describeModel(config: ProviderConfig, builtinPrices: boolean, model: string, label?: string, price?: Price): CatalogModel {
  const known = price ?? (builtinPrices ? builtinPriceOf(model) : undefined);
  const result = info(config.id, model, label ?? model, false, known);
  if (config.kind === 'anthropic') result.unsupportedParams = [...ANTHROPIC_UNSUPPORTED_PARAMS];
  return result;
}

function info(providerId: string, model: string, label: string, simulated: boolean, price?: Price): CatalogModel {
  const result: CatalogModel = { id: `${providerId}/${model}`, providerId, model, label, simulated };
  if (price) result.price = { ...price };
  return result;
}

/** Built-in list prices only apply to the providers that set them. */
function isOfficial(config: ProviderConfig): boolean {
  if (config.baseUrl === undefined) return true;
  return /\/\/api\.(openai|anthropic)\.com(\/|$)/.test(config.baseUrl);
}

async function statusOf(entry: Entry, secrets: string[], signal?: AbortSignal): Promise<ProviderStatus> {
  const base: ProviderStatus = {
    id: entry.config.id,
    kind: entry.config.kind,
    status: 'configured',
    models: entry.models.map((m) => ({ ...m })),
  };
  if (entry.config.baseUrl) base.baseUrl = scrubSecrets(entry.config.baseUrl, secrets);
  if (!entry.provider) return { ...base, status: 'key_missing', ...(entry.error ? { error: entry.error } : {}) };
  if (entry.config.kind === 'offline') return base;
  try {
    await listModels(entry.config, entry.provider, signal);
    return base;
  } catch (error) {
    return { ...base, status: 'unreachable', error: scrubSecrets((error as Error).message, secrets) };
  }
}
