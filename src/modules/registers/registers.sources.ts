/**
 * What a form field may take from a state register (the once-only principle):
 * each source names its register and says whether it gives one value, shown
 * as given, or the choices a person picks from (their children, vehicles,
 * properties). Field hints name a source as `register.what`.
 */
export type Text = { lv: string; en: string };

export const REGISTERS = ['population', 'companies', 'vehicles', 'property'] as const;
export type RegisterName = (typeof REGISTERS)[number];

export const REGISTER_SOURCES = [
  'population.name',
  'population.birthDate',
  'population.address',
  'population.children',
  'companies.name',
  'companies.address',
  'companies.board',
  'vehicles.owned',
  'property.owned',
] as const;
export type RegisterSource = (typeof REGISTER_SOURCES)[number];

const t = (lv: string, en: string): Text => ({ lv, en });

/** The register's name as a person is told where a value came from. */
export const REGISTER_NAMES: Record<RegisterName, Text> = {
  population: t('Fizisko personu reģistrs (PMLP)', 'Register of Natural Persons (OCMA)'),
  companies: t('Uzņēmumu reģistrs', 'Register of Enterprises'),
  vehicles: t('Transportlīdzekļu reģistrs (CSDD)', 'Register of Vehicles (CSDD)'),
  property: t('Nekustamā īpašuma valsts kadastra informācijas sistēma (VZD)', 'State Real Estate Cadastre (SLS)'),
};

export interface SourceInfo {
  register: RegisterName;
  /** `value`: shown as given; `choices`: the person picks one of the register's entries */
  kind: 'value' | 'choices';
  /** whose records: a person's (personal code) or a company's (registration number) — vehicles and property: either */
  subject: 'person' | 'company' | 'any';
}

export const SOURCES: Record<RegisterSource, SourceInfo> = {
  'population.name': { register: 'population', kind: 'value', subject: 'person' },
  'population.birthDate': { register: 'population', kind: 'value', subject: 'person' },
  'population.address': { register: 'population', kind: 'value', subject: 'person' },
  'population.children': { register: 'population', kind: 'choices', subject: 'person' },
  'companies.name': { register: 'companies', kind: 'value', subject: 'company' },
  'companies.address': { register: 'companies', kind: 'value', subject: 'company' },
  'companies.board': { register: 'companies', kind: 'value', subject: 'company' },
  'vehicles.owned': { register: 'vehicles', kind: 'choices', subject: 'any' },
  'property.owned': { register: 'property', kind: 'choices', subject: 'any' },
};

export const isRegisterSource = (value: unknown): value is RegisterSource => typeof value === 'string' && Object.hasOwn(SOURCES, value);
export const sourceInfo = (source: RegisterSource): SourceInfo => SOURCES[source];
