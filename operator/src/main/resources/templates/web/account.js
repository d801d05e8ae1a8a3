// FailDaily default web page, account views: the member's profile (name, bio, avatar, figures) and the forgotten
// password (ask for a link by e-mail; the link's page sets a new password). Built on window.FailDaily (app.js).
'use strict';

(function (fd) {
  var el = fd.el;
  var field = fd.field;
  /** app-backend's limits (AuthService): checked here first so that the form says why before sending. */
  var MAX_DISPLAY_NAME = 50;
  var MAX_BIO = 500;
  var MIN_PASSWORD = 6;

  // ---- profile -------------------------------------------------------------------------------
  var STATS = [
    { key: 'fails', label: 'Fails' },
    { key: 'badges', label: 'Badges' },
    { key: 'points', label: 'Points de courage' },
    { key: 'reactionsGiven', label: 'Réactions données' },
    { key: 'reactionsReceived', label: 'Réactions reçues' },
    { key: 'comments', label: 'Commentaires' }
  ];

  function avatar(url, name) {
    if (url) {
      return el('img', { 'class': 'avatar', id: 'profile-avatar', src: url, alt: 'Avatar de ' + name });
    }
    return el('span', { 'class': 'avatar placeholder', id: 'profile-avatar-placeholder', 'aria-hidden': 'true',
      text: (name || '?').charAt(0).toUpperCase() });
  }

  function statsList(values) {
    return el('dl', { 'class': 'stats', id: 'profile-stats' }, STATS.map(function (s) {
      return el('div', { 'class': 'stat' }, [
        el('dt', { text: s.label }),
        el('dd', { 'data-stat': s.key, text: values[s.key] === undefined ? '…' : String(values[s.key]) })
      ]);
    }));
  }

  function profileView() {
    var summary = el('section', { 'class': 'card profile', id: 'profile-card' }, [el('p', { 'class': 'muted', text: 'Chargement du profil…' })]);
    var nameInput = el('input', { name: 'displayName', id: 'profile-display-name', required: true,
      maxlength: String(MAX_DISPLAY_NAME), autocomplete: 'nickname' });
    var bioInput = el('textarea', { name: 'bio', id: 'profile-bio-input', rows: '3', maxlength: String(MAX_BIO) });
    var form = el('form', { 'class': 'card', id: 'profile-form' }, [
      el('h2', { text: 'Modifier mon profil' }),
      field("Nom d'affichage", nameInput),
      field('Bio (500 caractères maximum)', bioInput),
      el('button', { type: 'submit', id: 'profile-submit', text: 'Enregistrer' })
    ]);
    var file = el('input', { type: 'file', name: 'avatar', id: 'avatar-file', accept: 'image/png,image/jpeg,image/gif,image/webp' });
    var avatarForm = el('form', { 'class': 'card', id: 'avatar-form' }, [
      el('h2', { text: 'Avatar' }),
      field('Nouvelle image (JPEG, PNG, GIF ou WebP, 2 Mo maximum)', file)
    ]);
    var profile = null;
    var figures = {};

    function paint() {
      summary.replaceChildren(
        el('div', { 'class': 'profile-head' }, [
          avatar(profile.avatarUrl, profile.displayName),
          el('div', {}, [
            el('h1', { id: 'profile-name', text: profile.displayName || '' }),
            el('p', { 'class': 'muted', id: 'profile-email', text: profile.email || '' }),
            profile.createdAt ? el('p', { 'class': 'muted', id: 'profile-since',
              text: 'Membre depuis le ' + new Date(profile.createdAt).toLocaleDateString('fr-FR', { dateStyle: 'long' }) }) : null
          ])
        ]),
        el('p', { 'class': 'bio', id: 'profile-bio', text: profile.bio || 'Pas encore de bio.' }),
        statsList(figures));
    }

    function load() {
      return fd.api('GET', '/auth/profile').then(function (r) {
        profile = r.user || r.data || {};
        var stats = profile.stats || {};
        figures.fails = stats.totalFails;
        figures.badges = stats.badgesCount;
        figures.points = profile.couragePoints;
        nameInput.value = profile.displayName || '';
        bioInput.value = profile.bio || '';
        paint();
        // The rest of the figures; the profile shows without them if they cannot be had.
        return fd.api('GET', '/users/me/stats').then(function (s) {
          var more = s.stats || {};
          figures.reactionsGiven = more.total_reactions_given;
          figures.reactionsReceived = more.total_reactions_received;
          figures.comments = more.total_comments;
          // Only the figures change: the rest of the profile stays as painted (no flicker, nothing replaced).
          var shown = document.getElementById('profile-stats');
          if (shown) { shown.replaceWith(statsList(figures)); } else { paint(); }
        });
      });
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = nameInput.value.trim();
      var bio = bioInput.value;
      if (!name) { fd.show("Le nom d'affichage ne peut pas être vide"); return; }
      fd.busy(form, true);
      // The same check as at sign-up, but one's own current name is not "taken" (excludeUserId).
      fd.api('GET', '/registration/check-display-name?displayName=' + encodeURIComponent(name)
        + '&excludeUserId=' + encodeURIComponent(profile.id))
        .then(function (check) {
          if (!check.available) { throw new fd.ApiError(409, { message: "Ce nom d'affichage est déjà pris" }); }
          return fd.api('PUT', '/auth/profile', { displayName: name, bio: bio });
        })
        .then(function (r) {
          var updated = r.user || r.data || {};
          fd.updateUser({ displayName: updated.displayName });
          fd.busy(form, false);
          return load().then(function () { fd.show('Profil mis à jour', 'ok'); });
        })
        .catch(function (e) { fd.busy(form, false); fd.show(e.message); });
    });

    file.addEventListener('change', function () {
      if (!file.files[0]) { return; }
      var data = new FormData();
      data.append('avatar', file.files[0]);
      fd.busy(avatarForm, true);
      // The backend checks the file by its content and records it as the avatar itself.
      fd.api('POST', '/upload/avatar', data)
        .then(function (r) {
          var url = r.url || (r.data && r.data.avatarUrl);
          fd.updateUser({ avatarUrl: url });
          avatarForm.reset();
          fd.busy(avatarForm, false);
          return load().then(function () { fd.show('Avatar mis à jour', 'ok'); });
        })
        .catch(function (e) { avatarForm.reset(); fd.busy(avatarForm, false); fd.show(e.message); });
    });

    fd.render('Mon profil', [summary, avatarForm, form]);
    load().catch(function (e) { fd.show(e.message); });
  }

  // ---- forgotten password ----------------------------------------------------------------------
  function forgotPasswordView() {
    var email = el('input', { type: 'email', name: 'email', id: 'forgot-email', required: true, autocomplete: 'email' });
    var form = el('form', { 'class': 'card', id: 'forgot-form' }, [
      el('h1', { text: 'Mot de passe oublié' }),
      el('p', { 'class': 'muted', text: 'Indiquez votre email : nous vous enverrons un lien pour choisir un nouveau mot de passe.' }),
      field('Email', email),
      el('button', { type: 'submit', id: 'forgot-submit', text: 'Envoyer le lien' }),
      el('p', { 'class': 'muted' }, [el('a', { href: '/login', 'data-link': true, text: 'Retour à la connexion' })])
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      fd.busy(form, true);
      fd.api('POST', '/auth/password-reset', { email: email.value.trim() })
        .then(function (r) {
          // The server answers the same whether or not the address has an account, and so does the page.
          form.replaceChildren(
            el('h1', { text: 'Vérifiez vos emails' }),
            el('p', { id: 'forgot-sent', text: r.message || 'Si un compte existe avec cet email, un lien de réinitialisation a été envoyé' }),
            el('p', { 'class': 'muted', text: 'Le lien est valable 1 heure.' }),
            el('p', {}, [el('a', { href: '/login', 'data-link': true, text: 'Retour à la connexion' })]));
        })
        .catch(function (e) { fd.busy(form, false); fd.show(e.message); });
    });
    fd.render('Mot de passe oublié', [form]);
  }

  /** The page the e-mailed link opens: APP_WEB_URL + /reset-password?token=… (app-backend's PasswordResetService). */
  function resetPasswordView() {
    var resetToken = new URLSearchParams(location.search).get('token');
    if (!resetToken) {
      fd.render('Nouveau mot de passe', [el('section', { 'class': 'card', id: 'reset-missing' }, [
        el('h1', { text: 'Lien incomplet' }),
        el('p', { text: 'Ce lien de réinitialisation est incomplet. Ouvrez le lien de l’email tel quel, ou demandez-en un nouveau.' }),
        el('p', {}, [el('a', { href: '/forgot-password', 'data-link': true, text: 'Demander un nouveau lien' })])
      ])]);
      return;
    }
    var password = el('input', { type: 'password', name: 'newPassword', id: 'reset-password', required: true,
      autocomplete: 'new-password' });
    var confirmation = el('input', { type: 'password', name: 'confirmation', id: 'reset-confirmation', required: true,
      autocomplete: 'new-password' });
    var form = el('form', { 'class': 'card', id: 'reset-form' }, [
      el('h1', { text: 'Choisir un nouveau mot de passe' }),
      field('Nouveau mot de passe (6 caractères minimum)', password),
      field('Confirmation', confirmation),
      el('button', { type: 'submit', id: 'reset-submit', text: 'Changer mon mot de passe' }),
      el('p', { 'class': 'muted' }, [el('a', { href: '/forgot-password', 'data-link': true, text: 'Demander un nouveau lien' })])
    ]);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (password.value.length < MIN_PASSWORD) { fd.show('Le mot de passe doit contenir au moins 6 caractères'); return; }
      if (password.value !== confirmation.value) { fd.show('Les deux mots de passe ne correspondent pas'); return; }
      fd.busy(form, true);
      fd.api('POST', '/auth/password-reset/confirm', { token: resetToken, newPassword: password.value })
        .then(function (r) {
          // The token is spent: take it out of the address bar and the history.
          history.replaceState(null, '', '/reset-password');
          form.replaceChildren(
            el('h1', { text: 'Mot de passe changé' }),
            el('p', { id: 'reset-done', text: r.message || 'Mot de passe réinitialisé avec succès' }),
            el('p', {}, [el('a', { href: '/login', 'data-link': true, id: 'reset-login', text: 'Se connecter' })]));
        })
        .catch(function (e) { fd.busy(form, false); fd.show(e.message); });
    });
    fd.render('Nouveau mot de passe', [form]);
  }

  fd.addRoute(/^\/profile$/, profileView);
  fd.addRoute(/^\/forgot-password$/, forgotPasswordView, true);
  fd.addRoute(/^\/reset-password$/, resetPasswordView, true);
})(window.FailDaily);
