package io.faildaily.backend.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.service.AuthService;
import io.faildaily.backend.service.AuthService.ProfileChange;
import io.faildaily.backend.service.AuthService.Registration;
import io.faildaily.backend.service.AuthService.Session;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/** /api/auth/* and /api/registration/check-display-name. */
public final class AuthRoutes {
    private final AuthService auth;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public AuthRoutes(AuthService auth, Authenticator authenticator, ObjectMapper json) {
        this.auth = auth;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/auth/register", this::register);
        routes.post("/api/auth/login", this::login);
        routes.get("/api/auth/verify", this::verify);
        routes.post("/api/auth/logout", ctx -> {
            authenticator.require(ctx);
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
            ctx.json(Reply.success("Mot de passe changé avec succès"));
        });
        routes.get("/api/registration/check-display-name", ctx -> {
            boolean exists = auth.displayNameExists(ctx.queryParam("displayName"));
            ctx.json(Reply.success().with("available", !exists).with("exists", exists)
                    .with("displayName", ctx.queryParam("displayName").trim()));
        });
    }

    private void register(Context ctx) {
        RequestBody body = RequestBody.of(ctx, json);
        Session s = auth.register(new Registration(body.string("email"), body.string("password"),
                body.string("displayName"), body.string("birthDate"), body.bool("agreeToTerms")));
        ctx.status(201).json(Reply.success("Inscription réussie").with("user", Map.of(
                "id", s.user().id(), "email", s.user().email(), "displayName", s.user().displayName(),
                "role", s.user().role())).with("token", s.token()));
    }

    private void login(Context ctx) {
        RequestBody body = RequestBody.of(ctx, json);
        Session s = auth.login(body.string("email"), body.string("password"));
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
        ctx.json(Reply.success("Profil mis à jour avec succès").with("user", updated).with("data", updated));
    }
}
