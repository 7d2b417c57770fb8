/**
 * The page layout of every portal page: GOV.UK Frontend's page template with
 * our own header (platform name, main menu, language switcher), a skip link,
 * optional breadcrumbs and the footer. Plus a small "message page" used for
 * errors and not-yet-available areas. No inline styles, and no JavaScript a
 * page needs: the one script registers the installable app's service worker
 * (not on the staff console, which is no part of the app).
 *
 * Note: @kitajs/html does not escape children by default; every dynamic text
 * here goes through `safe` or `escapeHtml`.
 */
import { escapeHtml } from '@kitajs/html';
import { BRAND_COLOUR, ICON_URL, stylesheetUrl } from './assets.js';
import { MANIFEST_URL, PWA_SCRIPT_URL } from './pwa.js';
import { otherLang, pathInLang, t, type Lang } from './i18n.js';
import { labelTableCells } from './tables.js';
import { FoldingMenu, SignedInBar } from './header.js';

export interface Breadcrumb {
  href: string;
  text: string;
}

/** The main menu's sections. */
export type Section = 'citizens' | 'business' | 'workspace' | 'console';

export interface LayoutProps {
  lang: Lang;
  /** the page's own title; the platform name is appended */
  title: string;
  /** this page in the other language */
  alternateUrl: string;
  breadcrumbs?: Breadcrumb[];
  /** the menu item to mark as current */
  section?: Section;
  /** the children bring their own width containers (for full-width bands) */
  fullWidth?: boolean;
  /** for search engines and link previews */
  description?: string;
  /** this page's path (no query string); default: derived from `alternateUrl` */
  path?: string;
  children?: JSX.Element | JSX.Element[];
}

/**
 * Something every page shows just above the footer (e.g. "Was this page
 * useful?"), told the page's language and path. Set once at assembly
 * (app.ts), so the layout names no capability.
 */
export type PageEndSlot = (page: { lang: Lang; path: string }) => JSX.Element;
let pageEnd: PageEndSlot | undefined;
/** Sets what every page shows above its footer (undefined: nothing). */
export function setPageEndSlot(slot: PageEndSlot | undefined): void {
  pageEnd = slot;
}

/** This page's path without its query string: the other language's address taken back to this language. */
function pagePath(lang: Lang, alternateUrl: string): string {
  const bare = alternateUrl.split(/[?#]/)[0] ?? '/';
  return bare.startsWith('/') ? pathInLang(bare, lang) : '/';
}

const LANGUAGE_NAMES: Record<Lang, string> = { lv: 'Latviešu', en: 'English' };

function navItems(lang: Lang): { section: Section; href: string; text: string }[] {
  return [
    { section: 'citizens', href: pathInLang('/', lang), text: t(lang, 'layout.nav.citizens') },
    { section: 'business', href: pathInLang('/business', lang), text: t(lang, 'layout.nav.business') },
    { section: 'workspace', href: pathInLang('/workspace', lang), text: t(lang, 'layout.nav.workspace') },
    { section: 'console', href: pathInLang('/console', lang), text: t(lang, 'layout.nav.console') },
  ];
}

function Mark(): JSX.Element {
  // The platform's mark, drawn in the header's text colour.
  return (
    <svg class="pk-header__mark" viewBox="0 0 512 512" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">
      <rect width="512" height="512" rx="96" fill="none" stroke="currentColor" stroke-width="36" />
      <path d="M176 112h104c50 0 88 36 88 84s-38 84-88 84h-48v56h-56zm56 48v72h44c22 0 36-15 36-36s-14-36-36-36z" fill="currentColor" />
    </svg>
  );
}

function Header({ lang, alternateUrl, section }: Pick<LayoutProps, 'lang' | 'alternateUrl' | 'section'>): JSX.Element {
  const other = otherLang(lang);
  return (
    <header class="pk-header">
      <div class="govuk-generic-header pk-generic-header">
        <div class="govuk-generic-header__container govuk-width-container">
          <div class="govuk-generic-header__logo pk-header__logo">
            <a href={pathInLang('/', lang)} class="govuk-generic-header__homepage-link">
              <Mark />
              <span class="pk-header__name" safe>
                {t(lang, 'platform.name')}
              </span>
            </a>
            <span class="pk-header__tagline" safe>
              {t(lang, 'platform.tagline')}
            </span>
          </div>
        </div>
      </div>
      <div class="govuk-service-navigation">
        <div class="govuk-width-container govuk-service-navigation__inlining-container">
          <FoldingMenu lang={lang}>
          <div class="govuk-service-navigation__container">
            <nav aria-label={t(lang, 'layout.navLabel')} class="govuk-service-navigation__wrapper">
              <ul class="govuk-service-navigation__list">
                {navItems(lang).map((item) =>
                  item.section === section ? (
                    <li class="govuk-service-navigation__item govuk-service-navigation__item--active">
                      <a class="govuk-service-navigation__link" href={item.href} aria-current="page">
                        <strong class="govuk-service-navigation__active-fallback" safe>
                          {item.text}
                        </strong>
                      </a>
                    </li>
                  ) : (
                    <li class="govuk-service-navigation__item">
                      <a class="govuk-service-navigation__link" href={item.href} safe>
                        {item.text}
                      </a>
                    </li>
                  ),
                )}
              </ul>
            </nav>
          </div>
          </FoldingMenu>
          <nav class="govuk-language-navigation" aria-label={t(lang, 'layout.languageLabel')}>
            <ul class="govuk-language-navigation__list">
              <li class="govuk-language-navigation__list-item">
                <span class="govuk-language-navigation__text" lang={lang} aria-current="true" safe>
                  {LANGUAGE_NAMES[lang]}
                </span>
              </li>
              <li class="govuk-language-navigation__list-item">
                <a class="govuk-language-navigation__link" href={alternateUrl} lang={other} hreflang={other} rel="alternate" safe>
                  {LANGUAGE_NAMES[other]}
                </a>
              </li>
            </ul>
          </nav>
        </div>
      </div>
      <SignedInBar lang={lang} />
    </header>
  );
}

function Breadcrumbs({ lang, items }: { lang: Lang; items: Breadcrumb[] }): JSX.Element {
  return (
    <nav class="govuk-breadcrumbs" aria-label={t(lang, 'layout.breadcrumbsLabel')}>
      <ol class="govuk-breadcrumbs__list">
        {items.map((item) => (
          <li class="govuk-breadcrumbs__list-item">
            <a class="govuk-breadcrumbs__link" href={item.href} safe>
              {item.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The pages a public body must have (the trust module serves them at these addresses). */
const TRUST_LINKS = [
  ['/accessibility', 'layout.footer.accessibility'],
  ['/privacy', 'layout.footer.privacy'],
  ['/cookies', 'layout.footer.cookies'],
  ['/contact', 'layout.footer.contact'],
] as const;

function Footer({ lang }: { lang: Lang }): JSX.Element {
  return (
    <footer class="govuk-footer">
      <div class="govuk-width-container">
        <div class="govuk-footer__meta">
          <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 class="govuk-heading-s" safe>
              {t(lang, 'layout.footer.about')}
            </h2>
            <p class="govuk-body-s pk-footer__about" safe>
              {t(lang, 'layout.footer.aboutText')}
            </p>
            <h2 class="govuk-visually-hidden" safe>
              {t(lang, 'layout.footer.linksLabel')}
            </h2>
            <ul class="govuk-footer__inline-list">
              {TRUST_LINKS.map(([path, key]) => (
                <li class="govuk-footer__inline-list-item">
                  <a class="govuk-footer__link" href={pathInLang(path, lang)} safe>
                    {t(lang, key)}
                  </a>
                </li>
              ))}
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href={pathInLang('/developers', lang)} safe>
                  {t(lang, 'layout.footer.apiDocs')}
                </a>
              </li>
              <li class="govuk-footer__inline-list-item">
                <a class="govuk-footer__link" href="/openapi.json">
                  OpenAPI
                </a>
              </li>
            </ul>
            <div class="govuk-footer__meta-custom">
              {escapeHtml(t(lang, 'layout.footer.openSource'))}.{' '}
              <a class="govuk-footer__link" href="https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12" rel="license" safe>
                {t(lang, 'layout.footer.licence')}
              </a>
            </div>
          </div>
          <div class="govuk-footer__meta-item" safe>
            {t(lang, 'platform.name')}
          </div>
        </div>
      </div>
    </footer>
  );
}

export function Layout(props: LayoutProps): JSX.Element {
  const { lang, title, alternateUrl, breadcrumbs, section, fullWidth, description, children } = props;
  const end = pageEnd ? pageEnd({ lang, path: props.path ?? pagePath(lang, alternateUrl) }) : '';
  const suffix = t(lang, 'layout.titleSuffix');
  const fullTitle = title === suffix ? title : `${title} – ${suffix}`;
  const other = otherLang(lang);
  return (
    <html lang={lang} class="govuk-template">
      <head>
        <meta charset="utf-8" />
        <title safe>{fullTitle}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        {description ? <meta name="description" content={description} /> : ''}
        <meta name="theme-color" content={BRAND_COLOUR} />
        <link rel="stylesheet" href={stylesheetUrl()} />
        <link rel="icon" href={ICON_URL} type="image/svg+xml" />
        <link rel="manifest" href={MANIFEST_URL} />
        {section === 'console' ? '' : <script src={PWA_SCRIPT_URL} defer></script>}
        <link rel="alternate" hreflang={other} href={alternateUrl} />
      </head>
      <body class="govuk-template__body">
        <a href="#main" class="govuk-skip-link" safe>
          {t(lang, 'layout.skipLink')}
        </a>
        <Header lang={lang} alternateUrl={alternateUrl} section={section} />
        {fullWidth ? (
          <main id="main" class="pk-main">
            {breadcrumbs && breadcrumbs.length > 0 ? (
              <div class="govuk-width-container">
                <Breadcrumbs lang={lang} items={breadcrumbs} />
              </div>
            ) : (
              ''
            )}
            {children}
          </main>
        ) : (
          <div class="govuk-width-container">
            {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs lang={lang} items={breadcrumbs} /> : ''}
            <main class="govuk-main-wrapper" id="main">
              {children}
            </main>
          </div>
        )}
        {end}
        <Footer lang={lang} />
      </body>
    </html>
  );
}

/** A whole HTML document (its tables' cells labelled to fold into summary lists on a phone). */
export async function renderPage(props: LayoutProps): Promise<string> {
  return `<!doctype html>${labelTableCells(await Layout(props))}`;
}

export interface MessagePageProps {
  lang: Lang;
  title: string;
  alternateUrl: string;
  /** plain-text paragraphs */
  paragraphs: string[];
  links?: Breadcrumb[];
  section?: Section;
  breadcrumbs?: Breadcrumb[];
}

/** A plain list of links (nothing when there are none). */
export function LinkList({ links }: { links: { href: string; text: string }[] }): JSX.Element {
  if (links.length === 0) return '';
  return (
    <ul class="govuk-list">
      {links.map((link) => (
        <li>
          <a class="govuk-link" href={link.href} safe>
            {link.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A simple page with a heading, a few paragraphs and links: errors, "sign in first", "not yet available". */
export function renderMessagePage(props: MessagePageProps): Promise<string> {
  const { lang, title, alternateUrl, paragraphs, links = [], section, breadcrumbs } = props;
  return renderPage({
    lang,
    title,
    alternateUrl,
    section,
    breadcrumbs,
    children: (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          {paragraphs.map((text) => (
            <p class="govuk-body" safe>
              {text}
            </p>
          ))}
          <LinkList links={links} />
        </div>
      </div>
    ),
  });
}
