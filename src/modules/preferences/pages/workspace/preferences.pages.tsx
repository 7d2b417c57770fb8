/**
 * The notification settings page (P10): channels per kind of notification,
 * language, quiet hours, the e-mail and phone (each confirmed before use: a
 * link, a code), push devices and the official e-address. Everything works
 * without JavaScript but turning on push, which only a script can do: the
 * button appears when the browser can (progressive enhancement).
 *
 * The settings are the signed-in person's own, whomever they act for. Reads
 * and changes are audit-logged as the API's are.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../../platform/errors.js';
import { otherLang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { pageTitle, sendHtml, type ShownError } from '../../../../platform/web/page.js';
import { auditContext, type AuditService } from '../../../audit/index.js';
import { WrongCodeError } from '../../preferences.errors.js';
import { CHANNELS, NOTIFICATION_KINDS, type Channel, type Preferences } from '../../preferences.schemas.js';
import type { PreferencesService } from '../../preferences.service.js';
import { t, type PreferencesKey } from './preferences.messages.js';
import { registerPushAssets } from './preferences.push.js';
import { ChoicesForm, ContactForms, groupClass, PATH, PushSection, type FormState } from './preferences.components.js';
import { at, seeOther, type PageContext, type WorkspaceShell } from '../../../../platform/web/workspace.js';
import { ErrorSummary, FieldError, SuccessBanner, workspaceCrumbs } from '../../../../platform/web/workspace.components.js';
import { listOf, textOf } from '../../../../platform/web/form-values.js';


const DONE: Record<string, PreferencesKey> = {
  saved: 'prefs.saved',
  'email-confirmed': 'prefs.emailConfirmed',
  'phone-confirmed': 'prefs.phoneConfirmed',
  'phone-removed': 'prefs.phoneRemoved',
  'push-added': 'prefs.pushAdded',
  'push-removed': 'prefs.pushRemoved',
};

async function settingsPage(deps: PreferencesPagesDeps, preferences: PreferencesService, context: PageContext, state: FormState = {}): Promise<string> {
  const { lang, principal, request } = context;
  const code = principal.personalCode as string;
  const [prefs, vapidKey] = await Promise.all([preferences.get(code), preferences.vapidPublicKey()]);
  // The page shows the person's e-mail and phone: a read of personal data, on the record as the API's is.
  await deps.audit.record({ ...auditContext(request), action: 'preferences.read', target: `person:${code}`, details: { via: 'workspace' } });
  const done = DONE[textOf(context.query.done)];
  const sentTo = textOf(context.query.sent);
  const banner = done ? t(lang, done) : textOf(context.query.done) === 'email-sent' && sentTo ? t(lang, 'prefs.emailSent', { address: sentTo.slice(0, 254) }) : undefined;
  const errors = state.errors ?? [];
  const title = t(lang, 'prefs.title');
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), PATH),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <SuccessBanner lang={lang} text={banner} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body-l" safe>
            {t(lang, 'prefs.lead')}
          </p>
          <ContactForms context={context} prefs={prefs} state={state} />
          <PushSection context={context} prefs={prefs} vapidKey={vapidKey} />
          <ChoicesForm context={context} prefs={prefs} state={state} />
        </div>
      </div>
    ),
  });
}

/** A smaller page of one step (confirming an address), with a way back. */
function stepPage(context: PageContext, path: string, title: string, body: JSX.Element, errors: ShownError[] = []): Promise<string> {
  const { lang } = context;
  return renderPage({
    lang,
    title: pageTitle(lang, title, errors),
    alternateUrl: at(otherLang(lang), path),
    section: 'workspace',
    breadcrumbs: workspaceCrumbs(lang, { href: at(lang, PATH), text: t(lang, 'prefs.title') }),
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ErrorSummary lang={lang} errors={errors} />
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {body}
          <p class="govuk-body">
            <a class="govuk-link" href={at(lang, PATH)} safe>
              {t(lang, 'back')}
            </a>
          </p>
        </div>
      </div>
    ),
  });
}

const isCode = (error: unknown, ...codes: string[]): error is AppError => error instanceof AppError && codes.includes(error.code);

async function emailConfirmPage(context: PageContext, address: string | undefined, token: string): Promise<string> {
  const { lang, csrf } = context;
  const path = `${PATH}/email/confirm`;
  if (address === undefined) return stepPage(context, path, t(lang, 'confirmEmail.title'), <p class="govuk-body" safe>{t(lang, 'confirmEmail.invalid')}</p>);
  return stepPage(
    context,
    path,
    t(lang, 'confirmEmail.title'),
    <form method="post" action={at(lang, path)} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="token" value={token} />
      <p class="govuk-body" safe>
        {t(lang, 'confirmEmail.lead', { address })}
      </p>
      <button type="submit" class="govuk-button" data-module="govuk-button" safe>
        {t(lang, 'confirmEmail.button')}
      </button>
    </form>,
  );
}

async function phoneCodePage(context: PageContext, prefs: Preferences, error?: string): Promise<string> {
  const { lang, csrf } = context;
  const path = `${PATH}/phone`;
  if (!prefs.pendingPhone) return stepPage(context, path, t(lang, 'confirmPhone.title'), <p class="govuk-body" safe>{error ?? t(lang, 'confirmPhone.none')}</p>);
  const errors = error ? [{ id: 'code', text: error }] : [];
  return stepPage(
    context,
    path,
    t(lang, 'confirmPhone.title'),
    <form method="post" action={at(lang, `${path}/confirm`)} novalidate>
      <input type="hidden" name="_csrf" value={csrf} />
      <p class="govuk-body" safe>
        {t(lang, 'confirmPhone.lead', { phone: prefs.pendingPhone })}
      </p>
      <div class={groupClass(error)}>
        <label class="govuk-label govuk-label--s" for="code" safe>
          {t(lang, 'confirmPhone.code')}
        </label>
        <FieldError lang={lang} id="code" text={error} />
        <input class={`govuk-input govuk-input--width-5${error ? ' govuk-input--error' : ''}`} id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" spellcheck="false" aria-describedby={error ? 'code-error' : undefined} />
      </div>
      <button type="submit" class="govuk-button" data-module="govuk-button" safe>
        {t(lang, 'confirmPhone.button')}
      </button>
    </form>,
    errors,
  );
}

export interface PreferencesPagesDeps {
  preferences: PreferencesService;
  /** reads and changes of one's settings are on the record */
  audit: Pick<AuditService, 'record'>;
}

/** The notification settings pages, the push script they use, and their tile on the workspace's front page (P10). */
export function registerPreferencesWorkspacePages(shell: WorkspaceShell, deps: PreferencesPagesDeps): void {
  const { preferences } = deps;
  registerPushAssets(shell.app);
  shell.tile(({ lang }) => ({ href: at(lang, PATH), title: t(lang, 'home.notifications'), text: t(lang, 'home.notificationsText') }));
  const route = (method: 'GET' | 'POST', path: string, handler: (context: PageContext, code: string) => Promise<FastifyReply | string>): void =>
    shell.route({ method, path, handler: (context) => handler(context, context.principal.personalCode as string) });
  const changed = (context: PageContext, action: string, details: Record<string, unknown> = {}): Promise<void> =>
    deps.audit.record({ ...auditContext(context.request), action, target: `person:${context.principal.personalCode}`, details: { via: 'workspace', ...details } });
  const refuse = async (context: PageContext, state: FormState): Promise<FastifyReply> => sendHtml(context.reply, context.lang, 400, await settingsPage(deps, preferences, context, state));

  route('GET', PATH, (context) => settingsPage(deps, preferences, context));

  route('POST', PATH, async (context, code) => {
    const { body, lang } = context;
    const values = { quiet: textOf(body.quiet), quietFrom: textOf(body.quietFrom), quietUntil: textOf(body.quietUntil) };
    const language = textOf(body.language) === 'en' ? 'en' : 'lv';
    const channels = Object.fromEntries(NOTIFICATION_KINDS.map((kind) => [kind, listOf(body[`kind-${kind}`]).filter((value): value is Channel => (CHANNELS as readonly string[]).includes(value))]));
    try {
      await preferences.update(code, { language, channels, quietHours: values.quiet === 'on' ? { from: values.quietFrom, until: values.quietUntil } : null });
    } catch (error) {
      if (!isCode(error, 'preferences.invalid-quiet-hours')) throw error;
      const id = error.errors?.[0]?.pointer === '#/quietHours/from' ? 'quiet-from' : 'quiet-until';
      return refuse(context, { values, errors: [{ id, text: t(lang, id === 'quiet-from' ? 'error.quietFrom' : 'error.quietUntil') }] });
    }
    await changed(context, 'preferences.changed');
    return seeOther(context.reply, lang, `${PATH}?done=saved`);
  });

  route('POST', `${PATH}/email`, async (context, code) => {
    const email = textOf(context.body.email);
    try {
      await preferences.requestEmail(code, email);
    } catch (error) {
      if (!isCode(error, 'preferences.invalid-email', 'preferences.too-many-requests')) throw error;
      return refuse(context, { values: { email }, errors: [{ id: 'email', text: t(context.lang, error.code === 'preferences.invalid-email' ? 'error.email' : 'error.tooMany') }] });
    }
    await changed(context, 'preferences.email_requested');
    return seeOther(context.reply, context.lang, `${PATH}?done=email-sent&sent=${encodeURIComponent(email)}`);
  });

  route('GET', `${PATH}/email/confirm`, async (context, code) => {
    const token = textOf(context.query.token);
    try {
      return await emailConfirmPage(context, await preferences.peekEmailToken(code, token), token);
    } catch (error) {
      if (!isCode(error, 'preferences.confirmation-invalid')) throw error;
      return sendHtml(context.reply, context.lang, 410, await emailConfirmPage(context, undefined, ''));
    }
  });

  route('POST', `${PATH}/email/confirm`, async (context, code) => {
    try {
      await preferences.confirmEmail(code, textOf(context.body.token));
    } catch (error) {
      if (!isCode(error, 'preferences.confirmation-invalid')) throw error;
      return sendHtml(context.reply, context.lang, 410, await emailConfirmPage(context, undefined, ''));
    }
    await changed(context, 'preferences.email_confirmed');
    return seeOther(context.reply, context.lang, `${PATH}?done=email-confirmed`);
  });

  route('POST', `${PATH}/phone`, async (context, code) => {
    const phone = textOf(context.body.phone);
    try {
      await preferences.requestPhone(code, phone);
    } catch (error) {
      if (!isCode(error, 'preferences.invalid-phone', 'preferences.too-many-requests')) throw error;
      return refuse(context, { values: { phone }, errors: [{ id: 'phone', text: t(context.lang, error.code === 'preferences.invalid-phone' ? 'error.phone' : 'error.tooMany') }] });
    }
    await changed(context, 'preferences.phone_requested');
    return seeOther(context.reply, context.lang, `${PATH}/phone`);
  });

  route('GET', `${PATH}/phone`, async (context, code) => phoneCodePage(context, await preferences.get(code)));

  route('POST', `${PATH}/phone/confirm`, async (context, code) => {
    const { lang } = context;
    const entered = textOf(context.body.code).replace(/\s/g, '');
    try {
      if (!/^\d{6}$/.test(entered)) throw new WrongCodeError(-1);
      await preferences.confirmPhone(code, entered);
    } catch (error) {
      let text: string;
      if (error instanceof WrongCodeError) text = error.attemptsLeft < 0 ? t(lang, 'error.codeFormat') : t(lang, 'error.code', { left: error.attemptsLeft });
      else if (isCode(error, 'preferences.code-attempts-exhausted')) text = t(lang, 'error.codeExhausted');
      else if (isCode(error, 'preferences.confirmation-invalid')) text = t(lang, 'error.codeInvalid');
      else throw error;
      return sendHtml(context.reply, lang, 400, await phoneCodePage(context, await preferences.get(code), text));
    }
    await changed(context, 'preferences.phone_confirmed');
    return seeOther(context.reply, lang, `${PATH}?done=phone-confirmed`);
  });

  route('POST', `${PATH}/phone/remove`, async (context, code) => {
    await preferences.removePhone(code);
    await changed(context, 'preferences.phone_removed');
    return seeOther(context.reply, context.lang, `${PATH}?done=phone-removed`);
  });

  route('POST', `${PATH}/push`, async (context, code) => {
    let subscription: unknown;
    try {
      subscription = JSON.parse(textOf(context.body.subscription));
    } catch {
      subscription = undefined;
    }
    try {
      await preferences.addPushSubscription(code, subscription, context.request.headers['user-agent'] ?? null);
    } catch (error) {
      if (!isCode(error, 'preferences.invalid-subscription')) throw error;
      return context.reply.code(400).type('text/plain; charset=utf-8').send(t(context.lang, 'push.failed'));
    }
    await changed(context, 'preferences.push_added');
    return seeOther(context.reply, context.lang, `${PATH}?done=push-added`);
  });

  route('POST', `${PATH}/push/remove`, async (context, code) => {
    await preferences.removePushSubscription(code, textOf(context.body.device));
    await changed(context, 'preferences.push_removed');
    return seeOther(context.reply, context.lang, `${PATH}?done=push-removed`);
  });
}
