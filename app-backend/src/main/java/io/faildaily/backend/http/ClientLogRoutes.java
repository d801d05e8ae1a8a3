package io.faildaily.backend.http;

import static io.faildaily.backend.service.ApiException.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.observability.LineLog;
import io.faildaily.backend.service.ApiException;
import io.javalin.config.RoutesConfig;
import java.time.Instant;

/**
 * POST /api/logs/comprehensive: the web client's event log. Accepted from anyone (it is sent before login too),
 * bounded in size, and written as one JSON line to LOG_DIR/client-events.log; it never touches the database.
 */
public final class ClientLogRoutes {
    public static final int MAX_BYTES = 64 * 1024;

    private final LineLog sink;
    private final Authenticator authenticator;
    private final ObjectMapper json;

    public ClientLogRoutes(LineLog sink, Authenticator authenticator, ObjectMapper json) {
        this.sink = sink;
        this.authenticator = authenticator;
        this.json = json;
    }

    public void register(RoutesConfig routes) {
        routes.post("/api/logs/comprehensive", ctx -> {
            byte[] raw = ctx.bodyAsBytes();
            if (raw.length > MAX_BYTES) {
                throw new ApiException(413, "LOG_TOO_LARGE", "Entrée de journal trop volumineuse (max 64 Ko)");
            }
            JsonNode event;
            try {
                event = json.readTree(raw);
            } catch (Exception e) {
                throw badRequest("INVALID_JSON", "Corps de requête JSON invalide");
            }
            if (event == null || !(event.isObject() || event.isArray())) {
                throw badRequest("INVALID_LOG", "L'entrée de journal doit être un objet ou une liste JSON");
            }
            AuthUser user = authenticator.optional(ctx);
            String now = Instant.now().toString();
            ObjectNode line = json.createObjectNode()
                    .put("timestamp", now)
                    .put("type", "client_event")
                    .put("userId", user == null ? null : user.id())
                    .put("ip", ctx.ip());
            line.set("event", event);
            sink.append(line.toString());
            ctx.json(Reply.success("Log enregistré").with("timestamp", now));
        });
    }
}
