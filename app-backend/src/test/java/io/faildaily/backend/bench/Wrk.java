package io.faildaily.backend.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Debian's wrk as an external load generator: one run of a Lua script against a URL, its figures parsed. */
final class Wrk {
    record Result(double rps, double p50Ms, double p99Ms, long requests, long errors) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final int threads;
    private final int connections;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
    }

    Result run(String url, String luaScript, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("faildaily-bench-", ".lua");
        try {
            Files.writeString(script, luaScript);
            Process p = new ProcessBuilder(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                    "--timeout", "10s", "--latency", "-s", script.toString(), url)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("wrk failed:\n" + out);
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static Result parse(String out) {
        long errors = find(NON_2XX, out, 0);
        Matcher socket = SOCKET_ERRORS.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new Result(Double.parseDouble(group(RPS, out)), percentileMs(out, "50"), percentileMs(out, "99"),
                find(REQUESTS, out, 0), errors);
    }

    /** A line of wrk's latency distribution ("    99%   12.34ms"), in milliseconds. */
    private static double percentileMs(String out, String percent) {
        Matcher m = Pattern.compile("^\\s+" + percent + "%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE).matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + percent + "% line in wrk's output:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static String group(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output:\n" + out);
        }
        return m.group(1);
    }

    private static long find(Pattern p, String out, long otherwise) {
        Matcher m = p.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : otherwise;
    }
}
