package io.faildaily.backend.http;

import static io.faildaily.backend.service.ApiException.forbidden;
import static io.faildaily.backend.service.ApiException.unauthorized;

import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.JwtCodec.TokenException;
import io.faildaily.backend.auth.Role;
import io.faildaily.backend.service.ApiException;
import io.faildaily.backend.service.AuthService;
import io.javalin.http.Context;
import java.util.regex.Pattern;

/**
 * Bearer-token checks with the original's answers: no token 401 NO_TOKEN, expired 403 TOKEN_EXPIRED,
 * garbage 403 INVALID_TOKEN, unknown user 401 USER_NOT_FOUND, inactive 401 USER_INACTIVE.
 */
public final class Authenticator {
    private static final String ATTRIBUTE = "faildaily.user";
    /** Compiled once: String.split compiled this pattern again on every request. */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final AuthService auth;

    public Authenticator(AuthService auth) {
        this.auth = auth;
    }

    public AuthUser require(Context ctx) {
        String token = token(ctx);
        if (token == null) {
            throw unauthorized("NO_TOKEN", "Token d'accès requis");
        }
        try {
            AuthUser user = auth.authenticate(token);
            ctx.attribute(ATTRIBUTE, user);
            return user;
        } catch (TokenException e) {
            throw e.expired() ? forbidden("TOKEN_EXPIRED", "Token expiré ou invalide")
                    : forbidden("INVALID_TOKEN", "Token invalide");
        }
    }

    /**
     * The caller, who must hold {@code role} or a higher one: 403 ADMIN_REQUIRED otherwise, with the original's
     * two messages (moderator routes: administrator access; administrator routes: administrators only).
     */
    public AuthUser requireRole(Context ctx, Role role) {
        AuthUser user = require(ctx);
        if (!Role.of(user.role()).atLeast(role)) {
            throw forbidden("ADMIN_REQUIRED", role == Role.MODERATOR ? "Accès administrateur requis"
                    : "Accès strictement réservé aux administrateurs");
        }
        return user;
    }

    /** The caller if a valid token is given, otherwise null (lists that anyone may read). */
    public AuthUser optional(Context ctx) {
        if (token(ctx) == null) {
            return null;
        }
        try {
            return require(ctx);
        } catch (ApiException e) {
            return null;
        }
    }

    /** The user the request was authenticated as, for the request log. */
    public static AuthUser of(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** "Bearer X" → X, as the original (`header.split(' ')[1]`). */
    private static String token(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return null;
        }
        String[] parts = SPACES.split(header.trim());
        return parts.length >= 2 && !parts[1].isEmpty() ? parts[1] : null;
    }
}
