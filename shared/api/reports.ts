import Type, { type Static } from 'typebox';

// Exports and reports of a session, built from what the reader may see; and how it is reviewed.

export const EXPORT_FORMAT = 'atelier-session' as const;
export const EXPORT_SCHEMA_VERSION = 1;

export const SessionExport = Type.Object({
  format: Type.Literal(EXPORT_FORMAT),
  schemaVersion: Type.Integer(),
  exportedAt: Type.Number(),
  sessionId: Type.String(),
  role: Type.String(),
  events: Type.Array(Type.Unknown()),
});

export const ReportQuery = Type.Object({
  lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('fr')])),
  role: Type.Optional(Type.String({ maxLength: 20 })),
});

/** Markdown or HTML text. */
export const Report = Type.String();

export const ReviewSetting = Type.Object({ blind: Type.Boolean() });
export type ReviewSetting = Static<typeof ReviewSetting>;

export const ReviewBody = Type.Object({ blind: Type.Boolean() }, { additionalProperties: false });
