package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rendered request rate limits on a real nginx (API 10 r/s with a burst of 20, login 5 r/s with a burst
 * of 10, both without delay, 429 when exceeded). Each test starts its own nginx in front of the stack's
 * backend, so its limit zones start empty whatever ran before. Bursts are sent all at once; how many may pass
 * is bounded by what the bucket refills while the burst lasts, so a slow machine does not make them flaky.
 */
@ExtendWith(StackExtension.class)
class NginxRateLimitTest {
    private static final int BURST = 60;

    record Burst(List<HttpResponse<String>> answers, double seconds) {
        long count(int status) {
            return answers.stream().filter(r -> r.statusCode() == status).count();
        }

        /** At most {@code allowedAtOnce}, plus what {@code ratePerSecond} refills while the burst lasted, plus one. */
        long mostThatMayPass(int allowedAtOnce, int ratePerSecond) {
            return allowedAtOnce + (long) Math.ceil(seconds * ratePerSecond) + 1;
        }
    }

    @Test
    void aBurstOfApiRequestsIsCutAfterTheAllowedBurst(Stack stack) {
        try (NginxServer nginx = stack.startNginx()) {
            Burst burst = burst(BURST, () -> Http.request(nginx.uri("/api/health")).GET().build());
            long ok = burst.count(200);
            long limited = burst.count(429);
            assertThat(ok + limited).as("only 200 and 429").isEqualTo(BURST);
            // 1 + burst 20 pass at once, then 10 r/s.
            assertThat(ok).isBetween(21L, burst.mostThatMayPass(21, 10));
            assertThat(limited).as("refused within %.2f s", burst.seconds()).isPositive();
            // nginx answers the 429 itself, with the security headers: the backend never saw these requests.
            HttpResponse<String> refused = burst.answers().stream().filter(r -> r.statusCode() == 429).findFirst()
                    .orElseThrow();
            assertThat(refused.body()).contains("429 Too Many Requests");
            assertThat(refused.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(refused.headers().allValues("Server")).containsExactly("nginx");
        }
    }

    @Test
    void loginIsLimitedMoreTightlyThanTheRestOfTheApi(Stack stack) {
        int attempts = 30;
        try (NginxServer nginx = stack.startNginx()) {
            // Empty credentials: the backend answers 400 at once, so only nginx's limit decides the shape.
            Burst logins = burst(attempts, () -> Http.request(nginx.uri("/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            long passed = logins.count(400);
            long limited = logins.count(429);
            assertThat(passed + limited).as("only 400 (reached the backend) and 429").isEqualTo(attempts);
            // 1 + burst 10 at once, then 5 r/s.
            assertThat(passed).isBetween(11L, logins.mostThatMayPass(11, 5));
            assertThat(limited).as("refused within %.2f s", logins.seconds()).isPositive();

            // As many other API requests at the same moment are within the API's own, larger burst.
            Burst api = burst(21, () -> Http.request(nginx.uri("/api/health")).GET().build());
            assertThat(api.answers()).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        }
    }

    @Test
    void theWebPageIsNotRateLimited(Stack stack) {
        try (NginxServer nginx = stack.startNginx()) {
            Burst pages = burst(BURST, () -> Http.request(nginx.uri("/feed/1")).GET().build());
            assertThat(pages.answers()).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        }
    }

    /** {@code count} requests sent at once, each on its own connection. */
    private static Burst burst(int count, Supplier<HttpRequest> request) {
        List<HttpRequest> requests = IntStream.range(0, count).mapToObj(i -> request.get()).toList();
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = requests.stream().map(Http::sendAsync).toList();
        List<HttpResponse<String>> answers = sent.stream().map(CompletableFuture::join).toList();
        return new Burst(answers, (System.nanoTime() - start) / 1e9);
    }
}
