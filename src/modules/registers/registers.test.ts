/**
 * The registers service over the demo adapters, without a database: what it
 * answers for each source (values, choices, nothing for the wrong kind of
 * subject), one audit entry per register asked — by the platform, about the
 * party, naming the sources and the purpose — and an unreachable register
 * answering nothing but still on the record.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuditEntry } from '../audit/index.js';
import { demoRegisters, NO_REGISTERS, REGISTER_SOURCES, REGISTERS_ACTOR, type StateRegisters } from './index.js';
import { createRegistersService } from './registers.service.js';

const JANIS = '150685-12347';
const DEMO_BUVE = '40003012340';

function recording(): { entries: AuditEntry[]; audit: { record(entry: AuditEntry): Promise<void> } } {
  const entries: AuditEntry[] = [];
  return { entries, audit: { record: async (entry) => void entries.push(entry) } };
}

describe('registers', () => {
  test('Jānis: his declared address as a value, his children and vehicles as choices; each register asked is audited once', async () => {
    const { entries, audit } = recording();
    const registers = createRegistersService(demoRegisters, audit);
    const answers = await registers.query({ subject: JANIS, sources: ['population.address', 'population.children', 'population.name', 'vehicles.owned', 'companies.name'], requestedBy: `person:${JANIS}`, purpose: 'service:x' });
    assert.deepEqual(answers['population.address'], {
      source: 'population.address',
      register: 'population',
      registerName: { lv: 'Fizisko personu reģistrs (PMLP)', en: 'Register of Natural Persons (OCMA)' },
      kind: 'value',
      value: 'Brīvības iela 58 - 12, Rīga, LV-1011',
    });
    assert.equal(answers['population.name']?.kind === 'value' && answers['population.name'].value, 'Jānis Bērziņš');
    const children = answers['population.children'];
    assert.deepEqual(children?.kind === 'choices' && children.options.map((option) => option.value), ['010118-23454', '321126-84071']);
    const vehicles = answers['vehicles.owned'];
    assert.deepEqual(vehicles?.kind === 'choices' && vehicles.options.map((option) => option.label.en), ['Volkswagen Golf (2016), HN-4521', 'Škoda Octavia Combi (2019), KL-8830']);
    assert.equal(answers['companies.name'], undefined, 'a person is not in the company register');
    assert.deepEqual(
      entries.map((entry) => [entry.actor, entry.action, entry.target]),
      [
        [REGISTERS_ACTOR, 'registers.population_read', `party:${JANIS}`],
        [REGISTERS_ACTOR, 'registers.vehicles_read', `party:${JANIS}`],
        [REGISTERS_ACTOR, 'registers.companies_read', `party:${JANIS}`],
      ],
    );
    assert.deepEqual(entries[0]?.details, { sources: ['population.address', 'population.children', 'population.name'], purpose: 'service:x', requestedBy: `person:${JANIS}` });
  });

  test('a company: its name, legal address and board; its vehicles and property', async () => {
    const registers = createRegistersService(demoRegisters, recording().audit);
    const answers = await registers.query({ subject: DEMO_BUVE, sources: REGISTER_SOURCES, requestedBy: 'person:081275-05556', purpose: 'service:y' });
    const value = (source: keyof typeof answers) => {
      const answer = answers[source];
      return answer?.kind === 'value' ? answer.value : undefined;
    };
    assert.equal(value('companies.name'), 'SIA "Demo Būve"');
    assert.equal(value('companies.address'), 'Krasta iela 44, Rīga, LV-1003');
    assert.equal(value('companies.board'), 'Pēteris Ozols (valdes priekšsēdētājs)');
    assert.equal(answers['population.address'], undefined, 'a company is not in the population register');
    const property = answers['property.owned'];
    assert.match(property?.kind === 'choices' ? (property.options[0]?.label.lv ?? '') : '', /^Būve, Krasta iela 44.*kadastra Nr\. 0100 070 2019/);
  });

  test('no register connected, or one that fails: nothing is found, and the query is still on the record', async () => {
    const failing: StateRegisters = { ...NO_REGISTERS, population: { person: async () => Promise.reject(new Error('timeout')) } };
    const { entries, audit } = recording();
    const answers = await createRegistersService(failing, audit).query({ subject: JANIS, sources: ['population.address', 'property.owned'], requestedBy: 'x', purpose: 'y' });
    assert.equal(answers['population.address'], undefined);
    assert.deepEqual(answers['property.owned']?.kind === 'choices' && answers['property.owned'].options, []);
    assert.deepEqual(entries.map((entry) => [entry.action, entry.details?.failed]), [
      ['registers.population_read', true],
      ['registers.property_read', undefined],
    ]);
  });
});
