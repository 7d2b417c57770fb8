/**
 * The header's parts for phones and for signed-in people: the main menu folded
 * behind a "Menu" toggle on narrow screens (a details element, so it needs no
 * JavaScript; on wider screens the stylesheet shows it open, without the
 * toggle), and a line saying who is signed in, for whom they act, how long an
 * idle session lasts, and the way out.
 */
import { escapeHtml as e } from '@kitajs/html';
import { createTranslator, pathInLang, type Lang, type MessageTable } from './i18n.js';
import { IDLE_SCRIPT_URL, KEEP_ALIVE_PATH } from './idle-warning.js';
import { signedInNow } from './signed-in.js';

const lv = {
  'header.menu': 'Izvēlne',
  'header.signedIn': 'Pieslēdzies: {name}',
  'header.actingFor': 'darbojas kā {party}',
  'header.signOut': 'Izrakstīties',
  'header.idle': 'Bez darbībām sesija beidzas pēc {minutes} min; ievadītais netiks zaudēts.',
  'header.idleWarningTitle': 'Svarīgi',
  'header.idleWarning': 'Jūsu sesija drīz beigsies, jo kādu laiku nav bijis darbību.',
  'header.stay': 'Palikt pieslēgtam',
} as const;

type Key = keyof typeof lv;

const en: Record<Key, string> = {
  'header.menu': 'Menu',
  'header.signedIn': 'Signed in: {name}',
  'header.actingFor': 'acting for {party}',
  'header.signOut': 'Sign out',
  'header.idle': 'After {minutes} minutes without activity the session ends; what you typed is not lost.',
  'header.idleWarningTitle': 'Important',
  'header.idleWarning': 'Your session will end soon because there has been no activity for a while.',
  'header.stay': 'Stay signed in',
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

/** Shown by the idle script two minutes before the session would end (hidden otherwise, and without JavaScript). */
function IdleWarning({ lang }: { lang: Lang }): JSX.Element {
  return (
    <>
      <div class="pk-idle-warning" id="idle-warning" role="region" aria-labelledby="idle-warning-title" hidden>
        <h2 class="govuk-heading-s govuk-!-margin-bottom-2" id="idle-warning-title" safe>
          {t(lang, 'header.idleWarningTitle')}
        </h2>
        <p class="govuk-body" safe>
          {t(lang, 'header.idleWarning')}
        </p>
        <button type="button" class="govuk-button govuk-!-margin-bottom-0" id="idle-stay" data-keep-alive={KEEP_ALIVE_PATH} safe>
          {t(lang, 'header.stay')}
        </button>
      </div>
      <script src={IDLE_SCRIPT_URL} defer></script>
    </>
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
        {who.idleMinutes ? (
          <>
            <p class="govuk-body-s pk-signed-in__idle" id="idle-timeout" data-idle-minutes={String(who.idleMinutes)} safe>
              {t(lang, 'header.idle', { minutes: who.idleMinutes })}
            </p>
            <IdleWarning lang={lang} />
          </>
        ) : (
          ''
        )}
        <a class="govuk-link pk-signed-in__out" href={pathInLang('/logout', lang)} safe>
          {t(lang, 'header.signOut')}
        </a>
      </div>
    </div>
  );
}
