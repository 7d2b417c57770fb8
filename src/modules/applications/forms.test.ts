/**
 * E-forms: every demo form is well formed; documents generated from a form's
 * own schema are accepted (fast-check, with a small schema-to-arbitrary
 * mapping); breaking one field gives exactly one error, for that field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { FormPresentation, type JsonSchema } from './applications.schemas.js';
import { demoFormFor, flagshipForms } from './demo-data/forms.js';
import { genericForm } from './forms.defaults.js';
import { formProblems } from './forms.service.js';
import { compileSchema, fieldErrors, isIban } from './forms.validate.js';
import { openFixture, self, type Fixture } from './applications.fixtures.js';

const LETTERS = 'aābcčdeēfgģhiījkķlļmnņoprsštuūvzžAĀBCČDEĒFGĢHIĪJKĶLĻMNŅOPRSŠTUŪVZŽ0123456789 -.,'.split('');
const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

const personalCode = fc
  .tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 999 }))
  .map(([day, month, year, century, serial]) => {
    const digits = `${String(day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).padStart(2, '0')}${century}${String(serial).padStart(3, '0')}`;
    const check = (1101 - WEIGHTS.reduce((sum, weight, i) => sum + weight * Number(digits[i]), 0)) % 11;
    return { digits, check };
  })
  .filter(({ check }) => check < 10)
  .map(({ digits, check }) => `${digits.slice(0, 6)}-${digits.slice(6)}${check}`);

const latvianIban = fc.tuple(fc.stringMatching(/^[A-Z]{4}$/), fc.stringMatching(/^[0-9]{13}$/)).map(([bank, account]) => {
  const bban = `${bank}${account}`;
  const numeric = `${bban}LV00`.replace(/[A-Z]/g, (char) => String(char.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return `LV${String(98 - remainder).padStart(2, '0')}${bban}`;
});

const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,15}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,12}$/), fc.constantFrom('lv', 'com', 'eu')).map(([local, domain, tld]) => `${local.replace(/\.\.+/g, '.')}@${domain}.${tld}`);

/** An arbitrary of documents valid against the small JSON Schema subset our forms use. */
function arbitraryFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const min = (key: string) => (typeof schema[key] === 'number' ? (schema[key] as number) : undefined);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties as Record<string, JsonSchema>;
      // Every member, optional ones too: conditional requirements (if/then) are then always met.
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, member]) => [name, arbitraryFor(member)])));
    }
    case 'string': {
      switch (schema.format) {
        case 'email':
          return email;
        case 'date':
          return isoDate;
        case 'personal-code':
          return personalCode;
        case 'registration-number':
          return fc.stringMatching(/^[4-9][0-9]{10}$/);
        case 'iban':
          return latvianIban;
      }
      const minLength = min('minLength') ?? 0;
      const maxLength = Math.min(min('maxLength') ?? 80, 80);
      if (typeof schema.pattern === 'string') {
        return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => [...text].length >= minLength && [...text].length <= (min('maxLength') ?? Infinity));
      }
      return fc.string({ unit: fc.constantFrom(...LETTERS), minLength, maxLength: Math.max(minLength, maxLength) });
    }
    case 'integer':
      return fc.integer({ min: min('minimum') ?? -1_000_000, max: min('maximum') ?? 1_000_000 });
    case 'number':
      return fc.double({ min: min('minimum') ?? -1e9, max: min('maximum') ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = arbitraryFor(schema.items as JsonSchema);
      const options = { minLength: min('minItems') ?? 0, maxLength: Math.min(min('maxItems') ?? 5, 5) };
      return schema.uniqueItems ? fc.uniqueArray(items, options) : fc.array(items, options);
    }
    default:
      throw new Error(`no arbitrary for ${JSON.stringify(schema)}`);
  }
}

const demoForms = [['generic', genericForm()] as const, ...Object.keys(flagshipForms).map((slug) => [slug, demoFormFor(slug)!] as const)];

describe('e-forms', () => {
  test('every demo form is well formed: a compiling schema, hints that name its fields, every field on a step', () => {
    const presentation = new Ajv({ strict: false, allErrors: true }).compile(FormPresentation);
    for (const [name, form] of demoForms) {
      assert.ok(presentation(form.presentation), `${name}: ${JSON.stringify(presentation.errors)}`);
      assert.ok(!('problem' in compileSchema(form.schema)), name);
      assert.deepEqual(formProblems({ schema: form.schema, presentation: form.presentation }), [], name);
    }
  });

  test('register-fed fields: a value source is never required of the person (the register may hold nothing), choices come as radios; a bad hint is refused', () => {
    const sourced = demoForms.flatMap(([name, form]) => Object.entries(form.presentation.fields).filter(([, hint]) => hint.source).map(([field, hint]) => ({ name, form, field, hint })));
    assert.ok(sourced.length >= 15, `${sourced.length} register-fed fields`);
    for (const { name, form, field, hint } of sourced) {
      if (['population.children', 'vehicles.owned', 'property.owned'].includes(hint.source!)) assert.equal(hint.widget, 'radio', `${name}.${field}`);
      else assert.ok(!(form.schema.required as string[]).includes(field), `${name}.${field} is not required`);
    }
    const form = demoFormFor('transportlidzekla-registracija')!;
    const broken = { ...form.presentation, fields: { ...form.presentation.fields, vehicle: { ...form.presentation.fields.vehicle!, widget: 'text' as const } } };
    assert.deepEqual(formProblems({ schema: form.schema, presentation: broken }).map((problem) => problem.pointer), ['#/presentation/fields/vehicle/widget']);
  });

  for (const [name, form] of demoForms) {
    test(`${name}: generated documents are accepted; breaking one field gives one error for it`, () => {
      const compiled = compileSchema(form.schema);
      assert.ok('validate' in compiled);
      const validate = compiled.validate;
      const properties = Object.keys(form.schema.properties as object);
      const required = new Set(form.schema.required as string[]);
      fc.assert(
        fc.property(arbitraryFor(form.schema) as fc.Arbitrary<Record<string, unknown>>, fc.constantFrom(...properties), (document, field) => {
          assert.ok(validate(document), JSON.stringify(validate.errors));
          const broken = { ...document, [field]: { not: 'a value' } };
          assert.equal(validate(broken), false);
          assert.deepEqual(fieldErrors(validate.errors ?? []).map((error) => error.pointer), [`#/data/${field}`]);
          if (required.has(field)) {
            const { [field]: _gone, ...missing } = document;
            assert.equal(validate(missing), false);
            const errors = fieldErrors(validate.errors ?? []);
            assert.deepEqual(errors.map((error) => [error.pointer, error.keyword]), [[`#/data/${field}`, 'required']]);
            assert.ok(errors[0]!.messages.lv.length > 0 && errors[0]!.messages.en.length > 0);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  test('conditional fields: the other parent’s code is required only for married parents', () => {
    const form = demoFormFor('dzimsanas-registracija')!;
    const compiled = compileSchema(form.schema);
    assert.ok('validate' in compiled);
    const base = { fullName: 'Jānis Bērziņš', email: 'janis@example.lv', consent: true, childGivenName: 'Marta', childFamilyName: 'Bērziņa', birthDate: '2026-10-01', birthPlace: 'Rīga', childSex: 'female', bornInHospital: true };
    assert.equal(compiled.validate({ ...base, parentsMarried: false }), true);
    assert.equal(compiled.validate({ ...base, parentsMarried: true }), false);
    assert.deepEqual(fieldErrors(compiled.validate.errors ?? []).map((error) => error.pointer), ['#/data/secondParentPersonalCode']);
    assert.equal(compiled.validate({ ...base, parentsMarried: true, secondParentPersonalCode: '150685-12347' }), true);
    assert.equal(compiled.validate({ ...base, parentsMarried: true, secondParentPersonalCode: '150685-12348' }), false);
    assert.equal(isIban('LV80BANK0000435195001'), true);
    assert.equal(isIban('LV81BANK0000435195001'), false);
  });
});

describe('e-forms through submission', () => {
  let f: Fixture;
  before(async () => {
    f = await openFixture();
  });
  after(async () => f.dispose());

  test('generated valid documents are accepted by submit', async () => {
    const service = f.service('berna-piedzimsanas-pabalsts');
    const form = await f.api.getForm(service.id);
    assert.equal(form.version, 1);
    const documents = fc.sample(arbitraryFor(form.schema), { numRuns: 8, seed: 42 }) as Record<string, unknown>[];
    for (const data of documents) {
      const receipt = await f.api.submit(f.people.janis, self(f.people.janis), { serviceId: service.id, data });
      assert.match(receipt.number, /^\d{4}-\d{6}$/);
    }
    assert.equal((await f.api.listApplications(f.people.janis)).total, documents.length);
  });
});
