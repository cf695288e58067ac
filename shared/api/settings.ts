import Type, { type Static } from 'typebox';

// The organisation's settings (admin): how long ended sessions are kept, and the consent
// text a candidate reads before starting.

export const ConsentText = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 10_000 }),
    fr: Type.String({ minLength: 1, maxLength: 10_000 }),
  },
  { additionalProperties: false },
);

export const PrivacySettings = Type.Object({
  /** Ended sessions older than this many days are erased; null keeps them forever. */
  retentionDays: Type.Union([Type.Integer({ minimum: 1, maximum: 36_500 }), Type.Null()]),
  consentText: ConsentText,
});
export type PrivacySettings = Static<typeof PrivacySettings>;

export const SettingsPatch = Type.Object(
  {
    // One type list, not a union: Ajv coerces inside a union (0 would become null, null 0).
    retentionDays: Type.Optional(
      Type.Unsafe<number | null>({
        type: ['integer', 'null'],
        minimum: 1,
        maximum: 36_500,
        description: 'Days; null keeps ended sessions forever',
      }),
    ),
    consentText: Type.Optional(
      Type.Object(
        {
          en: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
          fr: Type.Optional(Type.String({ minLength: 1, maxLength: 10_000 })),
        },
        { additionalProperties: false, description: 'Markdown per language; languages left out keep their text' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SettingsPatch = Static<typeof SettingsPatch>;
