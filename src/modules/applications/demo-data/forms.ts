/**
 * Service-specific e-forms of the demo's services (by catalog slug), modelled
 * on the real Latvian e-services and split by area in ./forms/. Every other
 * online service gets the generic form with the reason it does
 * (./forms/general.ts), shown on its page.
 */
import { extendForm, type FormExtension } from '../forms.defaults.js';
import type { FormPresentation, JsonSchema } from '../applications.schemas.js';
import { t } from './forms/common.js';
import { birthRegistration, childBirthBenefit, parentalBenefit, preschoolQueue, schoolEnrolment } from './forms/family.js';
import { declaringResidence, ehic, propertyTaxRelief } from './forms/residence.js';
import { funeralBenefit, oldAgePension, unemploymentBenefit } from './forms/social.js';
import { drivingLicenceExchange, vehicleDeregistration, vehicleReRegistration } from './forms/transport.js';
import { companyRegistration, selfEmployedRegistration, vatRegistration } from './forms/business.js';
import { passport } from './forms.passport.js';

export { generalReasons } from './forms/general.js';

export const flagshipForms: Record<string, FormExtension> = {
  'dzimsanas-registracija': birthRegistration,
  'dzivesvietas-deklaresana': declaringResidence,
  'berna-piedzimsanas-pabalsts': childBirthBenefit,
  'registracija-pvn-maksataju-registra': vatRegistration,
  'vecaku-pabalsts': parentalBenefit,
  'berna-registracija-pirmsskolas-izglitibas-iestades-rinda': preschoolQueue,
  'pieteiksanas-uznemsanai-1-klase': schoolEnrolment,
  'eiropas-veselibas-apdrosinasanas-kartes-evak-sanemsana': ehic,
  'nekustama-ipasuma-nodokla-atvieglojumu-pieskirsana': propertyTaxRelief,
  'bezdarbnieka-pabalsts': unemploymentBenefit,
  'vecuma-pensijas-pieskirsana': oldAgePension,
  'apbedisanas-pabalsts': funeralBenefit,
  'transportlidzekla-registracija': vehicleReRegistration,
  'transportlidzekla-nonemsana-no-uzskaites': vehicleDeregistration,
  'transportlidzekla-vaditaja-apliecibas-maina': drivingLicenceExchange,
  'sabiedribas-ar-ierobezotu-atbildibu-registracija': companyRegistration,
  'registracija-par-saimnieciskas-darbibas-veiceju': selfEmployedRegistration,
  'pases-izsniegsana': passport,
};

export function demoFormFor(slug: string): { schema: JsonSchema; presentation: FormPresentation } | undefined {
  const extension = flagshipForms[slug];
  return extension ? extendForm(extension) : undefined;
}

/** PMLP words some statuses its own way (P8: institution-specific labels). */
export const demoLabels = {
  pmlp: {
    received: t('Reģistrēts PMLP', 'Registered by the OCMA'),
    in_progress: t('Izskatīšanā', 'Under review'),
    awaiting_client: t('Nepieciešama papildu informācija', 'More information needed'),
  },
} as const;
