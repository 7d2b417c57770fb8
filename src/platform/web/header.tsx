/**
 * The header's parts for phones and for signed-in people: the main menu folded
 * behind a "Menu" toggle on narrow screens (a details element, so it needs no
 * JavaScript; on wider screens the stylesheet shows it open, without the
 * toggle), and a line saying who is signed in, for whom they act, how long an
 * idle session lasts, and the way out.
 */
import { escapeHtml as e } from '@kitajs/html';
import { createTranslator, pathInLang, type Lang, type MessageTable } from './i18n.js';
import { signedInNow } from './signed-in.js';

const lv = {
  'header.menu': 'Izvēlne',
  'header.signedIn': 'Pieslēdzies: {name}',
  'header.actingFor': 'darbojas kā {party}',
  'header.signOut': 'Izrakstīties',
} as const;

type Key = keyof typeof lv;

const en: Record<Key, string> = {
  'header.menu': 'Menu',
  'header.signedIn': 'Signed in: {name}',
  'header.actingFor': 'acting for {party}',
  'header.signOut': 'Sign out',
};

const messages: MessageTable<Key> = { lv, en };
export const t = createTranslator(messages);

/** The main menu, folded on phones. */
export function FoldingMenu({ lang, children }: { lang: Lang; children: JSX.Element }): JSX.Element {
  return (
    <details class="pk-menu">
      <summary class="pk-menu__toggle" safe>
        {t(lang, 'header.menu')}
      </summary>
      {children}
    </details>
  );
}

/** Who is signed in (and for whom), with sign-out; nothing on pages outside the signed-in shells. */
export function SignedInBar({ lang }: { lang: Lang }): JSX.Element {
  const who = signedInNow();
  if (!who) return <></>;
  return (
    <div class="pk-signed-in" id="signed-in">
      <div class="govuk-width-container pk-signed-in__container">
        <p class="govuk-body-s pk-signed-in__who">
          {e(t(lang, 'header.signedIn', { name: who.name }))}
          {who.actingFor ? e(`, ${t(lang, 'header.actingFor', { party: who.actingFor })}`) : ''}
        </p>
        <a class="govuk-link pk-signed-in__out" href={pathInLang('/logout', lang)} safe>
          {t(lang, 'header.signOut')}
        </a>
      </div>
    </div>
  );
}
