/**
 * What the e-form pages share: their addresses, where chosen files wait, and
 * the state every page of the form stands on.
 */
import type { RootDb } from '../../../../platform/db/database.js';
import type { PageContext } from '../../../../platform/web/workspace.js';
import type { AccessService, Right } from '../../../access/index.js';
import { databaseFileStore } from '../../attachments.js';
import type { ApplicationsService, Draft, Form } from '../../index.js';
import type { CatalogService, Service } from '../../../catalog/index.js';
import type { IdentityService } from '../../../identity/index.js';
import type { PaymentsService } from '../../../payments/index.js';
import { CHECK, valueAt, type Answers } from './apply.form.js';

export interface ApplyDeps {
  applications: ApplicationsService;
  /** whom the person may act for in a service (P9) */
  access: Pick<AccessService, 'resolveActingFor'>;
  catalog: CatalogService;
  /** the person register: names of applicants and what is known about the person (e.g. a verified e-mail) */
  persons: Pick<IdentityService, 'findPersonsByCode'>;
  /** where chosen files wait until submission (the applications module's store, shared by every instance) */
  db: RootDb;
  /** PUBLIC_URL: the receipt's direct link is written out in full (it is printed and kept) */
  publicUrl?: string;
  /** taking the fees of services that charge one in their e-form (absent: no fee is taken online); app.ts hands in the payments module's */
  payments?: Pick<PaymentsService, 'start' | 'refresh' | 'forApplications'>;
  /** what other modules show on an application's page (rating the service, asking customer support…), in this order; app.ts hands them in */
  applicationPanels?: readonly ApplicationPanel[];
}

/** Another module's part of an application's page: told the page's context and which application it is. */
export type ApplicationPanel = (context: PageContext, application: { id: string; number: string; statusCode: string; serviceId: string; institutionId: string }) => JSX.Element;

export const files = databaseFileStore();
export const applyPath = (slug: string, rest = ''): string => `/workspace/apply/${slug}${rest}`;
/** The query of a step opened from a "Change" link of the check page, which it returns to. */
export const FROM_CHECK = 'from=check';
export const stepPath = (slug: string, step: string): string => applyPath(slug, step === CHECK ? '/check' : `/step/${step}`);

export interface Applying {
  service: Service;
  form: Form;
  right: Right;
  draft: Draft | null;
  /** the draft's data, or what the platform knows before anything was saved */
  data: Answers;
}

/** A field's answer in the draft (`a/b` for nested ones). */
export const valueOf = (data: Answers, name: string): unknown => valueAt(data, name);
