// FailDaily default web page, core: session, API client, DOM helpers, router, and the member views (register,
// log in, post a fail with an optional image, page through the feed, react, comment, report). account.js
// (profile, password reset) and moderation.js (the staff's queue) add their views through window.FailDaily.
// Plain DOM and fetch, a history router (nginx answers index.html for every route), no inline script, no
// external resource: the page's Content-Security-Policy allows only 'self'.
'use strict';

(function () {
  var TOKEN_KEY = 'faildaily.token';
  var USER_KEY = 'faildaily.user';
  var REACTIONS = [
    { type: 'courage', label: 'Courage' },
    { type: 'empathy', label: 'Empathie' },
    { type: 'laugh', label: 'Rire' },
    { type: 'support', label: 'Soutien' }
  ];
  /** The roles that see the staff view; app-backend's Role: moderator < admin < super_admin. */
  var STAFF_ROLES = ['moderator', 'admin', 'super_admin'];
  /** Fails per feed page: app-backend's default limit, so a page costs what the original's did. */
  var FEED_PAGE_SIZE = 20;
  var app = document.getElementById('app');
  var nav = document.getElementById('nav');
  var notice = document.getElementById('notice');

  // ---- session -------------------------------------------------------------------------------
  function token() { return localStorage.getItem(TOKEN_KEY); }
  function currentUser() {
    try { return JSON.parse(localStorage.getItem(USER_KEY) || 'null'); } catch (e) { return null; }
  }
  function saveSession(data) {
    localStorage.setItem(TOKEN_KEY, data.token);
    localStorage.setItem(USER_KEY, JSON.stringify(data.user || null));
  }
  /** Keeps the stored user in step with what the server just said about them (name, avatar, role). */
  function updateUser(changes) {
    var user = currentUser() || {};
    Object.keys(changes || {}).forEach(function (key) {
      if (changes[key] !== undefined) { user[key] = changes[key]; }
    });
    localStorage.setItem(USER_KEY, JSON.stringify(user));
    renderNav();
  }
  function isStaff(user) {
    return !!user && STAFF_ROLES.indexOf(String(user.role || '').toLowerCase()) >= 0;
  }
  function clearSession() {
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
  }

  // ---- API: same origin, JSON, JWT in Authorization ------------------------------------------
  function ApiError(status, body) {
    this.status = status;
    this.body = body || {};
    this.message = (body && (body.message || body.error)) || ('Erreur ' + status);
  }

  /**
   * A GET refused as too many (nginx allows 10 a second and a burst of 20 per address) is asked once more a second
   * later, when nginx has room again: a view that reloads its lists after a quick click would otherwise show an
   * error for a read. Writes are never repeated: the person decides again.
   */
  var RETRY_AFTER_MS = 1000;

  function api(method, path, body, retried) {
    var headers = { 'Accept': 'application/json' };
    var init = { method: method, headers: headers };
    if (token()) { headers['Authorization'] = 'Bearer ' + token(); }
    if (body instanceof FormData) {
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch('/api' + path, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!res.ok) {
          if (res.status === 401 && token()) {
            clearSession();
            go('/login');
          }
          if (res.status === 413) { throw new ApiError(413, { message: 'Fichier trop volumineux' }); }
          if (res.status === 429 && method === 'GET' && !retried) {
            return new Promise(function (resolve) { setTimeout(resolve, RETRY_AFTER_MS); })
              .then(function () { return api(method, path, body, true); });
          }
          if (res.status === 429) { throw new ApiError(429, { message: 'Trop de requêtes, réessayez dans un instant' }); }
          throw new ApiError(res.status, data);
        }
        return data || {};
      });
    });
  }

  // ---- DOM helpers -----------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) { return; }
      if (key === 'text') { node.textContent = value; }
      else if (key.indexOf('on') === 0) { node.addEventListener(key.slice(2), value); }
      else if (value === true) { node.setAttribute(key, ''); }
      else { node.setAttribute(key, value); }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) { return; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function field(label, input) {
    return el('label', { 'class': 'field' }, [el('span', { text: label }), input]);
  }

  function show(message, kind) {
    notice.textContent = message;
    notice.className = 'notice ' + (kind || 'error');
    notice.hidden = !message;
  }

  function render(title, nodes) {
    document.title = title ? title + ' · FailDaily' : 'FailDaily';
    app.replaceChildren.apply(app, nodes);
  }

  function formatDate(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? '' : d.toLocaleString('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });
  }

  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll('button, input, textarea, select'), function (c) {
      c.disabled = on;
    });
  }

  // ---- router: history API; nginx's try_files sends every deep link to index.html -------------
  var routes = [
    { pattern: /^\/login$/, view: loginView, open: true },
    { pattern: /^\/register$/, view: registerView, open: true },
    { pattern: /^\/feed$/, view: feedView },
    { pattern: /^\/feed\/([A-Za-z0-9_-]+)$/, view: failView }
  ];

  /** For the other scripts: {@code open} routes need no session. */
  function addRoute(pattern, view, open) {
    routes.push({ pattern: pattern, view: view, open: !!open });
  }

  function go(path) {
    if (location.pathname !== path) { history.pushState(null, '', path); }
    route();
  }

  function route() {
    show('');
    var path = location.pathname.replace(/\/+$/, '') || '/';
    if (path === '/') { path = token() ? '/feed' : '/login'; history.replaceState(null, '', path); }
    renderNav();
    for (var i = 0; i < routes.length; i++) {
      var match = routes[i].pattern.exec(path);
      if (match) {
        if (!routes[i].open && !token()) { history.replaceState(null, '', '/login'); loginView(); return; }
        routes[i].view.apply(null, match.slice(1));
        return;
      }
    }
    render('Introuvable', [el('section', { 'class': 'card' }, [
      el('h1', { text: 'Page introuvable' }),
      el('p', {}, [el('a', { href: '/feed', 'data-link': true, text: 'Retour au fil' })])
    ])]);
  }

  function renderNav() {
    var user = currentUser();
    if (token()) {
      var links = [
        el('span', { 'class': 'who', id: 'who', text: user ? user.displayName : '' }),
        el('a', { href: '/feed', 'data-link': true, text: 'Fil' }),
        el('a', { href: '/profile', 'data-link': true, id: 'nav-profile', text: 'Profil' })
      ];
      if (isStaff(user)) {
        links.push(el('a', { href: '/moderation', 'data-link': true, id: 'nav-moderation', text: 'Modération' }));
      }
      links.push(el('button', { type: 'button', 'class': 'link', id: 'logout', onclick: logout, text: 'Déconnexion' }));
      nav.replaceChildren.apply(nav, links);
    } else {
      nav.replaceChildren(
        el('a', { href: '/login', 'data-link': true, text: 'Connexion' }),
        el('a', { href: '/register', 'data-link': true, text: 'Inscription' }));
    }
  }

  function logout() {
    api('POST', '/auth/logout').catch(function () { /* the token is dropped anyway */ });
    clearSession();
    go('/login');
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-link]');
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
      event.preventDefault();
      go(link.getAttribute('href'));
    }
  });
  window.addEventListener('popstate', route);

  // ---- views -------------------------------------------------------------------------------------
  function loginView() {
    var email = el('input', { type: 'email', name: 'email', id: 'login-email', required: true, autocomplete: 'email' });
    var password = el('input', { type: 'password', name: 'password', id: 'login-password', required: true,
      autocomplete: 'current-password' });
    var form = el('form', { 'class': 'card', id: 'login-form' }, [
      el('h1', { text: 'Connexion' }),
      field('Email', email),
      field('Mot de passe', password),
      el('button', { type: 'submit', id: 'login-submit', text: 'Se connecter' }),
      el('p', { 'class': 'muted' }, [el('a', { href: '/forgot-password', 'data-link': true, id: 'login-forgot',
        text: 'Mot de passe oublié ?' })]),
      el('p', { 'class': 'muted' }, ['Pas encore de compte ? ',
        el('a', { href: '/register', 'data-link': true, text: 'Inscrivez-vous' })])
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      busy(form, true);
      api('POST', '/auth/login', { email: email.value, password: password.value })
        .then(function (data) { saveSession(data); go('/feed'); })
        .catch(function (e) { busy(form, false); show(e.message); });
    });
    render('Connexion', [form]);
  }

  function registerView() {
    var displayName = el('input', { name: 'displayName', id: 'register-name', required: true, maxlength: '50',
      autocomplete: 'nickname' });
    var email = el('input', { type: 'email', name: 'email', id: 'register-email', required: true, autocomplete: 'email' });
    var password = el('input', { type: 'password', name: 'password', id: 'register-password', required: true,
      minlength: '6', autocomplete: 'new-password' });
    var birthDate = el('input', { type: 'date', name: 'birthDate', id: 'register-birthdate', required: true });
    var terms = el('input', { type: 'checkbox', name: 'agreeToTerms', id: 'register-terms', required: true });
    var form = el('form', { 'class': 'card', id: 'register-form' }, [
      el('h1', { text: 'Inscription' }),
      field("Nom d'affichage", displayName),
      field('Email', email),
      field('Mot de passe (6 caractères minimum)', password),
      field('Date de naissance', birthDate),
      el('label', { 'class': 'check' }, [terms, el('span', { text: "J'accepte les conditions d'utilisation" })]),
      el('button', { type: 'submit', id: 'register-submit', text: 'Créer mon compte' }),
      el('p', { 'class': 'muted' }, ['Déjà inscrit ? ',
        el('a', { href: '/login', 'data-link': true, text: 'Connectez-vous' })])
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      busy(form, true);
      // As the original app: the display name is checked first, then the account is created.
      api('GET', '/registration/check-display-name?displayName=' + encodeURIComponent(displayName.value.trim()))
        .then(function (check) {
          if (!check.available) { throw new ApiError(409, { message: "Ce nom d'affichage est déjà pris" }); }
          return api('POST', '/auth/register', {
            displayName: displayName.value.trim(),
            email: email.value.trim(),
            password: password.value,
            birthDate: birthDate.value,
            agreeToTerms: terms.checked
          });
        })
        .then(function (data) { saveSession(data); go('/feed'); })
        .catch(function (e) { busy(form, false); show(e.message); });
    });
    render('Inscription', [form]);
  }

  function composer(onPosted) {
    var title = el('input', { name: 'title', id: 'fail-title', required: true, maxlength: '200' });
    var description = el('textarea', { name: 'description', id: 'fail-description', rows: '3', maxlength: '2000' });
    var category = el('select', { name: 'category', id: 'fail-category' },
      ['Général', 'Travail', 'Études', 'Sport', 'Cuisine', 'Relations', 'Technologie'].map(function (c) {
        return el('option', { value: c, text: c });
      }));
    var anonymous = el('input', { type: 'checkbox', name: 'is_anonyme', id: 'fail-anonymous' });
    var image = el('input', { type: 'file', name: 'image', id: 'fail-image', accept: 'image/png,image/jpeg,image/gif,image/webp' });
    var preview = el('img', { 'class': 'preview', id: 'fail-preview', alt: '', hidden: true });
    image.addEventListener('change', function () {
      var file = image.files[0];
      if (preview.src) { URL.revokeObjectURL(preview.src); }
      preview.hidden = !file;
      if (file) { preview.src = URL.createObjectURL(file); }
    });
    var form = el('form', { 'class': 'card composer', id: 'fail-form' }, [
      el('h2', { text: 'Raconter un fail' }),
      field('Titre', title),
      field('Ce qui s’est passé', description),
      el('div', { 'class': 'row' }, [field('Catégorie', category), field('Image (facultative, 5 Mo max)', image)]),
      preview,
      el('label', { 'class': 'check' }, [anonymous, el('span', { text: 'Publier anonymement' })]),
      el('button', { type: 'submit', id: 'fail-submit', text: 'Publier' })
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      busy(form, true);
      var upload = Promise.resolve(null);
      if (image.files[0]) {
        var data = new FormData();
        data.append('image', image.files[0]);
        upload = api('POST', '/upload/image', data).then(function (r) { return r.url || (r.data && r.data.imageUrl); });
      }
      upload.then(function (imageUrl) {
        return api('POST', '/fails', {
          title: title.value, description: description.value, category: category.value,
          is_anonyme: anonymous.checked, imageUrl: imageUrl || undefined
        });
      }).then(function (r) {
        form.reset();
        preview.hidden = true;
        busy(form, false);
        show('Fail publié. Courage !', 'ok');
        onPosted(r.fail);
      }).catch(function (e) { busy(form, false); show(e.message); });
    });
    return form;
  }

  function reactionBar(fail) {
    var bar = el('div', { 'class': 'reactions', 'data-fail': fail.id });
    function paint(counts, mine) {
      bar.replaceChildren.apply(bar, REACTIONS.map(function (r) {
        return el('button', {
          type: 'button', 'class': 'reaction' + (mine === r.type ? ' active' : ''),
          'data-reaction': r.type, 'aria-pressed': mine === r.type ? 'true' : 'false',
          onclick: function () {
            api('POST', '/fails/' + encodeURIComponent(fail.id) + '/reactions', { reactionType: r.type })
              .then(function (res) { paint(res.data.summary.counts, res.data.summary.userReaction); })
              .catch(function (e) { show(e.message); });
          }
        }, [r.label + ' ', el('span', { 'class': 'count', text: String(counts[r.type] || 0) })]);
      }));
    }
    paint(fail.reactions || {}, fail.userReaction);
    return bar;
  }

  function failCard(fail, linked) {
    var title = linked
      ? el('a', { href: '/feed/' + fail.id, 'data-link': true, text: fail.title })
      : document.createTextNode(fail.title);
    return el('article', { 'class': 'card fail', 'data-fail-id': fail.id }, [
      el('h3', { 'class': 'fail-title' }, [title]),
      el('p', { 'class': 'meta' }, [
        el('span', { 'class': 'author', text: fail.authorName || 'Anonyme' }), ' · ',
        el('span', { 'class': 'category', text: fail.category || '' }), ' · ',
        el('time', { datetime: fail.createdAt, text: formatDate(fail.createdAt) })
      ]),
      fail.description ? el('p', { 'class': 'description', text: fail.description }) : null,
      fail.imageUrl ? el('img', { 'class': 'fail-image', src: fail.imageUrl, alt: fail.title, loading: 'lazy' }) : null,
      el('div', { 'class': 'actions' }, [
        reactionBar(fail),
        linked ? el('a', { 'class': 'comments-link', href: '/feed/' + fail.id, 'data-link': true,
          text: (fail.commentsCount || 0) + ' commentaire' + (fail.commentsCount === 1 ? '' : 's') }) : null,
        reportButton(fail.moderationStatus, '/fails/' + encodeURIComponent(fail.id) + '/report', 'report-fail',
          'Fail signalé à la modération. Merci !', function () {
            var card = app.querySelector('article[data-fail-id="' + fail.id + '"]');
            if (card) { card.remove(); }
          })
      ])
    ]);
  }

  /**
   * As the original: an item a moderator approved shows that it was checked and cannot be reported again; any
   * other can be, and leaves the page once reported (it may be hidden right away, by the report threshold).
   */
  function reportButton(moderationStatus, path, className, done, removeItem) {
    if (moderationStatus === 'approved') {
      return el('span', { 'class': 'validated', text: 'Vérifié par la modération' });
    }
    var button = el('button', { type: 'button', 'class': 'link report ' + className, text: 'Signaler' });
    button.addEventListener('click', function () {
      button.disabled = true;
      api('POST', path, { reason: 'Signalé depuis la page web' })
        .then(function () { removeItem(); show(done, 'ok'); })
        .catch(function (e) { button.disabled = false; show(e.message); });
    });
    return button;
  }

  function feedView() {
    var list = el('section', { id: 'feed', 'class': 'feed', 'aria-live': 'polite' }, [el('p', { 'class': 'muted', text: 'Chargement du fil…' })]);
    var more = el('button', { type: 'button', id: 'feed-more', 'class': 'secondary', text: 'Voir plus de fails', hidden: true });
    var nextOffset = 0;
    var shown = {};
    // One page at a time, by the offset the server says comes next; a fail posted meanwhile shifts the pages,
    // so one already on screen is not added twice.
    function loadPage(reset) {
      if (reset) { nextOffset = 0; shown = {}; }
      more.disabled = true;
      return api('GET', '/fails?limit=' + FEED_PAGE_SIZE + '&offset=' + nextOffset).then(function (data) {
        var fails = (data.fails || []).filter(function (f) { return !shown[f.id]; });
        var pagination = data.pagination || {};
        if (reset) { list.replaceChildren(); }
        fails.forEach(function (f) { shown[f.id] = true; list.appendChild(failCard(f, true)); });
        if (!list.children.length) {
          list.replaceChildren(el('p', { 'class': 'muted empty', text: 'Aucun fail pour le moment. Soyez le premier !' }));
        }
        nextOffset = pagination.nextOffset || 0;
        more.hidden = !pagination.hasMore;
        more.disabled = false;
      }).catch(function (e) { more.disabled = false; show(e.message); });
    }
    more.addEventListener('click', function () { loadPage(false); });
    render('Fil', [composer(function () { loadPage(true); }), el('h2', { text: 'Le fil' }), list, more]);
    loadPage(true);
  }

  function failView(id) {
    var holder = el('div', { id: 'fail-detail' }, [el('p', { 'class': 'muted', text: 'Chargement…' })]);
    var comments = el('ul', { 'class': 'comments', id: 'comments' });
    var content = el('textarea', { name: 'content', id: 'comment-content', rows: '2', required: true, maxlength: '500' });
    var form = el('form', { 'class': 'card', id: 'comment-form' }, [
      field('Votre commentaire', content),
      el('button', { type: 'submit', id: 'comment-submit', text: 'Commenter' })
    ]);
    function loadComments() {
      return api('GET', '/fails/' + encodeURIComponent(id) + '/comments').then(function (r) {
        var list = (r.data && r.data.comments) || [];
        comments.replaceChildren.apply(comments, list.length ? list.map(function (c) {
          var item = el('li', { 'class': 'comment', 'data-comment-id': c.id }, [
            el('strong', { text: (c.author && c.author.displayName) || 'Anonyme' }), ' ',
            el('time', { datetime: c.createdAt, text: formatDate(c.createdAt) }),
            el('p', { text: c.content })
          ]);
          item.appendChild(reportButton(c.moderationStatus, '/fails/' + encodeURIComponent(id) + '/comments/'
            + encodeURIComponent(c.id) + '/report', 'report-comment', 'Commentaire signalé à la modération. Merci !',
            function () { item.remove(); }));
          return item;
        }) : [el('li', { 'class': 'muted', text: 'Pas encore de commentaire.' })]);
      });
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      busy(form, true);
      api('POST', '/fails/' + encodeURIComponent(id) + '/comments', { content: content.value })
        .then(function () { form.reset(); busy(form, false); return loadComments(); })
        .catch(function (e) { busy(form, false); show(e.message); });
    });
    render('Fail', [
      el('p', {}, [el('a', { href: '/feed', 'data-link': true, text: '← Retour au fil' })]),
      holder, el('h2', { text: 'Commentaires' }), comments, form
    ]);
    api('GET', '/fails/' + encodeURIComponent(id)).then(function (r) {
      document.title = r.fail.title + ' · FailDaily';
      holder.replaceChildren(failCard(r.fail, false));
    }).catch(function (e) {
      holder.replaceChildren(el('p', { 'class': 'muted', text: e.status === 404 ? 'Ce fail n’existe pas.' : e.message }));
    });
    loadComments().catch(function (e) { show(e.message); });
  }

  /** What account.js and moderation.js build their views with. */
  window.FailDaily = {
    api: api, ApiError: ApiError, el: el, field: field, show: show, render: render, busy: busy, go: go,
    formatDate: formatDate, token: token, currentUser: currentUser, updateUser: updateUser, isStaff: isStaff,
    addRoute: addRoute
  };

  // After every script of the page has added its routes. A stored session is checked once: the role (staff view
  // or not) and the name come from the server, not from what was stored at login.
  document.addEventListener('DOMContentLoaded', function () {
    route();
    if (token()) {
      api('GET', '/auth/verify').then(function (r) {
        if (r.user) { updateUser({ displayName: r.user.displayName, avatarUrl: r.user.avatarUrl, role: r.user.role }); }
      }).catch(function () { /* a 401 already logged out; anything else leaves the stored session */ });
    }
  });
})();
