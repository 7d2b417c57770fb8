/**
 * Registers: data the state already holds, reused so people do not type it
 * again (the EU once-only principle; P2). An adapter interface to the state
 * registers — population (name, declared address, children), companies
 * (name, legal address, board), vehicles and real estate a person or company
 * owns — with demo adapters for DEMO mode. Forms name, per field, the source
 * of its value (`population.address`); the applications module asks this
 * one, and every query is written to the audit trail, where it appears in the
 * person's data-access log.
 *
 * Exposes the RegistersService, the adapter interfaces, the list of sources
 * with their registers' names, and the demo adapters. It owns no tables: the
 * registers are other institutions' systems.
 */
import { createAudit } from '../audit/index.js';
import type { RootDb } from '../../platform/db/database.js';
import { NO_REGISTERS, type StateRegisters } from './registers.adapters.js';
import { createRegistersService, type RegistersService } from './registers.service.js';

export type { CompanyRecord, CompanyRegister, PersonRecord, PopulationRegister, PropertyRecord, PropertyRegister, StateRegisters, VehicleRecord, VehicleRegister } from './registers.adapters.js';
export { NO_REGISTERS } from './registers.adapters.js';
export { REGISTERS_ACTOR, type RegisterAnswer, type RegisterAnswers, type RegisterChoice, type RegisterQuery, type RegistersService } from './registers.service.js';
export { REGISTER_NAMES, REGISTER_SOURCES, REGISTERS, isRegisterSource, sourceInfo, type RegisterName, type RegisterSource, type SourceInfo } from './registers.sources.js';
export { demoRegisters } from './demo-data/registers.js';

/** The registers service over the given adapters (none: nothing is found), auditing into the platform's trail. */
export function createRegisters(db: RootDb, adapters: StateRegisters = NO_REGISTERS): RegistersService {
  return createRegistersService(adapters, createAudit(db));
}
