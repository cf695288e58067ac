// What Atelier knows without asking: the models offered when a provider's listing
// fails, and list prices (USD per million tokens) of well-known models, used when the
// config gives none. Prices change — check the providers' pricing pages and put the
// current ones in the config file; an unknown price means cost is null, never a guess.

import type { Price } from './config';

export interface BuiltinModel {
  id: string;
  label: string;
}

/** Offered when OpenAI's model listing fails, most useful first. */
export const OPENAI_FALLBACK_MODELS: BuiltinModel[] = [
  { id: 'gpt-4o-mini', label: 'GPT-4o mini' },
  { id: 'gpt-4.1-mini', label: 'GPT-4.1 mini' },
  { id: 'gpt-4o', label: 'GPT-4o' },
  { id: 'gpt-4.1', label: 'GPT-4.1' },
  { id: 'gpt-4.1-nano', label: 'GPT-4.1 nano' },
  { id: 'gpt-5-mini', label: 'GPT-5 mini' },
  { id: 'gpt-5', label: 'GPT-5' },
];

/** Offered when Anthropic's model listing fails, most useful first. */
export const ANTHROPIC_FALLBACK_MODELS: BuiltinModel[] = [
  { id: 'claude-haiku-4-5', label: 'Claude Haiku 4.5' },
  { id: 'claude-sonnet-4-6', label: 'Claude Sonnet 4.6' },
  { id: 'claude-opus-4-6', label: 'Claude Opus 4.6' },
];

/** List prices per million tokens; dated snapshots match their base id (see priceOf). */
export const BUILTIN_PRICES: Record<string, Price> = {
  'gpt-4o-mini': { inputPerMTok: 0.15, outputPerMTok: 0.6 },
  'gpt-4o': { inputPerMTok: 2.5, outputPerMTok: 10 },
  'gpt-4.1': { inputPerMTok: 2, outputPerMTok: 8 },
  'gpt-4.1-mini': { inputPerMTok: 0.4, outputPerMTok: 1.6 },
  'gpt-4.1-nano': { inputPerMTok: 0.1, outputPerMTok: 0.4 },
  'gpt-5': { inputPerMTok: 1.25, outputPerMTok: 10 },
  'gpt-5-mini': { inputPerMTok: 0.25, outputPerMTok: 2 },
  'gpt-5-nano': { inputPerMTok: 0.05, outputPerMTok: 0.4 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-6': { inputPerMTok: 5, outputPerMTok: 25 },
};

/** `gpt-4o-mini-2024-07-18` → the `gpt-4o-mini` price; an exact id wins. */
export function builtinPriceOf(model: string): Price | undefined {
  const exact = BUILTIN_PRICES[model];
  if (exact) return exact;
  const base = model.replace(/-\d{4}-?\d{2}-?\d{2}$/, '');
  return base !== model ? BUILTIN_PRICES[base] : undefined;
}

/** OpenAI's listing also returns embedding, audio and image models: keep chat ones. */
export function isOpenAIChatModel(id: string): boolean {
  return /^(gpt-|o\d|chatgpt-)/.test(id) && !/(audio|realtime|transcribe|tts|image|embedding|instruct|search|codex|moderation)/.test(id);
}
