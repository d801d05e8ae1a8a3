package io.faildaily.backend.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.faildaily.backend.testing.BackendTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The endpoint list of app-backend/README.md ("Endpoints") names exactly the routes the server registers: every
 * backticked {@code METHOD /path} there (several methods as {@code GET/PUT /path}) against the server's routes.
 */
class EndpointListTest extends BackendTestBase {
    private static final Pattern ENDPOINT = Pattern.compile("`((?:GET|POST|PUT|DELETE|PATCH)(?:/(?:GET|POST|PUT|DELETE|PATCH))*) (/[^`\\s]*)`");

    @Test
    void theReadmeListsEveryRouteAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("### Endpoints");
        int end = readme.indexOf("### Decisions");
        assertThat(start).as("README.md has an Endpoints section before Decisions").isPositive().isLessThan(end);
        TreeSet<String> listed = new TreeSet<>();
        Matcher m = ENDPOINT.matcher(readme.substring(start, end));
        while (m.find()) {
            for (String method : m.group(1).split("/")) {
                listed.add(method + " " + m.group(2));
            }
        }
        TreeSet<String> served = new TreeSet<>(backend.app().endpoints());
        assertThat(served).as("the server's routes").isNotEmpty();
        TreeSet<String> missing = new TreeSet<>(served);
        missing.removeAll(listed);
        TreeSet<String> extra = new TreeSet<>(listed);
        extra.removeAll(served);
        assertThat(missing).as("served but not in README.md's endpoint list").isEmpty();
        assertThat(extra).as("in README.md's endpoint list but not served").isEmpty();
    }
}
