// FailDaily default web page, the staff's moderation view (moderators and above): the queue of reported fails and
// comments (E20, E21) with approve and hide (E26, E27), and the hidden ones (E22, E23) with restore (E24, E25).
// Built on window.FailDaily (app.js). The server checks the role on every call; the page only spares a member
// a view they cannot use.
'use strict';

(function (fd) {
  var el = fd.el;

  /** The four lists of the view: where each comes from and what can be done with its items. */
  var SECTIONS = [
    { id: 'reported-fails', title: 'Fails signalés', kind: 'fail', path: '/admin/fails/reported?threshold=1',
      empty: 'Aucun fail signalé en attente.', actions: ['approve', 'hide'] },
    { id: 'reported-comments', title: 'Commentaires signalés', kind: 'comment', path: '/admin/comments/reported?threshold=1',
      empty: 'Aucun commentaire signalé en attente.', actions: ['approve', 'hide'] },
    { id: 'hidden-fails', title: 'Fails masqués', kind: 'fail', path: '/admin/fails/by-status?status=hidden',
      empty: 'Aucun fail masqué.', actions: ['restore'] },
    { id: 'hidden-comments', title: 'Commentaires masqués', kind: 'comment', path: '/admin/comments/by-status?status=hidden',
      empty: 'Aucun commentaire masqué.', actions: ['restore'] }
  ];

  var ACTIONS = {
    approve: { label: 'Approuver', done: { fail: 'Fail approuvé', comment: 'Commentaire approuvé' } },
    hide: { label: 'Masquer', done: { fail: 'Fail masqué', comment: 'Commentaire masqué' } },
    restore: { label: 'Restaurer', done: { fail: 'Fail restauré', comment: 'Commentaire restauré' } }
  };

  var STATUS_LABELS = { hidden: 'masqué', under_review: 'en cours d’examen', rejected: 'rejeté', approved: 'approuvé' };

  /** approve and hide are moderation decisions (E26, E27); restore sets the status back to approved (E24, E25). */
  function decide(kind, id, action) {
    var base = '/admin/' + (kind === 'fail' ? 'fails/' : 'comments/') + encodeURIComponent(id);
    return action === 'restore'
      ? fd.api('PUT', base + '/moderation', { status: 'approved' })
      : fd.api('POST', base + '/moderate', { action: action });
  }

  function itemId(kind, item) {
    return kind === 'fail' ? item.fail_id : item.comment_id;
  }

  function describe(kind, item) {
    var meta = [el('span', { 'class': 'author', text: item.display_name || 'Compte sans profil' })];
    if (item.reports !== undefined) {
      meta.push(' · ', el('span', { 'class': 'reports', text: item.reports + ' signalement' + (item.reports === 1 ? '' : 's') }));
    }
    meta.push(' · ', el('span', { 'class': 'status', text: STATUS_LABELS[item.moderation_status] || 'non modéré' }));
    if (kind === 'fail') {
      return [el('h3', { 'class': 'item-title', text: item.title || '' }),
        el('p', { 'class': 'meta' }, meta.concat([' · ', item.category || ''])),
        item.description ? el('p', { 'class': 'description', text: item.description }) : null];
    }
    return [el('p', { 'class': 'item-content', text: item.content || '' }),
      el('p', { 'class': 'meta' }, meta.concat([' · ', el('a', { href: '/feed/' + item.fail_id, 'data-link': true, text: 'voir le fail' })]))];
  }

  function moderationView() {
    if (!fd.isStaff(fd.currentUser())) {
      fd.render('Modération', [el('section', { 'class': 'card', id: 'moderation-forbidden' }, [
        el('h1', { text: 'Accès réservé' }),
        el('p', { text: 'Cette page est réservée aux modérateurs et aux administrateurs.' }),
        el('p', {}, [el('a', { href: '/feed', 'data-link': true, text: 'Retour au fil' })])
      ])]);
      return;
    }
    var holders = {};
    var sections = SECTIONS.map(function (s) {
      holders[s.id] = el('ul', { 'class': 'queue', id: s.id + '-list' }, [el('li', { 'class': 'muted', text: 'Chargement…' })]);
      return el('section', { 'class': 'card moderation', id: s.id }, [el('h2', { text: s.title }), holders[s.id]]);
    });

    function loadAll() {
      return Promise.all(SECTIONS.map(load));
    }

    /** The two lists a decision on a fail (or a comment) can change: half the requests of reloading all four. */
    function loadKind(kind) {
      return Promise.all(SECTIONS.filter(function (s) { return s.kind === kind; }).map(load));
    }

    function load(section) {
      return fd.api('GET', section.path).then(function (r) {
        var items = r.items || [];
        var list = holders[section.id];
        if (!items.length) {
          list.replaceChildren(el('li', { 'class': 'muted empty', text: section.empty }));
          return;
        }
        list.replaceChildren.apply(list, items.map(function (item) {
          var id = itemId(section.kind, item);
          var buttons = section.actions.map(function (action) {
            return el('button', { type: 'button', 'class': 'secondary', 'data-action': action, text: ACTIONS[action].label,
              onclick: function (event) {
                event.target.disabled = true;
                decide(section.kind, id, action)
                  .then(function () { return loadKind(section.kind); })
                  .then(function () { fd.show(ACTIONS[action].done[section.kind], 'ok'); })
                  .catch(function (e) { event.target.disabled = false; fd.show(e.message); });
              } });
          });
          return el('li', { 'class': 'queue-item', 'data-id': id }, describe(section.kind, item).concat(
            [el('div', { 'class': 'decisions' }, buttons)]));
        }));
      });
    }

    var refresh = el('button', { type: 'button', id: 'moderation-refresh', 'class': 'secondary', text: 'Actualiser',
      onclick: function () { loadAll().catch(function (e) { fd.show(e.message); }); } });
    fd.render('Modération', [el('div', { 'class': 'row heading' }, [el('h1', { text: 'Modération' }), refresh])].concat(sections));
    loadAll().catch(function (e) { fd.show(e.message); });
  }

  fd.addRoute(/^\/moderation$/, moderationView);
})(window.FailDaily);
