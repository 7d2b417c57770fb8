/**
 * The applications API: e-forms, submission, the central status register
 * (single events and batches from institutions' systems), tracking and results.
 */
import type { App } from '../../platform/http/server.js';
import type { AccessService } from '../access/index.js';
import type { AuditService } from '../audit/index.js';
import type { ApplicationsService } from './index.js';

export interface ApplicationsRouteDeps {
  applications: ApplicationsService;
  access: AccessService;
  audit: AuditService;
}

export function registerApplicationsRoutes(app: App, deps: ApplicationsRouteDeps): void {
  void app;
  void deps;
}
