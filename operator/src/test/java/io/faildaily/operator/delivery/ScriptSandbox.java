package io.faildaily.operator.delivery;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one of the repository's shell scripts with stand-ins for the programs it calls (docker, kind, kubectl,
 * helm, java, mvn, ...): a temp directory whose {@code bin/} is the whole PATH, holding links to a few basic
 * tools and one stub script per stand-in. Each stub records its arguments (one line per call, tab-separated,
 * in {@code calls.log}, written at once) and then runs a body the test gives it. Nothing outside the temp
 * directory is written.
 */
final class ScriptSandbox implements AutoCloseable {
    /** The programs the scripts and stubs may use as they are (everything else must be a stub). */
    static final List<String> TOOLS = List.of("bash", "sed", "grep", "head", "tail", "cat", "tr", "cut", "mktemp",
            "rm", "sleep", "date", "dirname", "git", "curl", "cp", "mkdir", "touch", "wc", "ls");

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Path dir;
    private final Path bin;
    private final Path calls;
    private final Map<String, String> env = new LinkedHashMap<>();

    ScriptSandbox() {
        try {
            dir = Files.createTempDirectory("script-sandbox");
            bin = Files.createDirectory(dir.resolve("bin"));
            calls = dir.resolve("calls.log");
            Files.createFile(calls);
            Files.createDirectory(dir.resolve("tmp"));
            Files.createDirectory(dir.resolve("home"));
            for (String tool : TOOLS) {
                Files.createSymbolicLink(bin.resolve(tool), onSystemPath(tool)
                        .orElseThrow(() -> new IllegalStateException(tool + " is not installed")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("PATH", bin.toString());
        env.put("HOME", dir.resolve("home").toString());
        env.put("TMPDIR", dir.resolve("tmp").toString());
        env.put("LANG", "C.UTF-8");
        env.put("SANDBOX", dir.toString());
    }

    /** A program on this machine's PATH (the test JVM's), if there is one. */
    static Optional<Path> onSystemPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(d -> Path.of(d, program)).filter(Files::isExecutable).findFirst();
    }

    Path dir() {
        return dir;
    }

    /** A file in the sandbox (stubs write what they capture there, under $SANDBOX). */
    Path file(String name) {
        return dir.resolve(name);
    }

    String read(String name) {
        try {
            return Files.readString(file(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ScriptSandbox env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * A stand-in for {@code name}: records the call, then runs {@code body} (bash, with the arguments in "$@"),
     * which decides the exit code; an empty body exits 0.
     */
    ScriptSandbox stub(String name, String body) {
        // One write per call: stubs run at the same time (both sides of a pipe) append to the same file.
        String script = "#!/usr/bin/env bash\n"
                + "printf -v __call '%s' '" + name + "'; printf -v __args '\\t%s' \"$@\"\n"
                + "printf '%s%s\\n' \"$__call\" \"$__args\" >>\"$SANDBOX/calls.log\"\n"
                + body + "\n";
        Path file = bin.resolve(name);
        try {
            Files.deleteIfExists(file);
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** No program of that name (a stub or a tool) on the PATH. */
    ScriptSandbox remove(String name) {
        try {
            Files.deleteIfExists(bin.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Runs a script of the repository (e.g. "scripts/kind-up.sh") with the sandbox's environment only. */
    Result run(String script, Duration timeout, String... args) {
        return runFile(Repo.path(script), Repo.root(), timeout, args);
    }

    /** Runs any script file, from {@code workingDir}. */
    Result runFile(Path script, Path workingDir, Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(script + " did not finish within " + timeout + "; stdout:\n"
                        + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every recorded call, in order: the program's name, then its arguments. */
    List<List<String>> calls() {
        try {
            return Files.readAllLines(calls, StandardCharsets.UTF_8).stream()
                    .map(line -> List.of(line.split("\t", -1))).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded calls of one program, each as its arguments. */
    List<List<String>> calls(String program) {
        return calls().stream().filter(c -> c.get(0).equals(program)).map(c -> c.subList(1, c.size())).toList();
    }

    /** The recorded calls as command lines, "kind create cluster --name faildaily ...". */
    List<String> commandLines() {
        return calls().stream().map(c -> String.join(" ", c)).toList();
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
