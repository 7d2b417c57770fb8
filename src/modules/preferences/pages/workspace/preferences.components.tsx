/**
 * The parts of the notification settings page: contact details with their
 * add-and-confirm forms, push devices (the one part needing a script), and the
 * form of channels per kind, language and quiet hours. Plain HTML.
 *
 * @kitajs/html does not escape children: every dynamic text goes through
 * `safe` or `e()`; attribute values are escaped by the library.
 */
import { escapeHtml as e } from '@kitajs/html';
import { formatDate, type Lang } from '../../../../platform/web/i18n.js';
import type { ShownError } from '../../../../platform/web/page.js';
import { CHANNELS, NOTIFICATION_KINDS, type Channel, type NotificationKind, type Preferences } from '../../preferences.schemas.js';
import { t, type PreferencesKey } from './preferences.messages.js';
import { PUSH_SCRIPT_URL } from './preferences.push.js';
import { at, type PageContext } from '../../../../platform/web/workspace.js';
import { FieldError } from '../../../../platform/web/workspace.components.js';

export const PATH = '/workspace/settings/notifications';

export interface FormState {
  errors?: ShownError[];
  /** what was typed, shown again beside its error */
  values?: Record<string, string>;
}

export const errorOf = (state: FormState, id: string): string | undefined => state.errors?.find((error) => error.id === id)?.text;
export const groupClass = (error: string | undefined): string => (error ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group');

function available(prefs: Preferences, channel: Channel): PreferencesKey | undefined {
  if (channel === 'email' && !prefs.email) return 'channel.emailMissing';
  if (channel === 'sms' && !prefs.phone) return 'channel.smsMissing';
  if (channel === 'push' && prefs.pushDevices.length === 0) return 'channel.pushMissing';
  return undefined;
}

function TextField({ lang, id, name, label, hint, type, autocomplete, value, error, width }: { lang: Lang; id: string; name: string; label: string; hint?: string; type: string; autocomplete: string; value: string; error: string | undefined; width?: string }): JSX.Element {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={groupClass(error)}>
      <label class="govuk-label" for={id} safe>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} class="govuk-hint" safe>
          {hint}
        </div>
      ) : (
        ''
      )}
      <FieldError lang={lang} id={id} text={error} />
      <input
        class={`govuk-input ${width ?? ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={name}
        type={type}
        spellcheck="false"
        autocomplete={autocomplete}
        value={value}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function ContactForms({ context, prefs, state }: { context: PageContext; prefs: Preferences; state: FormState }): JSX.Element {
  const { lang, csrf } = context;
  const row = (key: PreferencesKey, value: string, pending?: string | null, extra?: JSX.Element): JSX.Element => (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key" safe>
        {t(lang, key)}
      </dt>
      <dd class="govuk-summary-list__value">
        {e(value)}
        {pending ? (
          <p class="govuk-body-s govuk-!-margin-bottom-0" safe>
            {t(lang, 'contacts.pending', { address: pending })}
          </p>
        ) : (
          ''
        )}
        {extra ?? ''}
      </dd>
    </div>
  );
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'contacts.heading')}
      </h2>
      <dl class="govuk-summary-list">
        {row('contacts.email', prefs.email ?? t(lang, 'contacts.none'), prefs.pendingEmail)}
        {row(
          'contacts.phone',
          prefs.phone ?? t(lang, 'contacts.none'),
          prefs.pendingPhone,
          prefs.pendingPhone ? (
            <p class="govuk-body-s govuk-!-margin-bottom-0">
              <a class="govuk-link" href={at(lang, `${PATH}/phone`)} safe>
                {t(lang, 'contacts.enterCode')}
              </a>
            </p>
          ) : undefined,
        )}
        {row('contacts.eAddress', t(lang, 'contacts.eAddressValue', { code: prefs.eAddress }))}
      </dl>
      <form method="post" action={at(lang, `${PATH}/email`)} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField lang={lang} id="email" name="email" label={t(lang, 'contacts.newEmail')} hint={t(lang, 'contacts.newEmailHint')} type="email" autocomplete="email" value={state.values?.email ?? ''} error={errorOf(state, 'email')} />
        <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
          {t(lang, 'contacts.sendLink')}
        </button>
      </form>
      <form method="post" action={at(lang, `${PATH}/phone`)} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextField lang={lang} id="phone" name="phone" label={t(lang, 'contacts.newPhone')} hint={t(lang, 'contacts.newPhoneHint')} type="tel" autocomplete="tel" value={state.values?.phone ?? ''} error={errorOf(state, 'phone')} width="govuk-input--width-20" />
        <div class="govuk-button-group">
          <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" safe>
            {t(lang, 'contacts.sendCode')}
          </button>
        </div>
      </form>
      {prefs.phone ? (
        <form method="post" action={at(lang, `${PATH}/phone/remove`)} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" safe>
            {t(lang, 'contacts.removePhone')}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

export function PushSection({ context, prefs, vapidKey }: { context: PageContext; prefs: Preferences; vapidKey: string | undefined }): JSX.Element {
  const { lang, csrf } = context;
  return (
    <>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'push.heading')}
      </h2>
      <p class="govuk-body" safe>
        {t(lang, 'push.lead')}
      </p>
      {vapidKey ? (
        // The script shows the button only where push can work; without it the hint stays.
        <div id="push" data-vapid-key={vapidKey} data-action={at(lang, `${PATH}/push`)} data-csrf={csrf} data-done={at(lang, `${PATH}?done=push-added`)} data-failed={t(lang, 'push.failed')} data-denied={t(lang, 'push.denied')} data-working={t(lang, 'push.working')}>
          <p class="govuk-body" id="push-hint" safe>
            {t(lang, 'push.needsJs')}
          </p>
          <button type="button" class="govuk-button govuk-button--secondary" id="push-enable" hidden safe>
            {t(lang, 'push.enable')}
          </button>
          <p class="govuk-body" id="push-status" role="status"></p>
          <p class="govuk-error-message" id="push-error" role="alert" hidden></p>
        </div>
      ) : (
        <p class="govuk-body" safe>
          {t(lang, 'push.unavailable')}
        </p>
      )}
      <h3 class="govuk-heading-s" safe>
        {t(lang, 'push.devices')}
      </h3>
      {prefs.pushDevices.length === 0 ? (
        <p class="govuk-body" safe>
          {t(lang, 'push.none')}
        </p>
      ) : (
        <ul class="govuk-list">
          {prefs.pushDevices.map((device) => {
            const name = t(lang, 'push.device', { agent: device.userAgent ?? t(lang, 'push.unknownDevice'), date: formatDate(device.createdAt, lang) });
            return (
              <li>
                <form method="post" action={at(lang, `${PATH}/push/remove`)} novalidate class="govuk-!-margin-bottom-2">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input type="hidden" name="device" value={device.id} />
                  <span class="govuk-body" safe>
                    {name}
                  </span>{' '}
                  <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                    {e(t(lang, 'push.remove'))}
                    <span class="govuk-visually-hidden" safe>
                      {t(lang, 'push.removeHidden', { device: name })}
                    </span>
                  </button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
      {vapidKey ? <script src={PUSH_SCRIPT_URL} defer></script> : ''}
    </>
  );
}

function KindFieldset({ lang, kind, prefs }: { lang: Lang; kind: NotificationKind; prefs: Preferences }): JSX.Element {
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset" aria-describedby={`kind-${kind}-hint`}>
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s" safe>
          {t(lang, `kind.${kind}`)}
        </legend>
        <div id={`kind-${kind}-hint`} class="govuk-hint" safe>
          {t(lang, 'channels.inboxAlways')}
        </div>
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {CHANNELS.map((channel) => {
            const id = `kind-${kind}-${channel}`;
            const missing = available(prefs, channel);
            return (
              <div class="govuk-checkboxes__item">
                <input class="govuk-checkboxes__input" id={id} name={`kind-${kind}`} type="checkbox" value={channel} checked={prefs.channels[kind].includes(channel)} aria-describedby={missing ? `${id}-hint` : undefined} />
                <label class="govuk-label govuk-checkboxes__label" for={id} safe>
                  {t(lang, `channel.${channel}`)}
                </label>
                {missing ? (
                  <div id={`${id}-hint`} class="govuk-hint govuk-checkboxes__hint" safe>
                    {t(lang, missing)}
                  </div>
                ) : (
                  ''
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function ChoicesForm({ context, prefs, state }: { context: PageContext; prefs: Preferences; state: FormState }): JSX.Element {
  const { lang, csrf } = context;
  const quietOn = state.values ? state.values.quiet === 'on' : prefs.quietHours !== null;
  return (
    <form method="post" action={at(lang, PATH)} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'channels.heading')}
      </h2>
      {NOTIFICATION_KINDS.map((kind) => (
        <KindFieldset lang={lang} kind={kind} prefs={prefs} />
      ))}
      <div class="govuk-form-group">
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 class="govuk-fieldset__heading" safe>
              {t(lang, 'language.legend')}
            </h2>
          </legend>
          <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
            {(['lv', 'en'] as const).map((option) => (
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" id={option === 'lv' ? 'language' : `language-${option}`} name="language" type="radio" value={option} checked={prefs.language === option} />
                <label class="govuk-label govuk-radios__label" for={option === 'lv' ? 'language' : `language-${option}`} lang={option} safe>
                  {option === 'lv' ? 'Latviešu' : 'English'}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <h2 class="govuk-heading-m" safe>
        {t(lang, 'quiet.heading')}
      </h2>
      <div class="govuk-form-group">
        <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div class="govuk-checkboxes__item">
            <input class="govuk-checkboxes__input" id="quiet" name="quiet" type="checkbox" value="on" checked={quietOn} aria-describedby="quiet-hint" />
            <label class="govuk-label govuk-checkboxes__label" for="quiet" safe>
              {t(lang, 'quiet.enable')}
            </label>
            <div id="quiet-hint" class="govuk-hint govuk-checkboxes__hint" safe>
              {t(lang, 'quiet.hint')}
            </div>
          </div>
        </div>
      </div>
      <TextField lang={lang} id="quiet-from" name="quietFrom" label={t(lang, 'quiet.from')} type="text" autocomplete="off" value={state.values?.quietFrom ?? prefs.quietHours?.from ?? '22:00'} error={errorOf(state, 'quiet-from')} width="govuk-input--width-5" />
      <TextField lang={lang} id="quiet-until" name="quietUntil" label={t(lang, 'quiet.until')} type="text" autocomplete="off" value={state.values?.quietUntil ?? prefs.quietHours?.until ?? '08:00'} error={errorOf(state, 'quiet-until')} width="govuk-input--width-5" />
      <button type="submit" class="govuk-button" data-module="govuk-button" safe>
        {t(lang, 'save')}
      </button>
    </form>
  );
}

