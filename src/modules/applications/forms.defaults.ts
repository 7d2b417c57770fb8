/**
 * The platform's generic e-form (P2: every service can be applied for
 * digitally): who applies and how to reach them, a free-text request, files,
 * and consent. A service uses it until its managers save a form of their own;
 * service-specific forms extend it with `extendForm`.
 */
import type { FieldHint, FormPresentation, FormStep, JsonSchema, AttachmentSlot } from './applications.schemas.js';

const t = (lv: string, en: string) => ({ lv, en });

export const GENERIC_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    fullName: { type: 'string', minLength: 1, maxLength: 200 },
    email: { type: 'string', format: 'email', maxLength: 320 },
    phone: { type: 'string', pattern: '^\\+?[0-9 ]{8,20}$' },
    request: { type: 'string', minLength: 1, maxLength: 5000 },
    consent: { const: true },
  },
  required: ['fullName', 'email', 'request', 'consent'],
} as const;

export const GENERIC_FIELDS: Record<string, FieldHint> = {
  fullName: { label: t('Vārds, uzvārds', 'Full name'), widget: 'text', prefill: 'fullName', autocomplete: 'name' },
  email: { label: t('E-pasta adrese', 'E-mail address'), help: t('Uz šo adresi sūtīsim ziņas par pieteikumu.', 'We will send news about the application to this address.'), widget: 'email', prefill: 'email', autocomplete: 'email' },
  phone: { label: t('Tālrunis (nav obligāts)', 'Phone (optional)'), widget: 'tel', prefill: 'phone', autocomplete: 'tel' },
  request: { label: t('Jūsu pieprasījums', 'Your request'), help: t('Aprakstiet, ko vēlaties saņemt, un svarīgos apstākļus.', 'Describe what you are asking for and anything that matters.'), widget: 'textarea' },
  consent: {
    label: t('Apliecinu, ka sniegtās ziņas ir patiesas, un piekrītu to apstrādei pakalpojuma sniegšanai.', 'I confirm that the information is true and agree to its processing to provide the service.'),
    widget: 'checkbox',
  },
};

export const GENERIC_ATTACHMENTS: AttachmentSlot[] = [
  {
    name: 'documents',
    title: t('Pievienotie dokumenti', 'Supporting documents'),
    help: t('PDF, PNG vai JPEG, līdz 10 MB katrs, ne vairāk kā 5.', 'PDF, PNG or JPEG, up to 10 MB each, at most 5.'),
    required: false,
    maxBytes: 10 * 1024 * 1024,
    mediaTypes: ['application/pdf', 'image/png', 'image/jpeg'],
    maxFiles: 5,
  },
];

const APPLICANT_STEP: FormStep = { id: 'applicant', title: t('Iesniedzējs', 'Applicant'), fields: ['fullName', 'email', 'phone'] };
const REQUEST_STEP: FormStep = { id: 'request', title: t('Pieprasījums', 'Request'), fields: ['request'], attachments: ['documents'] };
const CONFIRM_STEP: FormStep = { id: 'confirm', title: t('Apstiprinājums', 'Confirmation'), fields: ['consent'] };

export function genericForm(): { schema: JsonSchema; presentation: FormPresentation } {
  return {
    schema: structuredClone(GENERIC_SCHEMA) as unknown as JsonSchema,
    presentation: { steps: [APPLICANT_STEP, REQUEST_STEP, CONFIRM_STEP], fields: { ...GENERIC_FIELDS }, attachments: [...GENERIC_ATTACHMENTS] },
  };
}

export interface FormExtension {
  /** the service-specific step, shown after the applicant's details */
  step: FormStep;
  /** further service-specific steps, after the first one */
  moreSteps?: FormStep[];
  properties: Record<string, JsonSchema>;
  required: string[];
  fields: Record<string, FieldHint>;
  /** extra JSON Schema rules, e.g. if/then for conditional fields */
  allOf?: JsonSchema[];
  attachments?: AttachmentSlot[];
  /** the free-text request is optional when the specific fields say it all */
  requestOptional?: boolean;
}

/** The generic form with a service-specific step. */
export function extendForm(extension: FormExtension): { schema: JsonSchema; presentation: FormPresentation } {
  const base = genericForm();
  const properties = { ...(base.schema.properties as Record<string, JsonSchema>), ...extension.properties };
  let required = [...(base.schema.required as string[]), ...extension.required];
  const fields = { ...base.presentation.fields, ...extension.fields };
  if (extension.requestOptional) {
    required = required.filter((name) => name !== 'request');
    properties.request = { type: 'string', maxLength: 5000 };
    fields.request = { ...GENERIC_FIELDS.request!, label: t('Papildu informācija (nav obligāta)', 'Anything else (optional)') };
  }
  const schema: JsonSchema = { ...base.schema, properties, required };
  if (extension.allOf) schema.allOf = extension.allOf;
  const [applicant, request, confirm] = base.presentation.steps as [FormStep, FormStep, FormStep];
  const requestStep: FormStep = extension.attachments ? { ...request, attachments: [...(request.attachments ?? []), ...extension.attachments.map((slot) => slot.name)] } : request;
  return {
    schema,
    presentation: {
      steps: [applicant, extension.step, ...(extension.moreSteps ?? []), requestStep, confirm],
      fields,
      attachments: [...base.presentation.attachments, ...(extension.attachments ?? [])],
    },
  };
}
