/**
 * E-forms (P2): each service's form is a JSON Schema plus presentation hints
 * (steps, labels and help texts in lv and en, conditional fields, attachment
 * slots), versioned; its managers edit it. Data is validated on the server
 * with one error per offending field in both languages.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { hasRole, type Principal } from '../../platform/http/auth.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import type { Right } from '../access/index.js';
import type { Service } from '../catalog/index.js';
import { sourceInfo } from '../registers/index.js';
import { actorName, asRoot, type ApplicationsDeps } from './applications.context.js';
import * as errors from './applications.errors.js';
import type { FormFieldError } from './applications.errors.js';
import * as repo from './applications.repo.js';
import { FormPresentation, type Form, type FormInput, type JsonSchema } from './applications.schemas.js';
import { genericForm } from './forms.defaults.js';
import { compileSchema, fieldErrors, validatorFor } from './forms.validate.js';

export interface KnownAboutApplicant {
  /** the name of the party applied for (a person's full name, a company's name) */
  name?: string;
  email?: string;
  phone?: string;
}

export interface FormsService {
  /** the service's current form (its managers' latest version, or the platform's generic form as version 0) */
  /** by the service's id or slug */
  getForm(serviceRef: string): Promise<Form>;
  /** saves a new version; service managers of the service's institution */
  saveForm(actor: Principal, serviceId: string, input: FormInput): Promise<Form>;
  /** field errors of `data` against a form (empty when valid) */
  validateData(form: Form, data: unknown): FormFieldError[];
  /** initial values for the fields whose hints ask for what the platform knows */
  prefill(form: Form, principal: Principal, right: Right, known?: KnownAboutApplicant): Record<string, unknown>;
}

const MAX_FORM_BYTES = 256 * 1024;

// The presentation hints are checked with their TypeBox schema (plain JSON Schema).
const presentationValidator = new Ajv({ allErrors: true, strict: false }).compile(FormPresentation);

const toFieldErrors = (list: readonly ErrorObject[] | null | undefined, base: string): FieldError[] =>
  fieldErrors(list ?? [], base).map(({ pointer, detail }) => ({ pointer, in: 'body' as const, detail }));

/** The schema of a field named `a/b`, following `properties`. */
function fieldSchema(schema: JsonSchema, name: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const part of name.split('/')) {
    const properties = current?.properties as Record<string, JsonSchema> | undefined;
    current = properties && Object.hasOwn(properties, part) ? properties[part] : undefined;
  }
  return current;
}

/** Rules a schema cannot state: everything the hints name exists, every field is on a step. */
export function formProblems(input: FormInput): FieldError[] {
  const problems: FieldError[] = [];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, in: 'body', detail });
  const { schema, presentation } = input;
  if (schema.type !== 'object' || typeof schema.properties !== 'object' || schema.properties === null) {
    problem('#/schema', 'the form’s schema describes an object: type "object" with properties');
    return problems;
  }
  const slots = new Set<string>();
  presentation.attachments.forEach((slot, index) => {
    if (slots.has(slot.name)) problem(`#/presentation/attachments/${index}/name`, `slot "${slot.name}" is named twice`);
    slots.add(slot.name);
    if (slot.showIf && !fieldSchema(schema, slot.showIf.field)) problem(`#/presentation/attachments/${index}/showIf/field`, `no field "${slot.showIf.field}"`);
  });
  for (const [name, hint] of Object.entries(presentation.fields)) {
    const pointer = `#/presentation/fields/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (!fieldSchema(schema, name)) problem(pointer, `the schema has no field "${name}"`);
    if (hint.showIf && !fieldSchema(schema, hint.showIf.field)) problem(`${pointer}/showIf/field`, `no field "${hint.showIf.field}"`);
    // A register's entries are offered as radios or a list; its single value is shown as given and cannot be required of the person.
    if (hint.source && sourceInfo(hint.source).kind === 'choices' && hint.widget !== 'radio' && hint.widget !== 'select') problem(`${pointer}/widget`, `choices from ${hint.source} need the widget "radio" or "select"`);
    if (hint.source && name.includes('/')) problem(`${pointer}/source`, 'only a top-level field takes its value from a register');
  }
  const placed = new Set<string>();
  const stepIds = new Set<string>();
  presentation.steps.forEach((step, index) => {
    if (stepIds.has(step.id)) problem(`#/presentation/steps/${index}/id`, `step "${step.id}" is named twice`);
    stepIds.add(step.id);
    step.fields.forEach((name, position) => {
      if (!fieldSchema(schema, name)) problem(`#/presentation/steps/${index}/fields/${position}`, `the schema has no field "${name}"`);
      if (!presentation.fields[name]) problem(`#/presentation/steps/${index}/fields/${position}`, `field "${name}" has no label`);
      placed.add(name.split('/')[0] ?? name);
    });
    (step.attachments ?? []).forEach((slot, position) => {
      if (!slots.has(slot)) problem(`#/presentation/steps/${index}/attachments/${position}`, `no attachment slot "${slot}"`);
    });
  });
  for (const name of Object.keys(schema.properties as Record<string, unknown>)) {
    if (!placed.has(name)) problem('#/presentation/steps', `field "${name}" is on no step`);
  }
  return problems;
}

export function createForms(deps: ApplicationsDeps): FormsService {
  const root = deps.root;

  const publishedService = async (serviceId: string): Promise<Service> => {
    if (!repo.isUuid(serviceId)) throw errors.serviceNotFound(serviceId);
    try {
      const service = await deps.catalog(asRoot(root)).get(serviceId);
      if (service.status !== 'published') throw errors.serviceNotFound(serviceId);
      return service;
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_found') throw errors.serviceNotFound(serviceId);
      throw error;
    }
  };

  const toForm = (row: repo.FormRow): Form => ({
    serviceId: row.service_id,
    version: row.version,
    schema: row.schema,
    presentation: row.presentation,
    updatedAt: row.created_at.toISOString(),
    updatedBy: row.created_by,
  });

  return {
    async getForm(ref) {
      // By id, or by slug (a former slug too) as the service's own direct link reads.
      const found = repo.isUuid(ref) ? undefined : await deps.catalog(asRoot(root)).lookup(ref);
      if (found?.kind === 'missing') throw errors.serviceNotFound(ref);
      const serviceId = found ? found.service.id : ref;
      await publishedService(serviceId);
      const row = await repo.currentForm(root, serviceId);
      if (row) return toForm(row);
      return { serviceId, version: 0, ...genericForm(), updatedAt: null, updatedBy: null };
    },

    async saveForm(actor, serviceId, input) {
      const service = await publishedService(serviceId);
      if (!hasRole(actor, 'platform_admin') && !hasRole(actor, 'service_manager', service.institutionId)) throw errors.notManager();
      if (JSON.stringify(input).length > MAX_FORM_BYTES) throw errors.invalidForm([{ pointer: '#', in: 'body', detail: `a form is at most ${MAX_FORM_BYTES} bytes of JSON` }]);
      if (!presentationValidator(input.presentation)) throw errors.invalidForm(toFieldErrors(presentationValidator.errors, '#/presentation'));
      if (typeof input.schema !== 'object' || input.schema === null || Array.isArray(input.schema)) throw errors.invalidForm([{ pointer: '#/schema', in: 'body', detail: 'a JSON Schema object' }]);
      const compiled = compileSchema(input.schema);
      if ('problem' in compiled) throw errors.invalidForm([{ pointer: '#/schema', in: 'body', detail: `not a valid JSON Schema: ${compiled.problem}` }]);
      const problems = formProblems(input);
      if (problems.length > 0) throw errors.invalidForm(problems);
      const saved = await root.transaction().execute(async (trx) => {
        const current = (await repo.currentForm(trx, serviceId))?.version ?? 0;
        if (input.expectedVersion !== undefined && input.expectedVersion !== current) throw errors.formVersionConflict(input.expectedVersion, current);
        const version = current + 1;
        if (!(await repo.insertForm(trx, { serviceId, version, schema: input.schema, presentation: input.presentation, createdBy: actorName(actor) }))) {
          throw errors.formVersionConflict(input.expectedVersion ?? current, version);
        }
        await deps.audit(asRoot(trx)).record({ actor: actorName(actor), action: 'applications.form_saved', target: `service:${serviceId}`, details: { version } });
        return repo.formVersion(trx, serviceId, version);
      });
      if (!saved) throw new Error('saved form vanished');
      return toForm(saved);
    },

    validateData(form, data) {
      const validate = validatorFor(`${form.serviceId}:${form.version}`, form.schema);
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return [{ pointer: '#/data', in: 'body', detail: 'The form data is an object.', keyword: 'type', messages: { lv: 'Veidlapas datiem jābūt objektam.', en: 'The form data is an object.' } }];
      }
      return validate(data) ? [] : fieldErrors(validate.errors ?? []);
    },

    prefill(form, principal, right, known = {}) {
      const values: Record<string, unknown> = {};
      for (const [name, hint] of Object.entries(form.presentation.fields)) {
        if (name.includes('/') || !hint.prefill) continue;
        const value = {
          // The party applied for, not the representative who fills the form in (P9).
          fullName: right.basis === 'self' ? (known.name ?? principal.displayName) : known.name,
          personalCode: right.partyKind === 'person' ? right.party : undefined,
          party: right.party,
          email: known.email,
          phone: known.phone,
        }[hint.prefill];
        if (value !== undefined) values[name] = value;
      }
      return values;
    },
  };
}
