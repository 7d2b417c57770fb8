/**
 * The applications API: e-forms, submission, the central status register
 * (single events and batches from institutions' systems), tracking and results.
 * Routes are thin — parse (TypeBox), authorise (who, on whose behalf), call the
 * ApplicationsService, shape the reply — and split by sub-capability:
 * forms.routes.ts, submission.routes.ts, tracking.routes.ts,
 * status-register.routes.ts; what they share is in requests.routes.ts and
 * responses.routes.ts.
 */
import type { App } from '../../platform/http/server.js';
import { FormInput, LeadTimeInput, StatusBatch, StatusInput, StatusLabelsInput } from './applications.schemas.js';
import { registerFormRoutes } from './forms.routes.js';
import type { ApplicationsRouteDeps } from './requests.routes.js';
import { responseSchemas } from './responses.routes.js';
import { registerStatusRegisterRoutes } from './status-register.routes.js';
import { registerSubmissionRoutes } from './submission.routes.js';
import { registerTrackingRoutes } from './tracking.routes.js';

export type { ApplicationsRouteDeps } from './requests.routes.js';

export function registerApplicationsRoutes(app: App, deps: ApplicationsRouteDeps): void {
  for (const schema of [FormInput, LeadTimeInput, StatusInput, StatusBatch, StatusLabelsInput, ...responseSchemas]) app.addSchema(schema);
  registerFormRoutes(app, deps);
  registerSubmissionRoutes(app, deps);
  registerTrackingRoutes(app, deps);
  registerStatusRegisterRoutes(app, deps);
}
