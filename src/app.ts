/**
 * Builds the platform from its modules. Importing this file has no side
 * effects; `openPlatform` opens the database, migrates it, loads demo data when
 * asked, and returns the HTTP app ready to listen (used by main.ts and tests).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { parsePayments, type Config } from './config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { migrate, type MigrationSource } from './platform/db/migrate.js';
import { runOnce } from './platform/db/once.js';
import { installProblemHandlers } from './platform/http/problem.js';
import { createRateLimiter, installClientRateLimit } from './platform/http/rate-limit.js';
import { createServer, type App } from './platform/http/server.js';
import { registerWebAssets, renderNotFoundPage } from './platform/web/assets.js';
import { setPageEndSlot } from './platform/web/layout.js';
import { registerPwa } from './platform/web/pwa.js';
import { accessMigrations, createAccess, createActingResolver, loadAccessDemoData, registerAccessConsolePages, registerAccessRoutes, registerAccessWorkspacePages } from './modules/access/index.js';
import { auditMigrations, createAudit, registerAuditRoutes, registerDataAccessWorkspacePages } from './modules/audit/index.js';
import { catalogMigrations, catalogSharedSchemas, createCatalog, createSearchingCatalog, loadCatalogDemoData, registerCatalogConsolePages, registerCatalogPages, registerCatalogRoutes } from './modules/catalog/index.js';
import { createClientAdministration, createIdentity, createPostKeeper, SESSION_IDLE_MS, identityMigrations, loadIdentityDemoData, registerIdentity, registerIdentityConsolePages, registerRolesEnricher } from './modules/identity/index.js';
import { ApplyingLinks, applicationsMigrations, capturedSubscriber, PAID_EVENTS, generalFormPanel, createApplications, fileStoreFor, loadApplicationsDemoData, registerApplicationsConsolePages, registerApplicationsRoutes, registerApplicationsWorkspacePages } from './modules/applications/index.js';
import { createRegisters, demoRegisters } from './modules/registers/index.js';
import { createPreferences, preferencesMigrations, registerPreferencesRoutes, registerPreferencesWorkspacePages } from './modules/preferences/index.js';
import { createOffers, loadOffersDemoData, OFFERED_EVENTS, offersMigrations, offersSubscriber, registerOffersWorkspacePages } from './modules/offers/index.js';
import { createParticipation, loadParticipationDemoData, PageFeedbackForm, participationMigrations, PARTICIPATION_EVENTS, participationSubscriber, ratingPanel, registerParticipation, registerParticipationConsolePages, registerParticipationWorkspacePages } from './modules/participation/index.js';
import { createNotifications, NotificationLinks, notificationsMigrations, NOTIFIED_EVENTS, registerNotificationsConsolePages, registerNotificationsRoutes, registerNotificationsWorkspacePages, type NotificationsModule } from './modules/notifications/index.js';
import { createClients, createWebhooks, integrationMigrations, registerClientsConsolePages, CLIENT_SECRET_OVERLAP_SECONDS, registerDevelopersPages, registerIntegrationConsolePages, registerIntegrationRoutes, WEBHOOK_EVENTS, webhooksSubscriber } from './modules/integration/index.js';
import { askAboutApplication, createSupport, loadSupportDemoData, registerSupportConsolePages, registerSupportPortalPages, registerSupportRoutes, registerSupportWorkspacePages, supportMigrations, supportServicePanel, FaqLinks } from './modules/support/index.js';
import { registerTrustPages } from './modules/trust/index.js';
import { createPaymentsModule, paymentPanel, paymentsCasePanel, paymentsMigrations, registerDevProviderPages, registerPaymentsConsolePages, registerPaymentsRoutes, registerPaymentsWorkspacePages } from './modules/payments/index.js';
import { createConsoleShell } from './shells/console/index.js';
import { createWorkspaceShell } from './shells/workspace/index.js';
import { createEventBus, type EventBus } from './platform/jobs/bus.js';
import { createJobQueue } from './platform/jobs/queue.js';

const platformMigrations: MigrationSource = { module: 'platform', dir: fileURLToPath(new URL('./platform/db/migrations', import.meta.url)) };
/** In dependency order: platform first, then the modules. */
export const migrationSources: MigrationSource[] = [platformMigrations, auditMigrations, catalogMigrations, accessMigrations, identityMigrations, applicationsMigrations, preferencesMigrations, offersMigrations, notificationsMigrations, integrationMigrations, participationMigrations, supportMigrations, paymentsMigrations];

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export interface Platform {
  app: App;
  database: Database;
  /** the notifications module (tests and the bench read its service) */
  notifications?: NotificationsModule;
  /** the event bus (tests and the bench drain it with runOnce) */
  bus?: EventBus;
  close(): Promise<void>;
}

/** Background work of an app (the job queue and notifications' workers): started by openPlatform, stopped on close. */
interface Background {
  notifications: NotificationsModule;
  bus: EventBus;
  start(): Promise<void>;
  stop(): Promise<void>;
}
const backgroundOf = new WeakMap<App, Background>();

export async function buildApp(config: Config, database: Database, logger: Logger | boolean): Promise<App> {
  const { catalog, searchIndex } = createSearchingCatalog(database.db, typeof logger === 'boolean' ? undefined : logger);
  const app = await createServer({
    logger,
    publicUrl: config.publicUrl,
    secure: config.secure,
    ready: () => database.ping(),
    sharedSchemas: catalogSharedSchemas,
    tags: [
      { name: 'catalog', description: 'Service register and catalogs (P1, P3, P7)' },
      { name: 'access', description: 'Client rights, mandates and staff roles (P9, P15)' },
      { name: 'identity', description: 'Single sign-on: who is calling (P6)' },
      { name: 'applications', description: 'E-forms, applications, the central status register, lead times and results (P2, P8, P11, P12)' },
      { name: 'notifications', description: 'Notifications: workspace inbox, e-mail, SMS, push and e-address; preferences and offers (P10)' },
      { name: 'support', description: 'Customer support: one desk for every service (P13)' },
      { name: 'integration', description: 'Webhooks: the platform’s events delivered to institutions’ and third parties’ systems, signed (P5, P17)' },
      { name: 'participation', description: 'Participation: public performance figures as open data, and ideas to improve services (P14)' },
      { name: 'payments', description: 'Payments: fees paid in e-applications, the providers’ callbacks, and each institution’s daily payments for its accounting (P2)' },
    ],
    version: packageJson.version,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
  });
  installProblemHandlers(app, { notFoundPage: renderNotFoundPage });
  // Every API client's calls are limited per family of calls, counted in the database so every instance agrees.
  // A client's own limit, when a platform administrator set one (integration's self-service clients), else the default.
  const limiter = createRateLimiter(database.db);
  const clients = createClients(database.db, { limiter, defaultPolicy: { name: 'api', ...config.apiRateLimit } });
  installClientRateLimit(app, limiter, (client) => clients.policyOf(client));
  // Catalog search is answered from memory once the index is built; every instance polls the register to stay fresh.
  app.addHook('onReady', async () => searchIndex.start());
  app.addHook('onClose', async () => searchIndex.stop());
  await registerWebAssets(app);
  // The installable app: manifest, icons, service worker, offline pages (before the routes whose pages it marks).
  await registerPwa(app);
  // Single sign-on first: its authenticators say who is asking before any module's hook runs.
  await registerIdentity(app, {
    db: database.db,
    publicUrl: config.publicUrl,
    secure: config.secure,
    demo: config.demo,
    eid: config.eid,
    log: typeof logger === 'boolean' ? undefined : logger,
  });
  const audit = createAudit(database.db);
  const { access, mandates } = createAccess(database.db, { knownServices: async (ids) => (await catalog.getMany(ids)).map((service) => service.id) });
  // Roles are kept in one place (P9): whoever signed in, their current roles come from there.
  // A web session's look-up brings them along in its own statement (one round trip less on every signed-in page).
  registerRolesEnricher(app, async (principal) => (principal.kind === 'person' && principal.personalCode ? access.rolesOf(principal.personalCode) : []), access.rolesInStatement);
  registerCatalogRoutes(app, catalog, config.publicUrl);
  // A service's page shows customer support's panel (its FAQ and "Ask a question"); asked at run time, once support (below) exists.
  registerCatalogPages(app, catalog, { publicUrl: config.publicUrl, servicePanels: [(props) => supportPanel(props), (props) => formPanel(props)] });
  registerAccessRoutes(app, { access, mandates, audit });
  // One file store for applications' attachments and support's files.
  const files = fileStoreFor({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, s3: config.s3 });
  // Once only: forms read what the state registers hold (DEMO: the demo registers; otherwise none is connected yet).
  const registers = config.demo ? { registers: createRegisters(database.db, demoRegisters) } : {};
  const paymentSettings = config.payments ?? parsePayments({}, config.demo);
  const applications = createApplications(database.db, { files, rights: access, ...registers, feesOnline: paymentSettings.provider !== 'none' });
  registerApplicationsRoutes(app, { applications, access, audit });
  const formPanel = generalFormPanel(applications);
  const log = typeof logger === 'boolean' ? undefined : logger;
  const queue = createJobQueue(database.pool, { onError: (error) => log?.error({ err: error }, 'job queue error') });
  const notifications = createNotifications({
    db: database.db,
    embedded: database.kind === 'embedded',
    queue,
    settings: { ...config.notifications, publicUrl: config.publicUrl, smtpUrl: config.smtpUrl },
    persons: createIdentity(database.db),
    catalog,
    // Asked at run time, once preferences (below) exists.
    preferences: { deliveryPlan: (personalCode, kind, at) => preferences.deliveryPlan(personalCode, kind, at) },
    log,
  });
  registerNotificationsRoutes(app, { notifications: notifications.service, pushPublicKey: notifications.pushPublicKey, applications });
  // Fees paid in the e-application (P2): the provider configured (the development one under DEMO), its callbacks, and reconciliation on the queue.
  const payments = createPaymentsModule({ db: database.db, publicUrl: config.publicUrl, settings: paymentSettings, queue, log });
  registerPaymentsRoutes(app, { payments: payments.service, audit });
  if (payments.dev) registerDevProviderPages(app, payments.dev);
  const paymentsPages = { payments: payments.service, audit };
  // The one event bus: modules publish to the platform's outbox; its subscribers are wired here.
  const bus = createEventBus({ db: database.db, log, vacuum: database.kind === 'embedded' });
  bus.subscribe('notifications', NOTIFIED_EVENTS, notifications.handleEvent, notifications.handleEvents);
  // A captured payment submits the application that waited for it (at least once; submitting is idempotent).
  bus.subscribe('applications-payments', PAID_EVENTS, capturedSubscriber(applications));
  // Webhooks: plain http endpoints only on a development platform (PUBLIC_URL not https).
  const webhooks = createWebhooks(database.db, { allowHttp: !config.secure, ...(config.webhookRetrySchedule ? { retrySchedule: config.webhookRetrySchedule } : {}) }, log);
  bus.subscribe('integration', WEBHOOK_EVENTS, webhooksSubscriber(webhooks));
  registerIntegrationRoutes(app, webhooks);
  registerDevelopersPages(app, { publicUrl: config.publicUrl });
  // The accessibility statement, privacy and cookie notices and contact page, linked from every footer.
  registerTrustPages(app, config.operator);
  backgroundOf.set(app, {
    notifications,
    bus,
    async start() {
      await queue.start();
      await payments.start();
      await notifications.start();
      bus.start(config.eventsIntervalMs ?? 500);
      webhooks.start(config.eventsIntervalMs ?? 500);
    },
    async stop() {
      await webhooks.stop();
      await bus.stop();
      await notifications.stop();
      await payments.stop();
      await queue.stop();
      await notifications.close();
    },
  });
  // Customer support (P13): a visitor's address is confirmed through the notifications core's confirmation sender.
  const support = createSupport(database.db, {
    publicUrl: config.publicUrl,
    catalog,
    applications,
    files,
    mailer: {
      send: (message) =>
        notifications.confirmations.send({ personalCode: '', channel: 'email', address: message.to, language: message.language, name: message.name, link: message.link, purpose: 'support' }),
      sendReply: (message) =>
        notifications.confirmations.send({ personalCode: '', channel: 'email', address: message.to, language: message.language, name: message.name, link: message.link, purpose: 'support_reply', text: message.body }),
    },
  });
  const supportPanel = supportServicePanel(support);
  registerSupportRoutes(app, { support, catalog });
  registerSupportPortalPages(app, { support, catalog });
  const preferences = createPreferences(database.db, { publicUrl: config.publicUrl, sender: notifications.confirmations, vapidPublicKey: notifications.pushPublicKey });
  registerPreferencesRoutes(app, { preferences, audit });
  // Participation: "was this page useful?" above every page's footer, ratings after a result, public performance figures kept from status changes.
  const participation = createParticipation(database.db, { catalog });
  setPageEndSlot(PageFeedbackForm);
  registerParticipation(app, participation, { publicUrl: config.publicUrl, db: database.db, countryHeader: config.visitCountryHeader });
  bus.subscribe('participation', PARTICIPATION_EVENTS, participationSubscriber(participation));
  const offers = createOffers(database.db, { publicUrl: config.publicUrl, catalog, notify: notifications.notify });
  bus.subscribe('offers', OFFERED_EVENTS, offersSubscriber(offers));
  // The workspace: a thin shell; access decides whom a person acts for, and each module puts its pages and tiles in it (in this order on the front page).
  const persons = createIdentity(database.db);
  const workspace = createWorkspaceShell(app, { acting: createActingResolver({ access, audit, persons }), keeper: createPostKeeper(database.db), idleMinutes: SESSION_IDLE_MS / 60_000 });
  registerNotificationsWorkspacePages(workspace, notifications.service);
  registerAccessWorkspacePages(workspace, { access, mandates, catalog, audit, persons });
  registerApplicationsWorkspacePages(workspace, {
    applications,
    access,
    catalog,
    persons,
    db: database.db,
    publicUrl: config.publicUrl,
    ...(payments.enabled ? { payments: payments.service } : {}),
    applicationPanels: [paymentPanel(payments.service), ratingPanel(participation), askAboutApplication],
  });
  registerPaymentsWorkspacePages(workspace, paymentsPages);
  registerOffersWorkspacePages(workspace, { offers, catalog });
  registerPreferencesWorkspacePages(workspace, { preferences, audit });
  // Who looked at a party's data: the trail's entries about it and its applications.
  const dataAccess = { audit, targetsOf: async (party: string) => [...(await applications.applicationIdsOf(party)).map((id) => `application:${id}`), `payments:${party}`] };
  registerDataAccessWorkspacePages(workspace, dataAccess);
  registerAuditRoutes(app, dataAccess);
  registerParticipationWorkspacePages(workspace, { participation, catalog });
  registerSupportWorkspacePages(workspace, { support, catalog });
  // The console shell, and each capability's console pages and tiles in it.
  const consoleShell = createConsoleShell(app, { institutionNames: () => catalog.listInstitutions() });
  registerApplicationsConsolePages(consoleShell, { applications, catalog, identity: persons, casePanels: [paymentsCasePanel(paymentsPages)] });
  registerPaymentsConsolePages(consoleShell, paymentsPages);
  registerCatalogConsolePages(consoleShell, { db: database.db, catalog, persons, servicePanels: [ApplyingLinks, NotificationLinks, FaqLinks] });
  registerAccessConsolePages(consoleShell, { access, catalog, persons });
  registerIdentityConsolePages(consoleShell, { identity: persons, clients: createClientAdministration(database.db), catalog, publicUrl: config.publicUrl });
  registerNotificationsConsolePages(consoleShell, { notifications: notifications.service, catalog });
  registerIntegrationConsolePages(consoleShell, webhooks);
  registerClientsConsolePages(consoleShell, { clients, catalog, publicUrl: config.publicUrl, overlapHours: CLIENT_SECRET_OVERLAP_SECONDS / 3600 });
  registerParticipationConsolePages(consoleShell, { participation, catalog });
  registerSupportConsolePages(consoleShell, { support, catalog, persons, applications });
  return app;
}

export async function loadDemoData(database: Database, log?: Pick<Logger, 'info'>): Promise<void> {
  const loaded = await runOnce(database.db, 'demo:catalog', async (trx) => {
    const counts = await loadCatalogDemoData(trx);
    log?.info(counts, 'demo catalog loaded');
  });
  if (!loaded) log?.info('demo data already loaded');
  await runOnce(database.db, 'demo:access', async (trx) => {
    const pmlp = await createCatalog(trx).getInstitution('pmlp');
    await loadAccessDemoData(trx, pmlp.id);
    log?.info('demo parties and roles loaded');
  });
  await runOnce(database.db, 'demo:applications', async (trx) => {
    const counts = await loadApplicationsDemoData(trx);
    log?.info(counts, 'demo e-forms loaded');
  });
  await runOnce(database.db, 'demo:identity', async (trx) => {
    const counts = await loadIdentityDemoData(trx);
    log?.info(counts, 'demo identities and OpenID clients loaded');
  });
  await runOnce(database.db, 'demo:offers', async (trx) => {
    const counts = await loadOffersDemoData(trx);
    log?.info(counts, 'demo offer rules loaded');
  });
  await runOnce(database.db, 'demo:support', async (trx) => {
    const counts = await loadSupportDemoData(trx);
    log?.info(counts, 'demo support questions loaded');
  });
  await runOnce(database.db, 'demo:participation', async (trx) => {
    const counts = await loadParticipationDemoData(trx);
    log?.info(counts, 'demo participation figures loaded');
  });
}

/** `opened`: a database the caller opened (tests start from a template copy); the platform owns and closes it. */
export async function openPlatform(config: Config, logger: Logger | boolean, opened?: Database): Promise<Platform> {
  const database = opened ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const log = typeof logger === 'boolean' ? undefined : logger;
    const applied = await migrate(database.db, migrationSources);
    if (applied.length > 0) log?.info({ applied: applied.map((m) => `${m.module}/${m.name}`) }, 'migrations applied');
    if (config.demo) await loadDemoData(database, log);
    const app = await buildApp(config, database, logger);
    const background = backgroundOf.get(app);
    try {
      await background?.start();
    } catch (error) {
      await app.close();
      throw error;
    }
    return {
      app,
      database,
      ...(background ? { notifications: background.notifications, bus: background.bus } : {}),
      async close() {
        await app.close();
        await background?.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
