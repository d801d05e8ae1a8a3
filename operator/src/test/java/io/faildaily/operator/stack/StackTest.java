package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.DataDirectory;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.FrontendModel;
import io.faildaily.operator.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rendered configuration on the real programs: MariaDB, the app-backend jar with the rendered environment,
 * Debian's nginx with the rendered nginx.conf and web page (see {@link Stack} for what is substituted).
 */
@ExtendWith(StackExtension.class)
class StackTest {
    static final String CSP = io.faildaily.operator.api.Defaults.CONTENT_SECURITY_POLICY;

    @Test
    void theBackendRunsWithTheRenderedEnvironmentButForTheMachineSubstitutions(Stack stack) {
        Map<String, String> rendered = RenderedEnv.resolve(BackendModel.env(stack.failDaily()), stack.secret()).toMap();
        Map<String, String> running = stack.backend().env();

        assertThat(running.keySet()).containsAll(rendered.keySet());
        assertThat(running.keySet()).containsExactlyInAnyOrderElementsOf(
                concat(rendered.keySet(), Stack.TEST_SPEED_KNOBS.keySet()));
        List<String> changed = rendered.keySet().stream().filter(k -> !rendered.get(k).equals(running.get(k))).toList();
        assertThat(changed).containsExactlyInAnyOrder("DB_HOST", "DB_PORT", "PORT", "UPLOAD_DIR", "LOG_DIR");
        assertThat(running).containsEntry("NODE_ENV", "production").containsEntry("LOGS_DB_DISABLED", "true");
        assertThat(running.get("JWT_SECRET")).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void theDatabaseRunsOnANewVolumeThatHoldsLostAndFound(Stack stack) throws Exception {
        assertThat(stack.volume().resolve("lost+found")).isDirectory();
        String subPath = DataVolume.dataMount(DatabaseModel.statefulSet(stack.failDaily())).getSubPath();
        assertThat(subPath).isEqualTo("mysql-data");
        Path dataDir = stack.volume().resolve(subPath);
        assertThat(stack.database().dataDir()).isEqualTo(dataDir);
        try (Connection c = stack.connect(""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@datadir")) {
            assertThat(rs.next()).isTrue();
            assertThat(Path.of(rs.getString(1)).toRealPath()).isEqualTo(dataDir.toRealPath());
        }
        // The system schema and the application's database are in the subdirectory, nothing beside lost+found.
        assertThat(dataDir.resolve("mysql")).isDirectory();
        assertThat(dataDir.resolve("faildaily_prod")).isDirectory();
        try (Stream<Path> root = Files.list(stack.volume())) {
            assertThat(root.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lost+found", subPath);
        }
        // The volume root, as mounted before, would be refused as the mysql image refuses it.
        Path volume = LocalProcesses.tempDir("volume-root-");
        try {
            StatefulSet atRoot = DatabaseModel.statefulSet(stack.failDaily(), DataDirectory.VOLUME_ROOT);
            assertThatThrownBy(() -> DataVolume.dataDirectory(volume, atRoot))
                    .hasMessageContaining(DataVolume.MYSQLD_REFUSAL).hasMessageContaining("lost+found");
        } finally {
            LocalProcesses.deleteRecursively(volume);
        }
    }

    @Test
    void theBackendsProbesAsRenderedAnswerOnTheRunningBackend(Stack stack) {
        var container = BackendModel.deployment(stack.failDaily()).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/health/ready");
        for (var probe : List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            HttpResponse<String> r = Http.get(stack.backend().uri(probe.getHttpGet().getPath()));
            assertThat(r.statusCode()).as(probe.getHttpGet().getPath()).isEqualTo(200);
        }
    }

    @Test
    void nginxLogsEveryRequestToStdout(Stack stack) {
        String path = "/feed/logged-" + System.nanoTime();
        assertThat(Http.get(stack.nginx().uri(path)).statusCode()).isEqualTo(200);
        Await.until("the request line in nginx's stdout", () -> stack.nginx().output().contains("\"GET " + path + " HTTP/1.1\" 200"));
    }

    @Test
    void nginxAnswersItsOwnHealthCheck(Stack stack) {
        HttpResponse<String> r = Http.get(stack.nginx().uri("/health"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("healthy\n");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
    }

    @Test
    void theApiAnswersThroughNginxWithTheDatabaseConnected(Stack stack) {
        HttpResponse<String> r = Http.get(stack.nginx().uri("/api/health"));
        JsonNode health = Api.json(r, 200);
        assertThat(health.path("status").asText()).isEqualTo("OK");
        assertThat(health.path("database").asText()).isEqualTo("connected");
        assertThat(health.path("environment").asText()).isEqualTo("production");
    }

    @Test
    void anUploadOverTheBodyLimitIsRefusedByNginxBeforeTheBackend(Stack stack) {
        byte[] eleven = new byte[11 * 1024 * 1024];
        Arrays.fill(eleven, (byte) 'x');
        HttpResponse<String> r = new Api(stack.nginx()::uri)
                .upload("/api/upload/image", "not-even-a-token", "image", "big.png", "image/png", eleven);
        assertThat(r.statusCode()).isEqualTo(413);
        // nginx's own page, not the backend's JSON: the body never reached the backend.
        assertThat(r.body()).contains("413 Request Entity Too Large").doesNotContain("PAYLOAD_TOO_LARGE");
    }

    @Test
    void anImageUploadedThroughNginxIsStoredAndServedBack(Stack stack) {
        Api api = new Api(stack.nginx()::uri);
        Api.Account account = api.register("Uploader");
        byte[] png = Api.png(64, 48);
        JsonNode uploaded = Api.json(api.upload("/api/upload/image", account.token(), "image", "fail.png", "image/png", png), 200);
        String url = uploaded.path("url").asText();
        assertThat(url).startsWith("/uploads/fails/").endsWith(".png");

        HttpResponse<byte[]> served = Http.sendForBytes(Http.request(stack.nginx().uri(url)).GET().build());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);
    }

    @Test
    void theWebPageScriptsAndStylesAreServedGzipped(Stack stack) throws IOException {
        Map<String, String> web = FrontendModel.webData();
        for (String file : web.keySet()) {
            HttpResponse<byte[]> gz = Http.sendForBytes(Http.request(stack.nginx().uri("/" + file))
                    .header("Accept-Encoding", "gzip").GET().build());
            assertThat(gz.statusCode()).as(file).isEqualTo(200);
            assertThat(gz.headers().firstValue("Content-Encoding")).as(file).hasValue("gzip");
            assertThat(gz.headers().allValues("Vary")).as(file).contains("Accept-Encoding");
            assertThat(gunzip(gz.body())).as(file).isEqualTo(web.get(file));

            HttpResponse<String> plain = Http.get(stack.nginx().uri("/" + file));
            assertThat(plain.headers().firstValue("Content-Encoding")).as(file).isEmpty();
            assertThat(plain.body()).as(file).isEqualTo(web.get(file));
        }
        assertThat(Http.get(stack.nginx().uri("/app.js")).headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(Http.get(stack.nginx().uri("/styles.css")).headers().firstValue("Content-Type"))
                .hasValue("text/css");
    }

    @Test
    void deepLinksAnswerTheWebPage(Stack stack) {
        String index = FrontendModel.webData().get("index.html");
        for (String path : List.of("/", "/feed", "/feed/123", "/register", "/login")) {
            HttpResponse<String> r = Http.get(stack.nginx().uri(path));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue("text/html");
            assertThat(r.body()).as(path).isEqualTo(index);
            // index.html is never cached, so a new web page reaches browsers at once.
            assertThat(r.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoVersion(Stack stack) {
        for (String path : List.of("/", "/feed/123", "/app.js", "/styles.css", "/health", "/api/health",
                "/api/no-such-route", "/.env")) {
            HttpResponse<String> r = Http.get(stack.nginx().uri(path));
            var h = r.headers();
            assertThat(h.allValues("X-Frame-Options")).as(path).contains("SAMEORIGIN");
            assertThat(h.allValues("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(h.allValues("Referrer-Policy")).as(path).contains("strict-origin-when-cross-origin");
            assertThat(h.allValues("Content-Security-Policy")).as(path).containsExactly(CSP);
            assertThat(h.allValues("Server")).as(path).containsExactly("nginx");
            assertThat(r.body()).as(path).doesNotContainPattern("nginx/\\d");
        }
        // Each header exactly once, also on what the backend answers (nginx hides the backend's own copies).
        for (String path : List.of("/", "/app.js", "/health", "/api/health", "/api/no-such-route")) {
            var h = Http.get(stack.nginx().uri(path)).headers();
            assertThat(h.allValues("X-Frame-Options")).as(path).containsExactly("SAMEORIGIN");
            assertThat(h.allValues("X-Content-Type-Options")).as(path).containsExactly("nosniff");
            assertThat(h.allValues("Referrer-Policy")).as(path).containsExactly("strict-origin-when-cross-origin");
            assertThat(h.allValues("Content-Security-Policy")).as(path).hasSize(1);
        }
    }

    @Test
    void dotfilesAreNeverServed(Stack stack) throws IOException {
        Files.writeString(stack.nginx().root().resolve(".env"), "JWT_SECRET=leaked\n");
        Files.createDirectories(stack.nginx().root().resolve(".git"));
        Files.writeString(stack.nginx().root().resolve(".git/config"), "[remote \"origin\"] leaked\n");
        for (String path : List.of("/.env", "/.git/config", "/.git/", "/static/.htpasswd", "/api/.env")) {
            HttpResponse<String> r = Http.get(stack.nginx().uri(path));
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).doesNotContain("leaked");
        }
        // The one exception the rule makes: /.well-known/ (ACME, security.txt) is not refused.
        assertThat(Http.get(stack.nginx().uri("/.well-known/security.txt")).statusCode()).isNotEqualTo(403);
    }

    @Test
    void theApiRefusesARequestWithoutAToken(Stack stack) {
        HttpResponse<String> r = Http.send(Http.request(stack.nginx().uri("/api/fails")).GET().build());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> concat(java.util.Collection<String> a, java.util.Collection<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
