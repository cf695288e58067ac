// The provider configuration file (`atelier.config.json`, or the path in ATELIER_CONFIG):
// which providers and models exist, base URLs, prices — never keys, which come only from
// environment variables named by `apiKeyEnv`. Parsed once at start, with errors that say
// where and what to fix. Format documented in docs/providers.md.

import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { redactUrlCredentials } from './scrub';
import { PROVIDER_KINDS, type ProviderKind } from '../../shared/generation';

export interface Price {
  /** USD per million input (prompt) tokens. */
  inputPerMTok: number;
  /** USD per million output tokens. */
  outputPerMTok: number;
}

export interface ModelConfig {
  id: string;
  label?: string;
  price?: Price;
}

export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  /** Name of the environment variable holding the key; omitted for keyless local servers. */
  apiKeyEnv?: string;
  baseUrl?: string;
  /** Omitted: the provider's model listing, else the built-in list for OpenAI/Anthropic. */
  models?: ModelConfig[];
  /** OpenAI kind only: which field carries maxOutputTokens. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** OpenAI kind only: ask for the usage chunk (some old servers reject stream_options). */
  includeUsage?: boolean;
  /** Anthropic kind only: max_tokens when the exercise sets none. */
  defaultMaxTokens?: number;
  /** Time allowed until response headers, in ms. */
  timeoutMs?: number;
}

export interface AtelierConfig {
  providers: ProviderConfig[];
  /** `provider/model`; otherwise the first model of the first configured provider. */
  defaultModel?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_CONFIG_FILE = 'atelier.config.json';

/** ATELIER_CONFIG if set (it must exist), else ./atelier.config.json if present. */
export function findConfigFile(env: Record<string, string | undefined>, cwd = process.cwd()): string | undefined {
  const explicit = env.ATELIER_CONFIG?.trim();
  if (explicit) {
    const path = resolvePath(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`ATELIER_CONFIG points to ${path}, which does not exist.`);
    return path;
  }
  const fallback = resolvePath(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

export function readConfigFile(path: string): AtelierConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message}).`);
  }
  return parseConfig(json, path);
}

const PROVIDER_ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// A key-looking property anywhere in the file is refused: keys live in the environment.
const SECRET_PROPERTY = /^(api[_-]?key|key|secret|token|password|authorization|bearer|access[_-]?token|auth[_-]?token)$/i;

const TOP_LEVEL_KEYS = new Set(['$schema', '$comment', 'providers', 'defaultModel']);
const PROVIDER_KEYS = new Set([
  '$comment',
  'id',
  'kind',
  'apiKeyEnv',
  'baseUrl',
  'models',
  'maxTokensField',
  'includeUsage',
  'defaultMaxTokens',
  'timeoutMs',
]);
const MODEL_KEYS = new Set(['$comment', 'id', 'label', 'price']);

/** Validates an already-parsed config; `source` names the file in error messages. */
export function parseConfig(json: unknown, source = 'config'): AtelierConfig {
  const fail = (path: string, problem: string): never => {
    throw new ConfigError(`${source}: ${path ? `${path}: ` : ''}${problem}`);
  };
  refuseSecrets(json, '', fail);
  const root = asObject(json, '', fail, 'the file must hold a JSON object { "providers": [...] }');
  checkKeys(root, TOP_LEVEL_KEYS, '', fail);
  if (!Array.isArray(root.providers)) fail('providers', 'must be an array of providers');
  const providers = (root.providers as unknown[]).map((entry, index) => parseProvider(entry, `providers[${index}]`, fail));
  const seen = new Set<string>();
  for (const [index, provider] of providers.entries()) {
    if (seen.has(provider.id)) fail(`providers[${index}].id`, `"${provider.id}" is used twice; provider ids must be unique`);
    seen.add(provider.id);
  }
  const config: AtelierConfig = { providers };
  if (root.defaultModel !== undefined) {
    if (typeof root.defaultModel !== 'string' || !root.defaultModel.includes('/')) {
      fail('defaultModel', 'must read "provider/model", e.g. "openai/gpt-4o-mini"');
    }
    config.defaultModel = root.defaultModel as string;
  }
  return config;
}

type Fail = (path: string, problem: string) => never;

function parseProvider(value: unknown, path: string, fail: Fail): ProviderConfig {
  const entry = asObject(value, path, fail, 'must be an object');
  checkKeys(entry, PROVIDER_KEYS, path, fail);
  const id = entry.id;
  if (typeof id !== 'string' || !PROVIDER_ID.test(id)) {
    fail(`${path}.id`, 'must be lower-case letters, digits, "-" or "_" (it prefixes model ids: "mistral/…")');
  }
  const kind = entry.kind;
  if (!PROVIDER_KINDS.includes(kind as ProviderKind)) {
    fail(`${path}.kind`, 'must be "openai" (also for OpenAI-compatible servers), "anthropic" or "offline"');
  }
  const provider: ProviderConfig = { id: id as string, kind: kind as ProviderKind };
  if (provider.id === 'offline' && provider.kind !== 'offline') fail(`${path}.id`, '"offline" is reserved for the built-in simulator');
  if (entry.apiKeyEnv !== undefined) {
    if (typeof entry.apiKeyEnv !== 'string' || !ENV_NAME.test(entry.apiKeyEnv)) {
      fail(`${path}.apiKeyEnv`, 'must be the NAME of an environment variable (e.g. "MISTRAL_API_KEY"), not the key itself');
    }
    provider.apiKeyEnv = entry.apiKeyEnv as string;
  }
  if (entry.baseUrl !== undefined) provider.baseUrl = parseUrl(entry.baseUrl, `${path}.baseUrl`, fail);
  if (entry.models !== undefined) {
    if (!Array.isArray(entry.models)) fail(`${path}.models`, 'must be an array of { "id": "…" }');
    provider.models = (entry.models as unknown[]).map((model, index) => parseModel(model, `${path}.models[${index}]`, fail));
  }
  if (entry.maxTokensField !== undefined) {
    if (entry.maxTokensField !== 'max_tokens' && entry.maxTokensField !== 'max_completion_tokens') {
      fail(`${path}.maxTokensField`, 'must be "max_tokens" or "max_completion_tokens"');
    }
    provider.maxTokensField = entry.maxTokensField as 'max_tokens' | 'max_completion_tokens';
  }
  if (entry.includeUsage !== undefined) {
    if (typeof entry.includeUsage !== 'boolean') fail(`${path}.includeUsage`, 'must be true or false');
    provider.includeUsage = entry.includeUsage as boolean;
  }
  if (entry.defaultMaxTokens !== undefined)
    provider.defaultMaxTokens = positiveInteger(entry.defaultMaxTokens, `${path}.defaultMaxTokens`, fail);
  if (entry.timeoutMs !== undefined) provider.timeoutMs = positiveInteger(entry.timeoutMs, `${path}.timeoutMs`, fail);
  return provider;
}

function parseModel(value: unknown, path: string, fail: Fail): ModelConfig {
  const entry = typeof value === 'string' ? { id: value } : asObject(value, path, fail, 'must be { "id": "…" } or a model id string');
  checkKeys(entry, MODEL_KEYS, path, fail);
  if (typeof entry.id !== 'string' || entry.id.trim() === '') fail(`${path}.id`, 'must be the provider-local model id, e.g. "gpt-4o-mini"');
  const model: ModelConfig = { id: entry.id as string };
  if (entry.label !== undefined) {
    if (typeof entry.label !== 'string') fail(`${path}.label`, 'must be a string');
    model.label = entry.label as string;
  }
  if (entry.price !== undefined) {
    const price = asObject(
      entry.price,
      `${path}.price`,
      fail,
      'must be { "inputPerMTok": n, "outputPerMTok": n } in USD per million tokens',
    );
    checkKeys(price, new Set(['inputPerMTok', 'outputPerMTok']), `${path}.price`, fail);
    const input = price.inputPerMTok;
    const output = price.outputPerMTok;
    if (typeof input !== 'number' || !(input >= 0))
      fail(`${path}.price.inputPerMTok`, 'must be a number ≥ 0 (USD per million input tokens)');
    if (typeof output !== 'number' || !(output >= 0))
      fail(`${path}.price.outputPerMTok`, 'must be a number ≥ 0 (USD per million output tokens)');
    model.price = { inputPerMTok: input as number, outputPerMTok: output as number };
  }
  return model;
}

function refuseSecrets(value: unknown, path: string, fail: Fail): void {
  if (Array.isArray(value)) value.forEach((item, index) => refuseSecrets(item, `${path}[${index}]`, fail));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (SECRET_PROPERTY.test(key)) {
        fail(
          childPath,
          'API keys never go in the config file. Put the key in an environment variable and name that variable with "apiKeyEnv".',
        );
      }
      refuseSecrets(child, childPath, fail);
    }
  }
}

function asObject(value: unknown, path: string, fail: Fail, problem: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, problem);
  return value as Record<string, unknown>;
}

function checkKeys(entry: Record<string, unknown>, allowed: Set<string>, path: string, fail: Fail): void {
  for (const key of Object.keys(entry)) {
    if (!allowed.has(key))
      fail(path ? `${path}.${key}` : key, `unknown setting (allowed: ${[...allowed].filter((k) => !k.startsWith('$')).join(', ')})`);
  }
}

function parseUrl(value: unknown, path: string, fail: Fail): string {
  if (typeof value !== 'string') fail(path, 'must be a URL string');
  let url: URL | undefined;
  try {
    url = new URL(value as string);
  } catch {
    fail(path, `"${redactUrlCredentials(String(value))}" is not a URL (e.g. "http://127.0.0.1:11434/v1")`);
  }
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') fail(path, 'must be an http:// or https:// URL');
  if (url && (url.username || url.password)) fail(path, 'must not contain credentials; use apiKeyEnv');
  if (url && [...url.searchParams.keys()].some((name) => /key|token|secret/i.test(name))) {
    fail(path, 'must not carry a key in its query string; use apiKeyEnv');
  }
  return (value as string).replace(/\/+$/, '');
}

function positiveInteger(value: unknown, path: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) fail(path, 'must be a positive integer');
  return value as number;
}
