package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The README's stack section names every stack test and the command that runs them. */
class StackReadmeTest {
    private static final Path ROOT = Path.of(System.getProperty("faildaily.repoRoot", "..")).toAbsolutePath().normalize();

    @Test
    void theReadmeSectionNamesEveryStackTestAndItsCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String start = "<!-- section:stack -->";
        String end = "<!-- /section:stack -->";
        assertThat(readme).contains(start, end);
        String section = readme.substring(readme.indexOf(start), readme.indexOf(end));

        List<String> tests;
        try (Stream<Path> files = Files.list(ROOT.resolve("operator/src/test/java/io/faildaily/operator/stack"))) {
            tests = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Test.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .filter(n -> !n.equals(StackReadmeTest.class.getSimpleName())).sorted().toList();
        }
        assertThat(tests).isNotEmpty();
        assertThat(tests).allSatisfy(t -> assertThat(section).contains("| `" + t + "` |"));
        assertThat(section).contains("mvn -B -pl operator -am verify -Dtest='io.faildaily.operator.stack.*Test' "
                + "-Dsurefire.failIfNoSpecifiedTests=false");
        assertThat(section).contains("operator/target/stack/", "browser-journey-feed.png");
    }
}
