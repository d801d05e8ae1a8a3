package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faildaily.operator.testing.CrdCelRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/e2e.sh against stand-ins: kubectl and helm stubs that keep a little cluster state in files, and, behind
 * the stub's port-forward, a fake FailDaily (the web page, /api/health, register, login, profile) whose data a
 * backup saves and a restore brings back. The happy path runs every step in order; each kind of failure stops
 * at its step with a message naming it, and the port-forward never outlives the script.
 */
class E2eScriptTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BACKUP_FILE = "faildaily_backup_20261201_100000.sql.gz";
    private static final List<String> STEPS = List.of("tools", "cluster", "install the chart",
            "namespace faildaily-e2e", "apply examples/faildaily-minimal.yaml", "wait until Ready",
            "port-forward to the frontend", "web page", "/api/health", "register", "log in", "on-demand backup",
            "register after the backup", "restore the backup", "wait until Ready after the restore",
            "data after the restore", "delete with deletionPolicy Retain", "re-create the FailDaily",
            "log in again, same password", "clean up");

    /**
     * kubectl, as far as e2e.sh uses it. State in $SANDBOX/state: generation, phase, backup-requested, restored,
     * fd-deleted; knobs from the environment (STUB_*).
     */
    private static final String KUBECTL = """
            state="$SANDBOX/state"; mkdir -p "$state"
            args=" $* "
            case "$1" in
              config) echo kind-faildaily ;;
              version) echo 'Server Version: v1.37.0' ;;
              create) touch "$state/namespace" ;;
              apply)
                case "$args" in *" --server-side "*) exit 0 ;; esac
                while [ $# -gt 0 ]; do if [ "$1" = -f ]; then cp "$2" "$state/applied-$$.yaml"; fi; shift; done
                echo 1 >"$state/generation"; rm -f "$state/fd-deleted"
                case "$args" in *" -o name "*) echo faildaily.faildaily.io/faildaily ;; esac ;;
              patch)
                if [ "$2" = --local ]; then
                  if [ -n "${REAL_KUBECTL:-}" ]; then exec "$REAL_KUBECTL" "$@"; fi
                  while [ $# -gt 0 ]; do if [ "$1" = -f ]; then cat "$2"; fi; shift; done
                  exit 0
                fi
                echo 2 >"$state/generation"; touch "$state/restore-requested"
                if [ -z "${STUB_RESTORE_DOES_NOTHING:-}" ]; then curl -fsS -X POST "$FAKE_URL/_fake/restore"; fi ;;
              annotate) touch "$state/backup-requested"; curl -fsS -X POST "$FAKE_URL/_fake/backup" ;;
              delete)
                case "$args" in
                  *" namespace "*) touch "$state/namespace-deleted" ;;
                  *) touch "$state/fd-deleted" ;;
                esac ;;
              port-forward)
                echo "Forwarding from 127.0.0.1:$FAKE_PORT -> 8080"
                echo "$$" >>"$state/port-forward-pids"
                exec sleep 120 ;;
              get)
                case "$args" in
                  *" namespace "*) [ -n "${STUB_NAMESPACE_EXISTS:-}" ] || { echo 'Error from server (NotFound)' >&2; exit 1; } ;;
                  *observedGeneration*) echo "$(cat "$state/generation")|${STUB_PHASE:-Ready}" ;;
                  *metadata.generation*) cat "$state/generation" ;;
                  *lastBackup*)
                    if [ -f "$state/backup-requested" ]; then
                      echo "2026-12-01T10:00:05Z|${STUB_BACKUP_FILE-@BACKUP_FILE@}|${STUB_BACKUP_RESULT:-Succeeded}|${STUB_BACKUP_MESSAGE:-}"
                    else echo '|||'; fi ;;
                  *restores*) if [ -f "$state/restore-requested" ]; then echo 'Succeeded|'; else echo '|'; fi ;;
                  *deletionPolicy*) echo '' ;;
                  *conditions*) echo "Ready=True AllReady: the stand-in is ready; " ;;
                  *service/*) echo 80 ;;
                  *deletionTimestamp*)
                    for lost in ${STUB_LOST_CLAIMS:-}; do
                      case "$args" in *"/$lost "*) echo "Error from server (NotFound): $lost" >&2; exit 1 ;; esac
                    done
                    echo '' ;;
                  *secret/*metadata.uid*) echo uid-credentials ;;
                  *statefulsets,deployments,pods*) [ -f "$state/fd-deleted" ] || echo pod/faildaily-database-0 ;;
                esac ;;
            esac
            """.replace("@BACKUP_FILE@", BACKUP_FILE);

    private ScriptSandbox sandbox;
    private FakeFailDaily fake;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeFailDaily();
        sandbox = new ScriptSandbox()
                .stub("kubectl", KUBECTL)
                .stub("helm", "")
                .env("FAKE_URL", "http://127.0.0.1:" + fake.port())
                .env("FAKE_PORT", Integer.toString(fake.port()))
                .env("IMAGE_TAG", "t1")
                .env("POLL_INTERVAL", "1");
        ScriptSandbox.onSystemPath("kubectl").ifPresent(k -> sandbox.env("REAL_KUBECTL", k.toString()));
    }

    @AfterEach
    void stop() {
        fake.close();
        sandbox.close();
    }

    private ScriptSandbox.Result run() {
        ScriptSandbox.Result result = sandbox.run("scripts/e2e.sh", TIMEOUT);
        assertPortForwardsStopped();
        return result;
    }

    /** Every port-forward the script started is gone once it has exited (the trap). */
    private void assertPortForwardsStopped() {
        Path pids = sandbox.file("state/port-forward-pids");
        if (!pids.toFile().exists()) {
            return;
        }
        for (String pid : sandbox.read("state/port-forward-pids").lines().toList()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                    throw new AssertionError("port-forward " + pid + " still runs after the script ended", e);
                }
            });
        }
    }

    private List<String> stepsRun(String out) {
        return out.lines().filter(l -> l.startsWith("==> [")).map(l -> l.substring(l.indexOf("] ") + 2)).toList();
    }

    private List<String> kubectl(String subcommand) {
        return sandbox.calls("kubectl").stream().filter(c -> c.get(0).equals(subcommand))
                .map(c -> String.join(" ", c)).toList();
    }

    @Test
    void theWholeJourneyPassesStepByStep() {
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).as("stdout:\n%s\nstderr:\n%s", result.out(), result.err()).isZero();
        assertThat(stepsRun(result.out())).containsExactlyElementsOf(STEPS);
        assertThat(result.out()).contains("e2e: all 20 steps passed", "backup: " + BACKUP_FILE);

        // The chart, after the checkout's CRD, with the tag of the images built: the operator's, and the
        // operator's default backend image.
        List<String> lines = sandbox.commandLines();
        int crd = lines.indexOf("kubectl apply --server-side --force-conflicts -f helm/faildaily-operator/crds/"
                + Repo.CRD_FILE_NAME);
        int helm = lines.indexOf("helm upgrade --install faildaily-operator helm/faildaily-operator --namespace"
                + " faildaily-system --create-namespace --wait --timeout 300s --set-string image.tag=t1"
                + " --set-string images.backend=ghcr.io/faildaily/faildaily-backend:t1");
        assertThat(crd).isNotNegative().isLessThan(helm);

        // The backup, the restore of the file status.lastBackup named, the deletion, the re-creation.
        assertThat(kubectl("annotate")).singleElement().asString()
                .matches("annotate --namespace faildaily-e2e faildaily/faildaily faildaily\\.io/backup-now=e2e-[0-9-]+ --overwrite");
        assertThat(kubectl("patch").stream().filter(p -> !p.contains("--local"))).singleElement().asString()
                .contains("faildaily/faildaily --type merge -p {\"spec\":{\"restore\":{\"from\":\"" + BACKUP_FILE
                        + "\",\"requestId\":\"e2e-");
        assertThat(kubectl("delete")).containsExactly(
                "delete --namespace faildaily-e2e faildaily/faildaily --wait=true --timeout=300s",
                "delete namespace faildaily-e2e --wait=true --timeout=300s");
        assertThat(kubectl("apply").stream().filter(a -> !a.contains("--server-side"))).hasSize(2);
        assertThat(kubectl("port-forward")).hasSize(2).allMatch(p -> p.equals(
                "port-forward --namespace faildaily-e2e --address 127.0.0.1 service/faildaily-frontend :80"));
        for (String claim : List.of("mysql-data-faildaily-database-0", "faildaily-uploads", "faildaily-logs",
                "faildaily-nginx-cache", "faildaily-backups")) {
            assertThat(kubectl("get")).as("claim %s checked", claim)
                    .anyMatch(g -> g.contains("persistentvolumeclaim/" + claim + " "));
        }

        // Through the API: two people, the second gone after the restore, the first logged in four times.
        assertThat(fake.requests).containsSubsequence("GET /", "GET /api/health", "POST /api/auth/register",
                "POST /api/auth/login", "GET /api/auth/profile", "POST /_fake/backup", "POST /api/auth/register",
                "POST /_fake/restore", "POST /api/auth/login", "POST /api/auth/login", "POST /api/auth/login");
        assertThat(fake.logins).containsExactly(200, 200, 401, 200);
    }

    /** The example as it is, both times: no spec.backend.image, so the backend is the chart's images.backend. */
    @Test
    void theFailDailyAppliedIsTheExampleWithoutABackendImage() throws IOException {
        assertThat(run().exitCode()).isZero();
        assertThat(kubectl("patch")).as("no change to the example").noneMatch(p -> p.contains("--local"));
        assertThat(kubectl("apply").stream().filter(a -> !a.contains("--server-side"))).containsExactly(
                "apply --namespace faildaily-e2e -f examples/faildaily-minimal.yaml -o name",
                "apply --namespace faildaily-e2e -f examples/faildaily-minimal.yaml");
        List<Path> applied;
        try (Stream<Path> files = Files.list(sandbox.file("state"))) {
            applied = files.filter(f -> f.getFileName().toString().startsWith("applied-")).toList();
        }
        assertThat(applied).hasSize(2);
        for (Path file : applied) {
            JsonNode manifest = Repo.yamlOf(Files.readString(file));
            assertThat(manifest).isEqualTo(Repo.yaml("examples/faildaily-minimal.yaml"));
            assertThat(manifest.path("spec").path("backend").path("image").isMissingNode())
                    .as("no spec.backend.image: the operator's default backend image").isTrue();
            assertThat(manifest.path("spec").path("deletionPolicy").isMissingNode()).as("Retain, the default").isTrue();
            assertThat(CrdSchema.load().validate(manifest)).isEmpty();
            assertThat(CrdCelRules.ofGeneratedCrd().validate(manifest)).isEmpty();
        }
    }

    @Test
    void withoutImageTagTheChartAndTheExampleAreUsedAsTheyAre() {
        sandbox.env("IMAGE_TAG", "");
        assertThat(run().exitCode()).isZero();
        assertThat(sandbox.commandLines()).filteredOn(c -> c.startsWith("helm")).singleElement().asString()
                .doesNotContain("image.tag", "images.backend");
        assertThat(kubectl("patch")).noneMatch(p -> p.contains("--local"));
    }

    @Test
    void aFailedBackupStopsAtItsStepWithTheReason() {
        sandbox.env("STUB_BACKUP_RESULT", "Failed").env("STUB_BACKUP_FILE", "")
                .env("STUB_BACKUP_MESSAGE", "mysqldump: Got error 2002");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("e2e: step 12 (on-demand backup): the backup failed at 2026-12-01T10:00:05Z:"
                + " mysqldump: Got error 2002", "e2e: FAILED at step 12 (on-demand backup)");
        assertThat(kubectl("patch")).noneMatch(p -> p.contains("restore"));
        assertThat(kubectl("delete")).as("the namespace is kept to look at").isEmpty();
    }

    @Test
    void aRestoreThatRestoresNothingIsCaught() {
        sandbox.env("STUB_RESTORE_DOES_NOTHING", "1");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("e2e: step 16 (data after the restore): POST /api/auth/login (e2e-late-",
                "registered after the backup): HTTP 200, expected 401");
    }

    @Test
    void notReadyInTimeStopsWithWhatWasSeenLast() {
        sandbox.env("STUB_PHASE", "Provisioning").env("READY_TIMEOUT", "2");
        long start = System.nanoTime();
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("e2e: step 6 (wait until Ready): FailDaily faildaily Ready at generation 1:"
                + " not after 2 s (last seen: phase Provisioning at generation 1;", "e2e: FAILED at step 6");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aClaimLostWithTheFailDailyFailsTheRetainStep() {
        sandbox.env("STUB_LOST_CLAIMS", "faildaily-uploads");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("e2e: step 17 (delete with deletionPolicy Retain):"
                + " persistentvolumeclaim/faildaily-uploads was deleted with the FailDaily (deletionPolicy Retain)");
        assertThat(kubectl("apply").stream().filter(a -> !a.contains("--server-side"))).as("not re-created").hasSize(1);
    }

    @Test
    void aBrokenApiFailsAtTheHealthStep() {
        fake.databaseConnected = false;
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("e2e: step 9 (/api/health): GET /api/health: database not connected");
    }

    @Test
    void aNamespaceLeftByAnEarlierRunIsNotReused() {
        sandbox.env("STUB_NAMESPACE_EXISTS", "1");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("e2e: step 2 (cluster): namespace faildaily-e2e exists");
        assertThat(sandbox.commandLines()).noneMatch(c -> c.startsWith("helm"));
    }

    @Test
    void aTimeoutThatIsNoNumberIsRefusedAtOnce() {
        sandbox.env("BACKUP_TIMEOUT", "5m");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().strip()).isEqualTo(
                "e2e: step 0 (settings): BACKUP_TIMEOUT must be a positive number of seconds, not '5m'");
        assertThat(sandbox.calls()).isEmpty();
    }

    @Test
    void e2eCleanupFalseKeepsTheNamespace() {
        sandbox.env("E2E_CLEANUP", "false");
        ScriptSandbox.Result result = run();
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("namespace faildaily-e2e kept");
        assertThat(kubectl("delete")).noneMatch(d -> d.startsWith("delete namespace"));
    }

    /** The frontend and API of one FailDaily, as e2e.sh sees them through the port-forward. */
    static final class FakeFailDaily implements AutoCloseable {
        final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> logins = Collections.synchronizedList(new ArrayList<>());
        volatile boolean databaseConnected = true;
        private final Map<String, String> passwords = new LinkedHashMap<>();
        private final Map<String, String> tokens = new LinkedHashMap<>();
        private Map<String, String> backup = Map.of();
        private final HttpServer server;

        FakeFailDaily() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private synchronized void handle(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            requests.add(method + " " + path);
            JsonNode body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readAllBytes();
                body = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            } catch (IOException e) {
                reply(exchange, 400, "{\"code\":\"INVALID_JSON\"}");
                return;
            }
            boolean json = "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            switch (method + " " + path) {
                case "GET /" -> reply(exchange, 200, "<!doctype html>\n<html lang=\"fr\">\n<head>\n  <title>FailDaily</title>\n</head></html>\n");
                case "GET /api/health" -> reply(exchange, 200, "{\"status\":\"OK\",\"environment\":\"production\",\"database\":\""
                        + (databaseConnected ? "connected" : "disconnected") + "\"}");
                case "POST /api/auth/register" -> {
                    String email = body.path("email").asText();
                    if (!json || email.isEmpty() || body.path("password").asText().length() < 6
                            || body.path("displayName").asText().isEmpty() || !body.path("birthDate").asText().matches("\\d{4}-\\d{2}-\\d{2}")
                            || !body.path("agreeToTerms").asBoolean()) {
                        reply(exchange, 400, "{\"code\":\"MISSING_FIELDS\"}");
                    } else if (passwords.containsKey(email)) {
                        reply(exchange, 409, "{\"code\":\"EMAIL_EXISTS\"}");
                    } else {
                        passwords.put(email, body.path("password").asText());
                        reply(exchange, 201, "{\"success\":true,\"user\":{\"email\":\"" + email + "\"},\"token\":\"" + token(email) + "\"}");
                    }
                }
                case "POST /api/auth/login" -> {
                    String email = body.path("email").asText();
                    boolean valid = json && body.path("password").asText().equals(passwords.get(email));
                    logins.add(valid ? 200 : 401);
                    reply(exchange, valid ? 200 : 401, valid
                            ? "{\"success\":true,\n \"token\" : \"" + token(email) + "\"}"
                            : "{\"success\":false,\"code\":\"INVALID_CREDENTIALS\"}");
                }
                case "GET /api/auth/profile" -> {
                    String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                    String email = tokens.get(authorization.replaceFirst("^Bearer ", ""));
                    if (email == null) {
                        reply(exchange, 401, "{\"code\":\"NO_TOKEN\"}");
                    } else {
                        reply(exchange, 200, "{\"success\":true,\"user\":{\"email\":\"" + email + "\"}}");
                    }
                }
                case "POST /_fake/backup" -> {
                    backup = new LinkedHashMap<>(passwords);
                    reply(exchange, 200, "{}");
                }
                case "POST /_fake/restore" -> {
                    passwords.clear();
                    passwords.putAll(backup);
                    reply(exchange, 200, "{}");
                }
                default -> reply(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
            }
        }

        private String token(String email) {
            String token = "tok-" + tokens.size();
            tokens.put(token, email);
            return token;
        }

        private static void reply(HttpExchange exchange, int status, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", text.startsWith("{") ? "application/json" : "text/html");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
