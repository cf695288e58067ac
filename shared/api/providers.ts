import Type, { type Static } from 'typebox';

// Configured providers and their models, with their status (admin). Never a key.

export const ProviderModel = Type.Object({
  id: Type.String(),
  label: Type.String(),
  simulated: Type.Boolean(),
  price: Type.Optional(Type.Object({ inputPerMTok: Type.Number(), outputPerMTok: Type.Number() })),
});

export const ProviderStatus = Type.Union([Type.Literal('configured'), Type.Literal('key_missing'), Type.Literal('unreachable')]);
export type ProviderStatus = Static<typeof ProviderStatus>;

export const ProviderInfo = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  baseUrl: Type.Optional(Type.String()),
  status: ProviderStatus,
  error: Type.Optional(Type.String()),
  models: Type.Array(ProviderModel),
});
export type ProviderInfo = Static<typeof ProviderInfo>;

export const Providers = Type.Object({ defaultModel: Type.String(), providers: Type.Array(ProviderInfo) });
export type Providers = Static<typeof Providers>;
