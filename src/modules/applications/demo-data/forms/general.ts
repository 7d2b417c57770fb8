/**
 * Why the remaining online demo services ask only the general questions
 * (shown on each service's page): their real e-service lives in the
 * institution's own system, or what it needs differs case by case, so a
 * description and documents are what the institution can act on.
 */
import { t } from './common.js';

type Reason = { lv: string; en: string };

const inEds = t(
  'Šo pakalpojumu VID apstrādā Elektroniskās deklarēšanas sistēmā (EDS), kur daļa datu jau ir aizpildīta no VID rīcībā esošām ziņām. Šeit varat iesniegt pieprasījumu un dokumentus, ko VID pievienos jūsu EDS lietai.',
  'The State Revenue Service handles this in its Electronic Declaration System (EDS), where part of the data is already filled in from what VID holds. Here you can send a request and documents, which VID adds to your EDS case.',
);
const inBis = t(
  'Būvniecības dokumentus sagatavo un iesniedz sertificēts būvspeciālists Būvniecības informācijas sistēmā (BIS). Šeit varat uzdot jautājumu vai iesniegt papildu dokumentus esošai lietai.',
  'Construction documents are drawn up and filed by a certified construction specialist in the Construction Information System (BIS). Here you can ask a question or send more documents for an existing case.',
);
const inEps = t(
  'Lauku robežas un kultūras LAD Elektroniskajā pieteikšanās sistēmā (EPS) iezīmē kartē. Šeit varat iesniegt pieprasījumu un dokumentus; LAD konsultants sazināsies ar jums.',
  'Field boundaries and crops are drawn on a map in the Rural Support Service’s Electronic Application System (EPS). Here you can send a request and documents; an adviser will contact you.',
);
const withConsultant = t(
  'Pēc pieteikuma NVA konsultants vienosies ar jums par tikšanos un kopā aizpildīs pārējo — vispārīgajā veidlapā pietiek aprakstīt, ko vēlaties.',
  'After you apply, an SEA consultant agrees a meeting with you and fills in the rest together — the general form only needs a description of what you want.',
);
const urDocuments = t(
  'Uzņēmumu reģistram iesniedz ar drošu e-parakstu parakstītu pieteikumu un dokumentus, kas atšķiras atkarībā no izmaiņām. Pievienojiet parakstītos dokumentus; reģistrs tos izskatīs.',
  'The Register of Enterprises takes an application signed with a secure e-signature, with documents that differ with each change. Attach the signed documents; the register examines them.',
);
const fromOtherRecords = (lv: string, en: string): Reason => t(`Pabalstu VSAA piešķir pēc ziņām, kas tai jau ir: ${lv} Vispārīgajā veidlapā norādiet tikai to, kas vēl jāzina.`, `VSAA grants this benefit from data it already holds: ${en} In the general form, add only what it still needs to know.`);

export const generalReasons: Record<string, Reason> = {
  'gada-ienakumu-deklaracijas-iesniegsana': inEds,
  'mikrouznemumu-nodokla-maksataja-statusa-iegusana': inEds,
  'registracija-par-darba-deveju': inEds,
  'zinojuma-par-darba-nemejiem-iesniegsana': inEds,
  'pieslegsanas-elektroniskajai-deklaresanas-sistemai': t(
    'Pieslēgšanās EDS notiek, ienākot EDS ar eID vai internetbanku; šī veidlapa vajadzīga tikai, ja tas neizdodas — aprakstiet, kas notika.',
    'Joining EDS happens by signing in to EDS with an eID or an internet bank; this form is only for when that fails — describe what happened.',
  ),
  'buvatlaujas-sanemsana': inBis,
  'buves-pienemsana-ekspluatacija': inBis,
  'registracija-buvkomersantu-registra': inBis,
  'klienta-registracija-lauku-atbalsta-dienesta': inEps,
  'platibu-maksajumi-lauksaimniekiem': inEps,
  'atbalsts-jaunajiem-lauksaimniekiem': inEps,
  'bezdarbnieka-statusa-pieskirsana': withConsultant,
  'profesionala-talakizglitiba-ar-macibu-kuponu': withConsultant,
  'brivas-darba-vietas-pieteiksana': withConsultant,
  'atbalsts-komercdarbibas-vai-pasnodarbinatibas-uzsaksanai': t(
    'Atbalstam vajadzīgs biznesa plāns pēc NVA parauga: pievienojiet to, un NVA konsultants sazināsies ar jums.',
    'The support needs a business plan on the SEA’s template: attach it, and an SEA consultant will contact you.',
  ),
  'individuala-komersanta-registracija': urDocuments,
  'izmainu-registracija-komercregistra': urDocuments,
  'komersanta-likvidacija': urDocuments,
  'zinu-par-patiesa-labuma-guveju-iesniegsana': urDocuments,
  'maternitates-pabalsts': fromOtherRecords('ārsta e-veselībā izsniegtās darbnespējas lapas B.', 'the sick-leave certificate B your doctor issues in e-health.'),
  'berna-kopsanas-pabalsts': fromOtherRecords('bērna dzimšanas ziņām Fizisko personu reģistrā.', 'the child’s birth record in the Register of Natural Persons.'),
  'gimenes-valsts-pabalsts': fromOtherRecords('Fizisko personu reģistra un skolu ziņām; pieteikums vajadzīgs tikai par bērnu pēc 16 gadu vecuma, kas mācās ārvalstīs.', 'the Register of Natural Persons and schools; an application is needed only for a child over 16 studying abroad.'),
  'invaliditates-pensija': fromOtherRecords('Veselības un darbspēju ekspertīzes ārstu valsts komisijas lēmuma.', 'the decision of the State Medical Commission for the Assessment of Health Condition and Working Ability.'),
  'pardzivojusa-laulata-pabalsts': fromOtherRecords('Fizisko personu reģistrā ierakstītās laulības un miršanas ziņām.', 'the marriage and death records in the Register of Natural Persons.'),
  'pieteiksanas-valsts-tehniskajai-apskatei': t(
    'Apskates laiku rezervē CSDD kalendārā, kur redzami brīvie laiki; šeit varat lūgt laiku, ja kalendārā tāda nav, vai uzdot jautājumu.',
    'Test slots are booked in CSDD’s calendar, which shows the free times; here you can ask for a slot if none is free, or ask a question.',
  ),
  'kadastra-informacijas-sanemsana': t(
    'Kadastra datus var apskatīt kadastrs.lv; šeit pieprasiet izziņu, aprakstot, par kuru objektu un kam tā vajadzīga.',
    'Cadastre data can be viewed at kadastrs.lv; here you request a statement, saying which object and what it is for.',
  ),
  'kadastra-objekta-registracija-un-kadastra-datu-aktualizacija': t(
    'Reģistrācijai vajadzīga mērnieka vai inventarizācijas lieta, ko sertificēts speciālists iesniedz VZD; pievienojiet to vai aprakstiet, kuri dati jālabo.',
    'Registration needs a survey or inventory file that a certified specialist submits to the SLS; attach it, or describe which data need correcting.',
  ),
  'ipasuma-tiesibu-nostiprinasana-zemesgramata': t(
    'Zemesgrāmatā nostiprinājuma lūgumu iesniedz ar drošu e-parakstu parakstītu, kopā ar tiesības pamatojošu dokumentu: pievienojiet abus.',
    'The Land Register takes a request for corroboration signed with a secure e-signature, with the document that grounds the right: attach both.',
  ),
  'uzturesanas-atlaujas-pieprasisana': t(
    'Uzturēšanās atļaujas pamats un vajadzīgie dokumenti atšķiras (darbs, mācības, ģimene); pievienojiet tos, un biometriskos datus nodosiet PMLP nodaļā.',
    'The ground for a residence permit and its documents differ (work, studies, family); attach them, and give your biometrics at an OCMA office.',
  ),
  'oficialas-elektroniskas-adreses-e-adreses-aktivizesana': t(
    'E-adresi aktivizē, piekrītot noteikumiem pēc pieteikšanās; šī veidlapa vajadzīga tikai, ja tas neizdodas — aprakstiet, kas notika.',
    'The e-address is activated by accepting the terms after signing in; this form is only for when that fails — describe what happened.',
  ),
};
