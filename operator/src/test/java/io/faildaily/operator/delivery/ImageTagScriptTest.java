package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * scripts/image-tag.sh on a git repository of its own (a copy of the script and Chart.yaml): a new tag for every
 * change, the same tag for the same tree, so that kind-up.sh rolls the pods after a code change and only then.
 */
class ImageTagScriptTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ScriptSandbox sandbox;
    private Path checkout;

    @BeforeEach
    void checkout() throws IOException {
        assumeTrue(ScriptSandbox.onSystemPath("git").isPresent(), "git is not installed");
        sandbox = new ScriptSandbox()
                .env("GIT_AUTHOR_NAME", "test").env("GIT_AUTHOR_EMAIL", "test@example.com")
                .env("GIT_COMMITTER_NAME", "test").env("GIT_COMMITTER_EMAIL", "test@example.com")
                .env("GIT_CONFIG_NOSYSTEM", "1");
        checkout = copyOfTheScript(sandbox.file("checkout"));
        git("init", "-q");
        Files.writeString(checkout.resolve(".gitignore"), "target/\n");
        Files.writeString(checkout.resolve("Main.java"), "class Main {}\n");
        git("add", ".");
        git("commit", "-q", "-m", "first");
    }

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** scripts/image-tag.sh and the chart's Chart.yaml, copied into {@code dir}. */
    private static Path copyOfTheScript(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("scripts"));
        Files.createDirectories(dir.resolve("helm/faildaily-operator"));
        Files.copy(Repo.path("scripts/image-tag.sh"), dir.resolve("scripts/image-tag.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Repo.path("helm/faildaily-operator/Chart.yaml"), dir.resolve("helm/faildaily-operator/Chart.yaml"));
        return dir;
    }

    /** Runs scripts/image-tag.sh of {@code root}; it must succeed and print one line, the tag. */
    static String runImageTag(ScriptSandbox sandbox, Path root) {
        ScriptSandbox.Result result = sandbox.runFile(root.resolve("scripts/image-tag.sh"), sandbox.dir(), TIMEOUT);
        assertThat(result.exitCode()).as("image-tag.sh: %s", result.err()).isZero();
        assertThat(result.out().lines()).as("one line").hasSize(1);
        String tag = result.out().strip();
        assertThat(tag).as("a Docker tag the chart's schema accepts").matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        return tag;
    }

    private String tag() {
        return runImageTag(sandbox, checkout);
    }

    private String git(String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "-C";
        command[1] = checkout.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ScriptSandbox.Result result = sandbox.runFile(sandbox.file("bin/git"), checkout, TIMEOUT, command);
        assertThat(result.exitCode()).as("git %s: %s", String.join(" ", args), result.err()).isZero();
        return result.out().strip();
    }

    @Test
    void aCleanTreeIsTheAppVersionAndTheCommit() {
        assertThat(tag()).isEqualTo(ImageVersionsTest.appVersion() + "-g" + git("rev-parse", "--short=12", "HEAD"));
    }

    @Test
    void aChangeGivesADirtyTagThatFollowsTheChange() throws IOException {
        String clean = tag();
        Files.writeString(checkout.resolve("Main.java"), "class Main { int a; }\n");
        String first = tag();
        assertThat(first).startsWith(clean + "-dirty-").matches(".*-dirty-[0-9a-f]{12}");
        assertThat(tag()).as("the same change, the same tag: a re-run without a change rolls nothing").isEqualTo(first);

        Files.writeString(checkout.resolve("Main.java"), "class Main { int b; }\n");
        String second = tag();
        assertThat(second).startsWith(clean + "-dirty-").isNotEqualTo(first);

        Files.writeString(checkout.resolve("Main.java"), "class Main {}\n");
        assertThat(tag()).as("back to the commit").isEqualTo(clean);
    }

    @Test
    void stagedChangesAndNewFilesCountIgnoredFilesDoNot() throws IOException {
        String clean = tag();
        Files.createDirectories(checkout.resolve("target"));
        Files.writeString(checkout.resolve("target/app.jar"), "built");
        assertThat(tag()).as("target/ is ignored").isEqualTo(clean);

        Files.writeString(checkout.resolve("New.java"), "class New {}\n");
        String untracked = tag();
        assertThat(untracked).startsWith(clean + "-dirty-");
        Files.writeString(checkout.resolve("New.java"), "class New { int c; }\n");
        assertThat(tag()).as("an untracked file's content counts").isNotEqualTo(untracked).startsWith(clean + "-dirty-");

        git("add", "New.java");
        assertThat(tag()).as("staged").startsWith(clean + "-dirty-");
    }

    @Test
    void aCommitGivesANewCleanTag() throws IOException {
        String before = tag();
        Files.writeString(checkout.resolve("Main.java"), "class Main { int d; }\n");
        git("commit", "-q", "-am", "second");
        String after = tag();
        assertThat(after).isNotEqualTo(before).doesNotContain("dirty")
                .isEqualTo(ImageVersionsTest.appVersion() + "-g" + git("rev-parse", "--short=12", "HEAD"));
    }

    @Test
    void withoutGitTheTagIsATimestamp() throws IOException {
        Path archive = copyOfTheScript(sandbox.file("archive"));
        String tag = runImageTag(sandbox, archive);
        assertThat(tag).matches(ImageVersionsTest.appVersion().replace(".", "\\.") + "-\\d{14}");
    }
}
