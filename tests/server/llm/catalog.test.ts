import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/llm/config';
import { loadModelCatalog } from '../../../server/llm/catalog';
import { jsonFixture, startFakeProviderServer, type FakeProviderServer } from './fake-provider-server';

const OPENAI_KEY = 'sk-proj-registrytest0123456789abcdef';
const ANTHROPIC_KEY = 'sk-ant-api03-registrytest0123456789abcdef';
const MISTRAL_KEY = 'MiStRaLkEy0123456789abcdefABCDEF';

let server: FakeProviderServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function writeConfig(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-config-'));
  const path = join(dir, 'atelier.config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, estimated: false });

describe('model catalog: without a config file', () => {
  it('offers only the offline simulator, as the default, when nothing is configured', async () => {
    const catalog = await loadModelCatalog({ env: {}, configPath: undefined, offline: { paceMs: 0, firstTokenMs: 0 } });
    expect(catalog.defaultModelId).toBe('offline/simulator');
    expect(catalog.models().map((model) => model.id)).toEqual(['offline/simulator', 'offline/simulator-fast']);
    expect(catalog.models().every((model) => model.simulated)).toBe(true);
    expect(catalog.costOf('offline/simulator', usage(1000, 1000))).toBe(0);
    expect(await catalog.status()).toEqual([expect.objectContaining({ id: 'offline', kind: 'offline', status: 'configured' })]);
  });

  it('OPENAI_API_KEY offers OpenAI with the built-in list and prices when listing is off', async () => {
    const catalog = await loadModelCatalog({ env: { OPENAI_API_KEY: OPENAI_KEY }, fetchModelLists: false });
    const ids = catalog.models().map((model) => model.id);
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(ids).toContain('offline/simulator');
    expect(catalog.defaultModelId).toBe('openai/gpt-4o-mini');
    expect(catalog.get('openai/gpt-4o-mini')).toMatchObject({ providerId: 'openai', model: 'gpt-4o-mini' });
    expect(catalog.costOf('openai/gpt-4o-mini', usage(1_000_000, 1_000_000))).toBeCloseTo(0.75, 10);
    expect(catalog.costOf('openai/gpt-4o-mini', usage(2000, 500))).toBeCloseTo((2000 * 0.15 + 500 * 0.6) / 1e6, 12);
    expect(catalog.get('openai/not-a-model')).toBeUndefined();
    expect(catalog.costOf('openai/not-a-model', usage(1, 1))).toBeNull();
  });

  it('lists OpenAI models from the provider (OPENAI_BASE_URL), well-known ones first', async () => {
    server = await startFakeProviderServer([{ body: jsonFixture('openai/models.json') }]);
    const catalog = await loadModelCatalog({ env: { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1` } });
    expect(server.requests[0]?.path).toBe('/v1/models');
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    const openai = catalog
      .models()
      .filter((model) => model.providerId === 'openai')
      .map((model) => model.model);
    expect(openai[0]).toBe('gpt-4o-mini');
    expect(openai).toContain('gpt-4o');
    expect(catalog.defaultModelId).toBe('openai/gpt-4o-mini');
  });

  it('falls back to the built-in list when the listing fails, and reports the provider unreachable', async () => {
    server = await startFakeProviderServer([{ status: 500, body: jsonFixture('openai/error-500.json') }]);
    const catalog = await loadModelCatalog({ env: { OPENAI_API_KEY: OPENAI_KEY, OPENAI_BASE_URL: `${server.url}/v1` } });
    expect(catalog.models().map((model) => model.id)).toContain('openai/gpt-4.1-mini');
    const openai = (await catalog.status()).find((status) => status.id === 'openai');
    expect(openai?.status).toBe('unreachable');
    expect(openai?.error).toMatch(/500/);
  });

  it('ANTHROPIC_API_KEY + ANTHROPIC_BASE_URL offers Anthropic with listed models and their names', async () => {
    server = await startFakeProviderServer([{ body: jsonFixture('anthropic/models.json') }]);
    const catalog = await loadModelCatalog({ env: { ANTHROPIC_API_KEY: ANTHROPIC_KEY, ANTHROPIC_BASE_URL: server.url } });
    expect(server.requests[0]?.path).toMatch(/^\/v1\/models/);
    const model = catalog.get('anthropic/claude-haiku-4-5-20251001');
    expect(model).toMatchObject({ label: 'Claude Haiku 4.5', providerId: 'anthropic', unsupportedParams: ['temperature', 'topP'] });
    expect(model?.price).toEqual({ inputPerMTok: 1, outputPerMTok: 5 });
  });
});

describe('model catalog: config file', () => {
  const config = (baseUrl: string) => ({
    defaultModel: 'ollama/llama3.2',
    providers: [
      {
        id: 'openai',
        kind: 'openai',
        apiKeyEnv: 'OPENAI_API_KEY',
        baseUrl,
        models: [{ id: 'gpt-4o-mini', label: 'GPT-4o mini', price: { inputPerMTok: 0.2, outputPerMTok: 0.8 } }],
      },
      {
        id: 'mistral',
        kind: 'openai',
        baseUrl: 'https://api.mistral.ai/v1',
        apiKeyEnv: 'MISTRAL_API_KEY',
        models: ['mistral-small-latest'],
      },
      { id: 'ollama', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: [{ id: 'llama3.2' }] },
    ],
  });

  it('builds providers side by side, keys from the environment, prices from the file', async () => {
    const path = writeConfig(config('http://127.0.0.1:9/v1'));
    const catalog = await loadModelCatalog({ env: { OPENAI_API_KEY: OPENAI_KEY }, configPath: path });
    expect(catalog.models().map((model) => model.id)).toEqual([
      'openai/gpt-4o-mini',
      'ollama/llama3.2',
      'offline/simulator',
      'offline/simulator-fast',
    ]);
    expect(catalog.defaultModelId).toBe('ollama/llama3.2');
    expect(catalog.costOf('openai/gpt-4o-mini', usage(1_000_000, 0))).toBeCloseTo(0.2, 10);
    expect(catalog.costOf('ollama/llama3.2', usage(1000, 1000))).toBeNull();
    expect(catalog.get('mistral/mistral-small-latest')).toBeUndefined();
  });

  it('reads the file named by ATELIER_CONFIG', async () => {
    const path = writeConfig({ providers: [{ id: 'ollama', kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', models: ['qwen2.5'] }] });
    const catalog = await loadModelCatalog({ env: { ATELIER_CONFIG: path } });
    expect(catalog.defaultModelId).toBe('ollama/qwen2.5');
  });

  it('reports each provider status without ever including a key', async () => {
    server = await startFakeProviderServer((request) =>
      request.path.startsWith('/bad')
        ? {
            status: 401,
            body: {
              error: { message: `Incorrect API key provided: ${OPENAI_KEY}`, type: 'invalid_request_error', code: 'invalid_api_key' },
            },
          }
        : { body: jsonFixture('openai/models.json') },
    );
    const path = writeConfig({
      providers: [
        { id: 'openai', kind: 'openai', apiKeyEnv: 'OPENAI_API_KEY', baseUrl: `${server.url}/bad/v1`, models: ['gpt-4o-mini'] },
        { id: 'vllm', kind: 'openai', baseUrl: `${server.url}/v1`, apiKeyEnv: 'VLLM_KEY' },
        {
          id: 'mistral',
          kind: 'openai',
          baseUrl: 'https://api.mistral.ai/v1',
          apiKeyEnv: 'MISTRAL_API_KEY',
          models: ['mistral-small-latest'],
        },
      ],
    });
    const env = { OPENAI_API_KEY: OPENAI_KEY, VLLM_KEY: MISTRAL_KEY };
    const catalog = await loadModelCatalog({ env, configPath: path });
    const statuses = await catalog.status();
    expect(statuses.map((status) => [status.id, status.status])).toEqual([
      ['openai', 'unreachable'],
      ['vllm', 'configured'],
      ['mistral', 'key_missing'],
      ['offline', 'configured'],
    ]);
    expect(statuses.find((status) => status.id === 'mistral')?.error).toMatch(/MISTRAL_API_KEY is not set/);
    expect(statuses.find((status) => status.id === 'vllm')?.models.map((model) => model.model)).toContain('gpt-4o-mini');
    const text = JSON.stringify(statuses);
    for (const key of [OPENAI_KEY, MISTRAL_KEY]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(-12));
    }
  });

  it.each<[string, unknown, RegExp]>([
    [
      'a key in the file',
      { providers: [{ id: 'openai', kind: 'openai', apiKey: 'sk-x' }] },
      /providers\[0\]\.apiKey: API keys never go in the config file.*apiKeyEnv/,
    ],
    [
      'a key in apiKeyEnv',
      { providers: [{ id: 'openai', kind: 'openai', apiKeyEnv: 'sk-abc-123' }] },
      /apiKeyEnv: must be the NAME of an environment variable/,
    ],
    ['an unknown kind', { providers: [{ id: 'groq', kind: 'groq' }] }, /providers\[0\]\.kind: must be "openai".*"anthropic"/],
    [
      'a duplicate id',
      {
        providers: [
          { id: 'a', kind: 'openai' },
          { id: 'a', kind: 'anthropic' },
        ],
      },
      /providers\[1\]\.id: "a" is used twice/,
    ],
    [
      'a bad base URL',
      { providers: [{ id: 'x', kind: 'openai', baseUrl: 'localhost:11434' }] },
      /providers\[0\]\.baseUrl: .*(not a URL|http)/,
    ],
    [
      'a key in the base URL',
      { providers: [{ id: 'g', kind: 'openai', baseUrl: 'https://example.com/v1?key=abc' }] },
      /baseUrl: must not carry a key/,
    ],
    ['a typo', { providers: [{ id: 'x', kind: 'openai', baseURL: 'http://a' }] }, /providers\[0\]\.baseURL: unknown setting/],
    [
      'a bad price',
      { providers: [{ id: 'x', kind: 'openai', models: [{ id: 'm', price: { inputPerMTok: -1, outputPerMTok: 1 } }] }] },
      /models\[0\]\.price\.inputPerMTok/,
    ],
    ['no providers array', { provider: [] }, /provider: unknown setting|providers: must be an array/],
    ['a slash in an id', { providers: [{ id: 'my/openai', kind: 'openai' }] }, /providers\[0\]\.id: must be lower-case/],
    ['"offline" for another kind', { providers: [{ id: 'offline', kind: 'openai' }] }, /reserved/],
  ])('refuses %s with a clear error', (_, content, message) => {
    expect(() => parseConfig(content, 'atelier.config.json')).toThrowError(ConfigError);
    expect(() => parseConfig(content, 'atelier.config.json')).toThrowError(message);
  });

  it('refuses a file that is not JSON, and an ATELIER_CONFIG that does not exist', async () => {
    await expect(loadModelCatalog({ env: {}, configPath: writeConfig('{ providers: [') })).rejects.toThrowError(/not valid JSON/);
    await expect(loadModelCatalog({ env: { ATELIER_CONFIG: '/nonexistent/atelier.json' } })).rejects.toThrowError(/does not exist/);
  });
});

describe('documented configuration', () => {
  it('atelier.config.example.json and every JSON example in docs/providers.md are valid', async () => {
    const { readFileSync } = await import('node:fs');
    const root = new URL('../../../', import.meta.url);
    parseConfig(JSON.parse(readFileSync(new URL('atelier.config.example.json', root), 'utf8')), 'example');
    const docs = readFileSync(new URL('docs/providers.md', root), 'utf8');
    const blocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(blocks.length).toBeGreaterThanOrEqual(9);
    for (const block of blocks) parseConfig(JSON.parse(block), 'docs/providers.md');
  });
});
