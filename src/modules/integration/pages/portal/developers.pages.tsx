/**
 * The developer portal (`/developers`, `/en/developers`): getting started, the
 * OpenAPI reference, the event catalogue with example payloads, webhooks, the
 * SDK, the unified requirements with the conformance kit (P5), rate limits, the versioning and deprecation policy and the changelog.
 * One public page, no JavaScript; code samples are keyboard-scrollable regions.
 */
import type { App } from '../../../../platform/http/server.js';
import { formatDate, LANGS, otherLang, pathInLang, type Lang } from '../../../../platform/web/i18n.js';
import { renderPage } from '../../../../platform/web/layout.js';
import { CHANGELOG, DEVELOPERS } from './developers.content.js';
import { EVENT_EXAMPLES } from './developers.examples.js';

const PATH = '/developers';

function Code({ label, text }: { label: string; text: string }): JSX.Element {
  return (
    <pre class="pk-code" tabindex="0" role="region" aria-label={label}>
      <code safe>{text}</code>
    </pre>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: JSX.Element | (JSX.Element | JSX.Element[])[] }): JSX.Element {
  return (
    <section aria-labelledby={id}>
      <h2 class="govuk-heading-l" id={id} safe>
        {title}
      </h2>
      {children}
    </section>
  );
}

function developersPage(lang: Lang, publicUrl: string): Promise<string> {
  const text = DEVELOPERS[lang];
  const sections: [string, string][] = [
    ['start', text.start.title],
    ['reference', text.reference.title],
    ['events', text.events.title],
    ['webhooks', text.webhooks.title],
    ['sdk', text.sdk.title],
    ['conformance', text.conformance.title],
    ['limits', text.limits.title],
    ['versioning', text.versioning.title],
    ['changelog', text.changelog.title],
  ];
  const token = `curl -s -u CLIENT_ID:CLIENT_SECRET \\\n  -d grant_type=client_credentials \\\n  -d 'scope=applications.read applications.write' \\\n  ${publicUrl}/oidc/token`;
  const call = `curl -s -H "Authorization: Bearer $TOKEN" \\\n  '${publicUrl}/api/v1/applications?status=received&overdue=true'`;
  const sdk = `import { createClient, verifyWebhook } from '@pakalpojumi/sdk';\n\nconst api = createClient({ baseUrl: '${publicUrl}', token });\nconst { data, error } = await api.GET('/api/v1/applications/{id}', { params: { path: { id } } });\n\n// ${lang === 'lv' ? 'webhooka saņemšana: neapstrādāts ķermenis un galvenes' : 'receiving a webhook: the raw body and the headers'}\nconst event = verifyWebhook(process.env.WEBHOOK_SECRET, rawBody, request.headers);`;
  const conformance = `npx pakalpojumi-conformance --system https://${lang === 'lv' ? 'sistema' : 'system'}.example \\\n  --webhook-secret whsec_… --listen 127.0.0.1:8790 \\\n  --deep-link /e-services/residence-declaration`;
  return renderPage({
    lang,
    title: text.title,
    alternateUrl: pathInLang(PATH, otherLang(lang)),
    description: text.lead,
    children: (
      <>
        <h1 class="govuk-heading-xl" safe>
          {text.title}
        </h1>
        <p class="govuk-body-l" safe>
          {text.lead}
        </p>
        <nav aria-labelledby="contents-title" class="govuk-!-margin-bottom-8">
          <h2 class="govuk-heading-s" id="contents-title" safe>
            {text.contents}
          </h2>
          <ol class="govuk-list govuk-list--number">
            {sections.map(([id, title]) => (
              <li>
                <a class="govuk-link" href={`#${id}`} safe>
                  {title}
                </a>
              </li>
            ))}
          </ol>
        </nav>

        <Section id="start" title={text.start.title}>
          <ol class="govuk-list govuk-list--number">
            {text.start.steps.map((step) => (
              <li safe>{step}</li>
            ))}
          </ol>
          <p class="govuk-body" safe>
            {text.start.tokenIntro}
          </p>
          <Code label={text.start.tokenIntro} text={token} />
          <p class="govuk-body" safe>
            {text.start.callIntro}
          </p>
          <Code label={text.start.callIntro} text={call} />
          <p class="govuk-body" safe>
            {text.start.problems}
          </p>
        </Section>

        <Section id="reference" title={text.reference.title}>
          <p class="govuk-body" safe>
            {text.reference.text}
          </p>
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href="/docs" safe>
                {text.reference.docs}
              </a>
            </li>
            <li>
              <a class="govuk-link" href="/openapi.json" safe>
                {text.reference.document}
              </a>
            </li>
          </ul>
        </Section>

        <Section id="events" title={text.events.title}>
          <p class="govuk-body" safe>
            {text.events.text}
          </p>
          {Object.entries(EVENT_EXAMPLES).map(([type, example]) => (
            <>
              <h3 class="govuk-heading-m">
                <code safe>{type}</code>
              </h3>
              <p class="govuk-body" safe>
                {text.events.descriptions[type] ?? ''}
              </p>
              <Code label={`${text.events.example}: ${type}`} text={JSON.stringify(example, null, 2)} />
            </>
          ))}
        </Section>

        <Section id="webhooks" title={text.webhooks.title}>
          {text.webhooks.paragraphs.map((paragraph) => (
            <p class="govuk-body" safe>
              {paragraph}
            </p>
          ))}
        </Section>

        <Section id="sdk" title={text.sdk.title}>
          <p class="govuk-body" safe>
            {text.sdk.text}
          </p>
          <Code label={text.sdk.title} text={sdk} />
        </Section>

        <Section id="conformance" title={text.conformance.title}>
          <p class="govuk-body" safe>
            {text.conformance.intro}
          </p>
          <ul class="govuk-list govuk-list--bullet">
            {text.conformance.requirements.map((requirement) => (
              <li safe>{requirement}</li>
            ))}
          </ul>
          <p class="govuk-body" safe>
            {text.conformance.run}
          </p>
          <Code label={text.conformance.title} text={conformance} />
          <p class="govuk-body" safe>
            {text.conformance.reference}
          </p>
        </Section>

        <Section id="limits" title={text.limits.title}>
          <p class="govuk-body" safe>
            {text.limits.text}
          </p>
        </Section>

        <Section id="versioning" title={text.versioning.title}>
          {text.versioning.paragraphs.map((paragraph) => (
            <p class="govuk-body" safe>
              {paragraph}
            </p>
          ))}
        </Section>

        <Section id="changelog" title={text.changelog.title}>
          <dl class="govuk-summary-list">
            {CHANGELOG.map((entry) => (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">
                  <time datetime={entry.date} safe>
                    {formatDate(entry.date, lang)}
                  </time>
                </dt>
                <dd class="govuk-summary-list__value" safe>
                  {entry.text[lang]}
                </dd>
              </div>
            ))}
          </dl>
        </Section>
      </>
    ),
  });
}

export function registerDevelopersPages(app: App, options: { publicUrl: string }): void {
  const publicUrl = options.publicUrl.replace(/\/$/, '');
  for (const lang of LANGS) {
    app.get(pathInLang(PATH, lang), { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(await developersPage(lang, publicUrl)),
    );
  }
}
