package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The root .dockerignore (both Dockerfiles are built with the repository root as context) sends the builder the
 * files the Dockerfiles COPY and keeps .git and the rest of target/ out. Docker's rules: patterns are matched
 * against a path and each of its parent directories, `!` makes an exception, the last matching line wins.
 */
class DockerignoreTest {
    private static final List<String> DOCKERFILES = List.of("operator/Dockerfile", "app-backend/Dockerfile");
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$");

    record Rule(Pattern pattern, boolean exception) {}

    static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (String line : Repo.read(".dockerignore").lines().toList()) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            boolean exception = text.startsWith("!");
            String glob = (exception ? text.substring(1) : text).strip().replaceFirst("^/+", "");
            rules.add(new Rule(Pattern.compile(globToRegex(glob)), exception));
        }
        return rules;
    }

    /** Go's filepath.Match syntax plus **, as Docker's pattern matcher reads it. */
    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    i++;
                    regex.append("(?:.*/)?");
                } else {
                    regex.append(".*");
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** Whether Docker leaves {@code path} out of the build context. */
    static boolean excluded(List<Rule> rules, String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            boolean matches = false;
            for (String prefix = path; !prefix.isEmpty(); prefix = prefix.contains("/")
                    ? prefix.substring(0, prefix.lastIndexOf('/')) : "") {
                if (rule.pattern().matcher(prefix).matches()) {
                    matches = true;
                    break;
                }
            }
            if (matches) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    static List<String> copiedFiles() {
        List<String> sources = new ArrayList<>();
        for (String dockerfile : DOCKERFILES) {
            Matcher copy = COPY.matcher(Repo.read(dockerfile));
            while (copy.find()) {
                sources.add(copy.group(1));
            }
        }
        return sources;
    }

    @Test
    void whatTheDockerfilesCopyIsInTheContext() {
        List<Rule> rules = rules();
        assertThat(copiedFiles()).containsExactlyInAnyOrder("operator/target/faildaily-operator.jar",
                "app-backend/target/faildaily-backend.jar");
        for (String source : copiedFiles()) {
            assertThat(excluded(rules, source)).as("%s is sent to the builder", source).isFalse();
        }
    }

    @Test
    void gitAndBuildOutputStayOut() {
        List<Rule> rules = rules();
        for (String path : List.of(".git", ".git/HEAD", ".git/objects/ab/cdef", "target/x",
                "operator/target/classes/io/faildaily/operator/cli/Main.class",
                "operator/target/original-faildaily-operator.jar", "operator/target/stack/browser-journey-feed.png",
                "app-backend/target/surefire-reports/TEST-x.xml", "app-backend/target/original-faildaily-backend.jar",
                "operator/src/main/java/io/faildaily/operator/cli/Main.java", "README.md", ".idea/workspace.xml")) {
            assertThat(excluded(rules, path)).as("%s stays out of the build context", path).isTrue();
        }
    }

    /** The matcher above reads patterns as Docker does: a check of the check. */
    @Test
    void theMatcherFollowsDockersRules() {
        List<Rule> rules = List.of(new Rule(Pattern.compile(globToRegex("target")), false),
                new Rule(Pattern.compile(globToRegex("**/*.log")), false),
                new Rule(Pattern.compile(globToRegex("keep.log")), true));
        assertThat(excluded(rules, "target/a/b.class")).as("a parent directory matches").isTrue();
        assertThat(excluded(rules, "operator/target/a")).as("patterns are anchored at the root").isFalse();
        assertThat(excluded(rules, "a/b/c.log")).isTrue();
        assertThat(excluded(rules, "c.log")).as("**/ matches no directory too").isTrue();
        assertThat(excluded(rules, "keep.log")).as("the last matching line wins").isFalse();
    }

    /** BuildKit prefers <Dockerfile>.dockerignore next to a Dockerfile; there is none to shadow the root file. */
    @Test
    void noDockerfileSpecificIgnoreFileShadowsTheRootOne() throws IOException {
        for (String dockerfile : DOCKERFILES) {
            assertThat(Repo.path(dockerfile + ".dockerignore")).doesNotExist();
            assertThat(Repo.read(dockerfile)).as("%s is built from the repository root", dockerfile)
                    .contains("Build context: the repository root");
        }
        try (Stream<Path> files = Files.walk(Repo.root(), 3)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals(".dockerignore"))
                    .map(p -> Repo.root().relativize(p).toString())).containsExactly(".dockerignore");
        }
    }
}
