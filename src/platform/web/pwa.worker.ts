/**
 * The service worker's source (a small one of our own: three jobs need no
 * library and no bundler). Pages work without it; where it runs it
 *
 * - keeps an offline page (lv, en) and the stylesheet, so a page that cannot
 *   be fetched is answered by "you are offline" instead of the browser's error;
 * - keeps the workspace pages a signed-in person opened (their applications and
 *   results), network first, so they are readable offline. The server marks
 *   each such answer with the person's cache key (`X-PK-Offline`, a hash of the
 *   session's subject); the pages go to that person's own cache, and a page of
 *   another person drops what was kept of the previous one. Sign-out wipes
 *   everything with `Clear-Site-Data`;
 * - shows web pushes (JSON `{ title, body, url }`) and opens the pushed link
 *   when the notification is clicked.
 */

export interface WorkerSettings {
  /** changes whenever what is precached changes: the old shell cache is dropped */
  version: string;
  /** the addresses kept at install: offline pages and static assets */
  precache: string[];
  offlinePages: { lv: string; en: string };
  icon: string;
  /** the response header naming the person's cache */
  personHeader: string;
}

/** Paths whose answers belong to the signed-in person. */
export const PERSONAL_PATHS = /^\/(?:en\/)?workspace(?:\/|$)/;

export function workerSource(settings: WorkerSettings): string {
  return `'use strict';
var SHELL = 'pk-shell-${settings.version}';
var PERSON = 'pk-person-';
var PRECACHE = ${JSON.stringify(settings.precache)};
var OFFLINE = ${JSON.stringify(settings.offlinePages)};
var PERSONAL = ${PERSONAL_PATHS.toString()};
var HEADER = ${JSON.stringify(settings.personHeader)};

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(PRECACHE); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf('pk-shell-') === 0 && name !== SHELL; }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function personCaches() {
  return caches.keys().then(function (names) { return names.filter(function (name) { return name.indexOf(PERSON) === 0; }); });
}

/** Drops every person's cache but keep's (none: all). */
function forgetAllBut(keep) {
  return personCaches().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== keep; }).map(function (name) { return caches.delete(name); }));
  });
}

/** Keeps a personal page in its person's cache (only a page the server marked as someone's). */
function keep(address, response) {
  var person = response.headers.get(HEADER);
  if (!person || !response.ok || response.type !== 'basic') return Promise.resolve();
  var name = PERSON + person;
  return forgetAllBut(name).then(function () { return caches.open(name); }).then(function (cache) { return cache.put(address, response); });
}

function kept(address) {
  return personCaches().then(function (names) {
    return names.reduce(function (found, name) {
      return found.then(function (hit) { return hit || caches.open(name).then(function (cache) { return cache.match(address, { ignoreVary: true }); }); });
    }, Promise.resolve(undefined));
  });
}

function offlinePage(path) {
  return caches.match(path === '/en' || path.indexOf('/en/') === 0 ? OFFLINE.en : OFFLINE.lv, { cacheName: SHELL });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf('/assets/') === 0 && PRECACHE.indexOf(url.pathname) !== -1) {
    event.respondWith(caches.match(url.pathname, { cacheName: SHELL }).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  var personal = PERSONAL.test(url.pathname);
  if (!personal && request.mode !== 'navigate') return;
  event.respondWith(fetch(request).then(function (response) {
    return personal ? keep(url.href, response.clone()).then(function () { return response; }, function () { return response; }) : response;
  }, function () {
    return (personal ? kept(url.href) : Promise.resolve(undefined)).then(function (hit) {
      if (hit) return hit;
      return request.mode === 'navigate' ? offlinePage(url.pathname) : Response.error();
    });
  }));
});

self.addEventListener('push', function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (error) { data = { body: event.data ? event.data.text() : '' }; }
  event.waitUntil(self.registration.showNotification(data.title || 'Pakalpojumi', {
    body: data.body || '', icon: ${JSON.stringify(settings.icon)}, tag: data.tag || undefined, data: { url: data.url || '/workspace' },
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var target = new URL((event.notification.data && event.notification.data.url) || '/workspace', self.location.origin);
  if (target.origin !== self.location.origin) target = new URL('/workspace', self.location.origin);
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) if (windows[i].url === target.href && 'focus' in windows[i]) return windows[i].focus();
    return self.clients.openWindow(target.href);
  }));
});
`;
}
