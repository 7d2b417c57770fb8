/**
 * Trust: the pages a public body must publish about itself — the
 * accessibility statement, the privacy notice, the cookie notice and how to
 * reach the operator (issue 15, item 6). Serves P4 (the portals) and every
 * principle that touches personal data by saying plainly what happens to it.
 * Exposes the pages' registration and their addresses; owns no tables.
 */
export { registerTrustPages, TRUST_PATHS } from './pages/portal/trust.pages.js';
export { COOKIES, type Operator } from './pages/portal/trust.content.js';
