package io.faildaily.operator.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The shell entry points (scripts/*.sh and .ci/run) are clean under shellcheck, and executable. */
class ShellScriptsTest {

    static List<Path> scripts() throws IOException {
        List<Path> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Repo.path("scripts"))) {
            files.filter(p -> p.getFileName().toString().endsWith(".sh")).sorted().forEach(scripts::add);
        }
        scripts.add(Repo.path(".ci/run"));
        return scripts;
    }

    static boolean shellcheckInstalled() {
        try {
            Process process = new ProcessBuilder("shellcheck", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void scriptsAreCleanUnderShellcheck() throws Exception {
        boolean installed = shellcheckInstalled();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(installed).as("shellcheck must be installed in CI (.ci/run installs it)").isTrue();
        } else {
            assumeTrue(installed, "shellcheck is not installed (apt-get install shellcheck)");
        }
        List<Path> scripts = scripts();
        assertThat(scripts).extracting(p -> Repo.root().relativize(p).toString())
                .contains("scripts/kind-up.sh", "scripts/kind-down.sh", "scripts/e2e.sh", "scripts/image-tag.sh", ".ci/run");

        List<String> command = new ArrayList<>(List.of("shellcheck", "--external-sources", "--severity=style",
                "--format=gcc"));
        scripts.forEach(p -> command.add(Repo.root().relativize(p).toString()));
        Process process = new ProcessBuilder(command).directory(Repo.root().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shellcheck finished").isTrue();
        assertThat(output).as("shellcheck findings").isEmpty();
        assertThat(process.exitValue()).as("shellcheck exit code").isZero();
    }

    @Test
    void scriptsAreExecutableBashWithStrictMode() throws Exception {
        for (Path script : scripts()) {
            String text = Files.readString(script, StandardCharsets.UTF_8);
            assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
            assertThat(text).as("%s", script).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail");
        }
    }
}
