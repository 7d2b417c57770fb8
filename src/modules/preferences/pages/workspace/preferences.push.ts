/**
 * The only scripts of the notification settings: turning on web push needs
 * the browser's Push API, which only a script can call. `push.js` enhances the
 * page (it shows the button where push can work and posts the subscription
 * with the page's CSRF token, as the forms do); `push-sw.js` is the service
 * worker that receives pushes and shows them. A push payload is JSON
 * `{ title, body, url }` (the notifications core sends it).
 *
 * Both are served as files under /assets (no inline script: the CSP allows
 * only 'self').
 */
import type { App } from '../../../../platform/http/server.js';
import { ICON_URL } from '../../../../platform/web/assets.js';

export const PUSH_SCRIPT_URL = '/assets/workspace/push.js';
export const PUSH_WORKER_URL = '/assets/workspace/push-sw.js';

const PUSH_SCRIPT = `'use strict';
(function () {
  var box = document.getElementById('push');
  if (!box || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
  var button = document.getElementById('push-enable');
  var hint = document.getElementById('push-hint');
  var failure = document.getElementById('push-error');
  function keyBytes(base64) {
    var padded = (base64 + '===='.slice((base64.length + 3) % 4 + 1)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }
  function fail() {
    failure.textContent = box.dataset.failed;
    failure.hidden = false;
    button.disabled = false;
  }
  button.hidden = false;
  hint.hidden = true;
  button.addEventListener('click', function () {
    button.disabled = true;
    failure.hidden = true;
    navigator.serviceWorker.register('${PUSH_WORKER_URL}', { scope: '/assets/workspace/' })
      .then(function (registration) { return navigator.serviceWorker.ready.then(function () { return registration; }); })
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

const PUSH_WORKER = `'use strict';
self.addEventListener('push', function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data ? event.data.text() : '' }; }
  event.waitUntil(self.registration.showNotification(data.title || 'Pakalpojumi', { body: data.body || '', icon: '${ICON_URL}', data: { url: data.url || '/workspace' } }));
});
self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || '/workspace';
  event.waitUntil(self.clients.openWindow(url));
});
`;

export function registerPushAssets(app: App): void {
  if (app.hasRoute({ method: 'GET', url: PUSH_SCRIPT_URL })) return;
  app.get(PUSH_SCRIPT_URL, { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(PUSH_SCRIPT));
  // Served from its scope's folder, with the header that lets it control only that folder.
  app.get(PUSH_WORKER_URL, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').header('service-worker-allowed', '/assets/workspace/').send(PUSH_WORKER),
  );
}
