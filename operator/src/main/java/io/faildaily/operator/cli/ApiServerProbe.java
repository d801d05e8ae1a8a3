package io.faildaily.operator.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One quick request ({@code GET /version}) before the operator starts. Without it, an unreachable cluster
 * shows up only when the informers start, after fabric8 has retried for about 20 seconds, as pages of
 * stack traces. Here there are no retries, short timeouts and an overall deadline, and the outcome is one
 * line naming the API server, the kubeconfig and the context.
 */
final class ApiServerProbe {
    /** Longer than the connect and request timeouts below: DNS lookups are not covered by them. */
    static final Duration DEADLINE = Duration.ofSeconds(8);

    private ApiServerProbe() {}

    /** Returns the server's version ("v1.33.1", null when it does not say), or throws with why it cannot be reached. */
    static String check(ClusterTarget target) throws CliError {
        Config quick = new ConfigBuilder(target.config())
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout(3_000)
                .withRequestTimeout(5_000)
                .build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(quick).build();
        CompletableFuture<String> version = new CompletableFuture<>();
        Thread probe = new Thread(() -> {
            try {
                version.complete(client.getKubernetesVersion().getGitVersion());
            } catch (Throwable e) {
                version.completeExceptionally(e);
            }
        }, "api-server-probe");
        probe.setDaemon(true); // a lookup that hangs past the deadline must not keep the JVM alive
        probe.start();
        try {
            return version.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(target, "no answer within " + DEADLINE.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw unreachable(target, reason(e.getCause(), target.apiServer()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(target, "interrupted");
        } finally {
            client.close();
        }
    }

    private static CliError unreachable(ClusterTarget target, String reason) {
        return new CliError("cannot reach the Kubernetes API server: " + reason + " (" + target.describe() + ")");
    }

    /**
     * The cause a person can act on, from the chain fabric8 and the JDK wrap around it. Looked for from the
     * most specific down: the JDK's client reports an unknown host as a ConnectException caused by an
     * UnresolvedAddressException, for instance.
     */
    static String reason(Throwable error, String apiServer) {
        if (find(error, UnresolvedAddressException.class) != null || find(error, UnknownHostException.class) != null) {
            return "unknown host " + host(apiServer);
        }
        KubernetesClientException http = find(error, KubernetesClientException.class);
        if (http != null && http.getCode() > 0) {
            return switch (http.getCode()) {
                case 401 -> "401 Unauthorized: the credentials of this context were refused";
                case 403 -> "403 Forbidden: " + OneLine.of(http.getMessage());
                default -> "HTTP " + http.getCode() + ": " + OneLine.of(http.getMessage());
            };
        }
        if (find(error, HttpTimeoutException.class) != null) {
            return "no answer in time";
        }
        if (find(error, ConnectException.class) != null || find(error, NoRouteToHostException.class) != null) {
            Throwable connect = find(error, ConnectException.class);
            String message = connect == null ? "no route to host" : connect.getMessage();
            return message == null ? "connection refused" : message.toLowerCase(java.util.Locale.ROOT);
        }
        SSLException tls = find(error, SSLException.class);
        if (tls != null) {
            return "TLS failed: " + OneLine.of(tls.getMessage());
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + OneLine.of(root.getMessage());
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        return null;
    }

    private static String host(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
