/**
 * The texts of the pieces every workspace page shares (the "acting for"
 * banner, error summaries, success banners, the way back to the workspace), in
 * Latvian and English (ICU message syntax).
 */
import { createTranslator, type MessageTable } from './i18n.js';

const lv = {
  'workspace.title': 'Mana darba vieta',
  'common.titleError': 'Kļūda: {title}',
  'common.errorSummary': 'Radās problēma',
  'common.success': 'Izdarīts',
  'common.important': 'Svarīgi',
  'acting.label': 'Jūs darbojaties kā',
  'acting.change': 'Mainīt',
  'acting.changeHidden': ', kā jūs darbojaties',
  'acting.fellBack': 'Jūs vairs nevarat darboties {party} vārdā (tiesības ir beigušās vai atsauktas). Tagad jūs darbojaties savā vārdā.',
} as const;

type Key = keyof typeof lv;

const en: Record<Key, string> = {
  'workspace.title': 'My workspace',
  'common.titleError': 'Error: {title}',
  'common.errorSummary': 'There is a problem',
  'common.success': 'Success',
  'common.important': 'Important',
  'acting.label': 'You are acting for',
  'acting.change': 'Change',
  'acting.changeHidden': ' whom you act for',
  'acting.fellBack': 'You can no longer act for {party} (the right has ended or was revoked). You are now acting for yourself.',
};

export type WorkspaceUiKey = Key;

const messages: MessageTable<Key> = { lv, en };

export const t = createTranslator(messages);
