/**
 * The warning before an idle session ends (sessions that forgive): a small
 * script of our own that, two minutes before the idle timeout the header
 * states, shows the header's hidden warning and moves the focus to its "Stay
 * signed in" button, which asks the keep-alive address (any signed-in request
 * keeps the session alive) and hides the warning again. Without JavaScript the
 * header's sentence about the timeout is all, and nothing typed is lost anyway:
 * a form sent after the session ended is kept while the person signs in again.
 */
import type { App } from '../http/server.js';

export const IDLE_SCRIPT_URL = '/assets/workspace/idle.js';
/** Answers 204 to a signed-in person, which keeps their session alive. */
export const KEEP_ALIVE_PATH = '/workspace/session';

const IDLE_SCRIPT = `'use strict';
(function () {
  var stated = document.getElementById('idle-timeout');
  var warning = document.getElementById('idle-warning');
  var stay = document.getElementById('idle-stay');
  if (!stated || !warning || !stay) return;
  var minutes = Number(stated.getAttribute('data-idle-minutes')) || 30;
  var warnAfter = Math.max(minutes - 2, 1) * 60000;
  var timer;
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(function () { warning.hidden = false; stay.focus(); }, warnAfter);
  }
  stay.addEventListener('click', function () {
    fetch(stay.getAttribute('data-keep-alive'), { credentials: 'same-origin', cache: 'no-store', redirect: 'manual' }).then(function (response) {
      if (response.status === 204) { warning.hidden = true; arm(); } else { window.location.reload(); }
    }, function () { window.location.reload(); });
  });
  arm();
})();
`;

export function registerIdleWarning(app: App): void {
  if (app.hasRoute({ method: 'GET', url: IDLE_SCRIPT_URL })) return;
  app.get(IDLE_SCRIPT_URL, { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(IDLE_SCRIPT));
}
