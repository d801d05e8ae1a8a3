package io.faildaily.operator.stack;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.imageio.ImageIO;

/** The FailDaily API as the web page calls it, through one base address (nginx), for test set-up and checks. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, URI> uri;

    Api(Function<String, URI> uri) {
        this.uri = uri;
    }

    record Account(String email, String password, String displayName, String token) {}

    /** Registers a new account the way the web page does: display name check first, then register. */
    Account register(String displayName) {
        JsonNode check = json(Http.get(uri.apply("/api/registration/check-display-name?displayName=" + displayName)), 200);
        if (!check.path("available").asBoolean()) {
            throw new IllegalStateException(displayName + " is taken");
        }
        String email = displayName.toLowerCase() + "@example.test";
        String password = "pw-" + UUID.randomUUID();
        JsonNode r = json(post("/api/auth/register", null, Map.of("email", email, "password", password,
                "displayName", displayName, "birthDate", "1990-04-01", "agreeToTerms", true)), 201);
        return new Account(email, password, displayName, r.path("token").asText());
    }

    HttpResponse<String> post(String path, String token, Object body) {
        try {
            HttpRequest.Builder b = Http.request(uri.apply(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            return Http.send(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return Http.send(Http.request(uri.apply(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    /** A multipart/form-data POST of one file field, as the browser's FormData sends it. */
    HttpResponse<String> upload(String path, String token, String field, String filename, String type, byte[] content) {
        String boundary = "----faildaily" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 512);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = Http.request(uri.apply(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return Http.send(b.build());
    }

    static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + " (expected " + expectedStatus + "): " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** A small PNG: a FailDaily-orange square with a darker band, so it is visible on a screenshot. */
    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xE4, 0x57, 0x2E));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(0x8A, 0x1C, 0x12));
        g.fillRect(0, height / 3, width, height / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
