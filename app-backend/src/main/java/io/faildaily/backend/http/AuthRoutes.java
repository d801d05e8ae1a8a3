package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.AuthService;
import io.faildaily.backend.service.AuthService.ProfileChange;
import io.faildaily.backend.service.AuthService.Registration;
import io.faildaily.backend.service.AuthService.Session;
import io.faildaily.backend.service.PasswordResetService;
import io.faildaily.backend.service.ActivityLog.Level;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/** /api/auth/* (password reset included) and /api/registration/*. */
public final class AuthRoutes {
    private final AuthService auth;
    private final Authenticator authenticator;
    private final PasswordResetService passwordReset;
    private final ObjectMapper json;

    public AuthRoutes(AuthService auth, PasswordResetService passwordReset, Authenticator authenticator,
                      ObjectMapper json) {
        this.auth = auth;
        this.passwordReset = passwordReset;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/auth/register", this::register);
        routes.post("/api/auth/login", this::login);
        routes.get("/api/auth/verify", this::verify);
        routes.post("/api/auth/logout", ctx -> {
            authenticator.require(ctx);
            Audit.note(ctx, Level.INFO, "user_logout", "Déconnexion", null);
            ctx.json(Reply.success("Déconnexion réussie"));
        });
        routes.get("/api/auth/check-email", ctx -> {
            String email = ctx.queryParam("email");
            boolean exists = auth.emailExists(email);
            ctx.json(Reply.success().with("exists", exists).with("email", email.trim().toLowerCase(Locale.ROOT)));
        });
        routes.get("/api/auth/profile", ctx -> {
            Map<String, Object> profile = auth.profile(authenticator.require(ctx).id());
            ctx.json(Reply.success().with("user", profile).with("data", profile));
        });
        routes.put("/api/auth/profile", this::updateProfile);
        routes.put("/api/auth/password", ctx -> {
            AuthUser user = authenticator.require(ctx);
            RequestBody body = RequestBody.of(ctx, json);
            auth.changePassword(user.id(), body.string("currentPassword"), body.string("newPassword"));
            Audit.note(ctx, Level.INFO, "password_change", "Mot de passe changé", null);
            ctx.json(Reply.success("Mot de passe changé avec succès"));
        });
        routes.post("/api/auth/password-reset", ctx -> {
            String email = RequestBody.of(ctx, json).string("email");
            passwordReset.request(email);
            Audit.note(ctx, Level.INFO, "password_reset_request", "Demande de réinitialisation du mot de passe",
                    Map.of("email", email.trim().toLowerCase(Locale.ROOT)));
            ctx.json(Reply.success("Si un compte existe avec cet email, un lien de réinitialisation a été envoyé"));
        });
        routes.post("/api/auth/password-reset/confirm", ctx -> {
            RequestBody body = RequestBody.of(ctx, json);
            passwordReset.confirm(body.string("token"), body.string("newPassword"));
            Audit.note(ctx, Level.INFO, "password_reset_confirm", "Mot de passe réinitialisé", null);
            ctx.json(Reply.success("Mot de passe réinitialisé avec succès"));
        });
        routes.post("/api/registration/generate-display-name", this::generateDisplayName);
        routes.get("/api/registration/check-display-name", ctx -> {
            boolean exists = auth.displayNameExists(ctx.queryParam("displayName"), ctx.queryParam("excludeUserId"));
            ctx.json(Reply.success().with("available", !exists).with("exists", exists)
                    .with("displayName", ctx.queryParam("displayName").trim()));
        });
    }

    private void generateDisplayName(Context ctx) {
        String name = auth.freeDisplayName(RequestBody.of(ctx, json).string("baseDisplayName"));
        ctx.json(Reply.success().with("displayName", name));
    }

    private void register(Context ctx) {
        RequestBody body = RequestBody.of(ctx, json);
        Session s = auth.register(new Registration(body.string("email"), body.string("password"),
                body.string("displayName"), body.string("birthDate"), body.bool("agreeToTerms")));
        Audit.noteFor(ctx, s.user().id(), Level.INFO, "user_register", "Inscription", null);
        ctx.status(201).json(Reply.success("Inscription réussie").with("user", Map.of(
                "id", s.user().id(), "email", s.user().email(), "displayName", s.user().displayName(),
                "role", s.user().role())).with("token", s.token()));
    }

    private void login(Context ctx) {
        RequestBody body = RequestBody.of(ctx, json);
        Session s = auth.login(body.string("email"), body.string("password"));
        Audit.noteFor(ctx, s.user().id(), Level.INFO, "user_login", "Connexion", null);
        ctx.json(Reply.success("Connexion réussie").with("user", s.user()).with("token", s.token()));
    }

    private void verify(Context ctx) {
        AuthUser user = authenticator.require(ctx);
        ctx.json(Reply.success().with("valid", true).with("user", auth.summary(user.id())));
    }

    private void updateProfile(Context ctx) {
        AuthUser user = authenticator.require(ctx);
        RequestBody body = RequestBody.of(ctx, json);
        ProfileChange change = new ProfileChange(body.string("displayName"), body.has("displayName"),
                body.string("bio"), body.has("bio"), body.string("avatarUrl"), body.has("avatarUrl"));
        Map<String, Object> updated = auth.updateProfile(user.id(), change);
        Audit.note(ctx, Level.INFO, "profile_update", "Profil mis à jour", null);
        ctx.json(Reply.success("Profil mis à jour avec succès").with("user", updated).with("data", updated));
    }
}
