/**
 * The adapter interface to the state registers: one small interface per
 * register, as the registers' own services answer (by personal code or
 * registration number). A deployment hands in adapters over the real
 * registers (e.g. through the state's data exchange layer); DEMO mode hands
 * in ./demo-data; without any, every register answers "not found" and the
 * person types the value themselves.
 */

export interface PersonRecord {
  personalCode: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** the declared residence, as the address register writes it; null when none is declared */
  declaredAddress: string | null;
  children: { personalCode: string; givenName: string; familyName: string; birthDate: string }[];
}

export interface CompanyRecord {
  registrationNumber: string;
  name: string;
  legalAddress: string;
  /** YYYY-MM-DD */
  registeredOn: string;
  board: { personalCode: string; name: string; position: string }[];
}

export interface VehicleRecord {
  /** registration plate, e.g. HN-4521 */
  plate: string;
  make: string;
  model: string;
  year: number;
  vin: string;
}

export interface PropertyRecord {
  cadastralNumber: string;
  address: string;
  kind: 'apartment' | 'house' | 'land' | 'building';
  /** e.g. "1/1", "1/2" */
  share: string;
}

export interface PopulationRegister {
  person(personalCode: string): Promise<PersonRecord | undefined>;
}
export interface CompanyRegister {
  company(registrationNumber: string): Promise<CompanyRecord | undefined>;
}
export interface VehicleRegister {
  /** vehicles whose registered owner is the person or company */
  ownedBy(party: string): Promise<VehicleRecord[]>;
}
export interface PropertyRegister {
  /** real estate the person or company owns (wholly or a share) */
  ownedBy(party: string): Promise<PropertyRecord[]>;
}

export interface StateRegisters {
  population: PopulationRegister;
  companies: CompanyRegister;
  vehicles: VehicleRegister;
  property: PropertyRegister;
}

/** No register connected: nothing is found, so forms ask the person instead. */
export const NO_REGISTERS: StateRegisters = {
  population: { person: async () => undefined },
  companies: { company: async () => undefined },
  vehicles: { ownedBy: async () => [] },
  property: { ownedBy: async () => [] },
};
