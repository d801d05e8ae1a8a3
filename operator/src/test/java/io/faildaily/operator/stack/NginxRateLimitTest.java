package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rendered request rate limits on a real nginx (API 10 r/s with a burst of 20, login 5 r/s with a burst
 * of 10, both without delay, 429 when exceeded). Each test starts its own nginx in front of the stack's
 * backend, so its limit zones start empty whatever ran before.
 */
@ExtendWith(StackExtension.class)
class NginxRateLimitTest {
    /** Requests sent back to back: far faster than the 10 r/s the buckets refill at. */
    private static final int BURST = 40;

    @Test
    void aBurstOfApiRequestsIsCutAfterTheAllowedBurst(Stack stack) {
        try (NginxServer nginx = stack.startNginx()) {
            List<HttpResponse<String>> answers = burst(BURST, () -> Http.request(nginx.uri("/api/health")).GET().build());
            long ok = answers.stream().filter(r -> r.statusCode() == 200).count();
            long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
            assertThat(ok + limited).as("only 200 and 429").isEqualTo(BURST);
            // 1 + burst 20 pass at once, a few more as the bucket refills while the burst is sent.
            assertThat(ok).isBetween(21L, 30L);
            assertThat(limited).isGreaterThanOrEqualTo(BURST - 30L);
            // The first requests pass: the limit cuts the tail of the burst, not its head.
            assertThat(answers.subList(0, 21)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
            // nginx answers the 429 itself, with the security headers: the backend never saw these requests.
            HttpResponse<String> refused = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
            assertThat(refused.body()).contains("429 Too Many Requests");
            assertThat(refused.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        }
    }

    @Test
    void loginIsLimitedMoreTightlyThanTheRestOfTheApi(Stack stack) {
        int attempts = 20;
        try (NginxServer nginx = stack.startNginx()) {
            // Empty credentials: the backend answers 400 at once, so only nginx's limit decides the shape.
            List<HttpResponse<String>> logins = burst(attempts, () -> Http.request(nginx.uri("/api/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
            long passed = logins.stream().filter(r -> r.statusCode() == 400).count();
            long limited = logins.stream().filter(r -> r.statusCode() == 429).count();
            assertThat(passed + limited).as("only 400 (reached the backend) and 429").isEqualTo(attempts);
            // 1 + burst 10 at once, then 5 r/s.
            assertThat(passed).isBetween(11L, 14L);
            assertThat(limited).isGreaterThanOrEqualTo(6L);

            // The same number of other API requests at the same moment is still within the API's burst.
            List<HttpResponse<String>> api = burst(attempts, () -> Http.request(nginx.uri("/api/health")).GET().build());
            assertThat(api).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        }
    }

    @Test
    void theWebPageIsNotRateLimited(Stack stack) {
        try (NginxServer nginx = stack.startNginx()) {
            List<HttpResponse<String>> pages = burst(BURST, () -> Http.request(nginx.uri("/feed/1")).GET().build());
            assertThat(pages).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        }
    }

    private static List<HttpResponse<String>> burst(int count, Supplier<HttpRequest> request) {
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(Http.send(request.get()));
        }
        return answers;
    }
}
