/** TypeBox schemas of participation's API: the open performance data and its data-set description. */
import { Type, type Static } from '@sinclair/typebox';

const Text = Type.Object({ lv: Type.String(), en: Type.String() });
const Figure = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });

export const PerformanceRowSchema = Type.Object(
  {
    month: Type.String({ description: 'YYYY-MM (the month the applications began), or "total"' }),
    applications: Figure('applications begun'),
    decided: Figure('of them, decided, delivered or rejected'),
    decidedOnTime: Figure('of them, decided by the expected date'),
    onTimeShare: Figure('decidedOnTime / decided (with an expected date), 0–1'),
    medianDays: Figure('median processing time in days, begun to decided'),
    p90Days: Figure('90th percentile of the processing time in days (nearest rank)'),
    ratings: Figure('ratings given after a result'),
    satisfaction: Figure('average rating, 1–5'),
    feedback: Figure('"was this page useful?" answers on the service’s pages'),
    usefulShare: Figure('share of "yes" among them, 0–1'),
    suppressed: Type.Array(Type.String(), { description: 'figures not shown because they rest on 1–4 cases (their value is null)' }),
  },
  { description: 'The figures of one month, or of the whole period' },
);

export const DatasetSchema = Type.Object(
  {
    '@type': Type.Literal('dcat:Dataset'),
    identifier: Type.String(),
    title: Text,
    description: Text,
    publisher: Type.Object({ name: Text, identifier: Type.String() }),
    license: Type.String({ description: 'the licence of the data (a URI)' }),
    temporal: Type.Union([Type.Object({ startDate: Type.String(), endDate: Type.String() }), Type.Null()], { description: 'temporal coverage: first and last month (ISO dates)' }),
    modified: Type.String({ format: 'date-time' }),
    distribution: Type.Array(Type.Object({ mediaType: Type.String(), accessURL: Type.String() })),
    conformsTo: Type.String({ description: 'where the figures’ schema is documented' }),
  },
  { description: 'A DCAT-AP-style description of the data set' },
);

export const PerformanceReplySchema = Type.Object(
  {
    dataset: DatasetSchema,
    subject: Type.Object({ kind: Type.Union([Type.Literal('service'), Type.Literal('institution'), Type.Literal('national')]), id: Type.String(), code: Type.String(), name: Text }),
    suppressBelow: Type.Integer({ description: 'counts from 1 to this minus one are suppressed' }),
    informationQuality: Type.Optional(
      Type.Object(
        {
          score: Type.Integer({ description: 'how many of the nine items of Regulation (EU) 2018/1724 Art. 10 the service’s information gives' }),
          max: Type.Integer(),
          missing: Type.Array(Type.String(), { description: 'steps, authority, authentication, evidence, redress, fees, deadlines, silence, languages' }),
        },
        { description: 'a service’s information quality (services only)' },
      ),
    ),
    months: Type.Array(PerformanceRowSchema),
    total: PerformanceRowSchema,
  },
  { description: 'Public performance figures with their data-set description' },
);
export type PerformanceReply = Static<typeof PerformanceReplySchema>;

export const RefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9-]+$' }) });
