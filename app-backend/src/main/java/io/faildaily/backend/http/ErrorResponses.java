package io.faildaily.backend.http;

import io.faildaily.backend.service.ApiException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure leaves as JSON: ApiException with its code; Javalin's own 4xx (oversized body, bad multipart)
 * with a generic code; anything else as 500 INTERNAL_ERROR whose details go to the log, never to the client.
 * Unknown routes: 404 {error, code:"NOT_FOUND", path} as the original.
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String HANDLED = "faildaily.error-written";

    private ErrorResponses() {}

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.status(), e.code(), e.getMessage()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String code = switch (status) {
                case 413 -> "PAYLOAD_TOO_LARGE";
                case 404 -> "NOT_FOUND";
                case 405 -> "METHOD_NOT_ALLOWED";
                default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
            };
            if (status == 404) {
                notFound(ctx);
                return;
            }
            write(ctx, status, code, status == 413 ? "Requête trop volumineuse" : "Requête invalide");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            Integer clientStatus = jettyClientError(e);
            if (clientStatus != null) { // Jetty refused the request itself (bad multipart, bad URI, …)
                write(ctx, clientStatus, clientStatus == 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", "Requête invalide");
                return;
            }
            LOG.error("Unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "INTERNAL_ERROR", "Erreur interne du serveur");
        });
        routes.error(404, ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                notFound(ctx);
            }
        });
    }

    private static Integer jettyClientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadMessageException bad && bad.getCode() >= 400 && bad.getCode() < 500) {
                return bad.getCode();
            }
        }
        return null;
    }

    private static void notFound(Context ctx) {
        ctx.attribute(HANDLED, true);
        ctx.status(404).json(Reply.failure("NOT_FOUND", "Endpoint non trouvé").with("path", ctx.path()));
    }

    public static void write(Context ctx, int status, String code, String message) {
        ctx.attribute(HANDLED, true);
        ctx.status(status).json(Reply.failure(code, message));
    }
}
