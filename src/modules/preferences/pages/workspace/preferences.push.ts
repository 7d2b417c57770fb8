/**
 * The only script of the notification settings: turning on web push needs
 * the browser's Push API, which only a script can call. `push.js` enhances the
 * page: it shows the button where push can work, says what it is doing while
 * the browser subscribes, and posts the subscription with the page's CSRF
 * token, as the forms do; a refusal or failure is said in words (permission
 * denied, or anything else) and the button works again. The pushes themselves
 * are received and shown by the platform's one service worker (`/sw.js`,
 * platform/web/pwa.ts), which controls every page, so `ready` resolves here.
 * A push payload is JSON `{ title, body, url }` (the notifications core sends it).
 *
 * Served as a file under /assets (no inline script: the CSP allows only 'self').
 */
import type { App } from '../../../../platform/http/server.js';
import { SERVICE_WORKER_URL } from '../../../../platform/web/pwa.js';

export const PUSH_SCRIPT_URL = '/assets/workspace/push.js';

const PUSH_SCRIPT = `'use strict';
(function () {
  var box = document.getElementById('push');
  if (!box || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  var button = document.getElementById('push-enable');
  var hint = document.getElementById('push-hint');
  var status = document.getElementById('push-status');
  var failure = document.getElementById('push-error');
  function keyBytes(base64) {
    var padded = (base64 + '===='.slice((base64.length + 3) % 4 + 1)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  function fail(error) {
    status.textContent = '';
    var denied = Notification.permission === 'denied' || (error && error.name === 'NotAllowedError');
    failure.textContent = denied ? box.dataset.denied : box.dataset.failed;
    failure.hidden = false;
    button.disabled = false;
    button.removeAttribute('aria-disabled');
    button.focus();
  }
  button.hidden = false;
  hint.hidden = true;
  button.addEventListener('click', function () {
    button.disabled = true;
    button.setAttribute('aria-disabled', 'true');
    failure.hidden = true;
    status.textContent = box.dataset.working;
    navigator.serviceWorker.register('${SERVICE_WORKER_URL}', { scope: '/' })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) {
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.vapidKey) });
      })
      .then(function (subscription) {
        var form = new URLSearchParams();
        form.set('_csrf', box.dataset.csrf);
        form.set('subscription', JSON.stringify(subscription));
        return fetch(box.dataset.action, { method: 'POST', body: form, credentials: 'same-origin', redirect: 'manual' });
      })
      .then(function (response) {
        if (response.type === 'opaqueredirect' || response.ok) window.location.assign(box.dataset.done);
        else fail();
      })
      .catch(fail);
  });
})();
`;

export function registerPushAssets(app: App): void {
  if (app.hasRoute({ method: 'GET', url: PUSH_SCRIPT_URL })) return;
  app.get(PUSH_SCRIPT_URL, { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PUSH_SCRIPT));
}
