package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.testing.FailDailies;

/**
 * Runs the container of a backup or restore Job the operator renders as a local process: its command, with
 * the scripts ConfigMap's files where the pod mounts them ({@code /scripts/}), and its environment resolved
 * against the credentials Secret. Substituted only: MYSQL_HOST and MYSQL_PORT (the local server), BACKUP_DIR
 * (a temp dir for the backups volume); added only what the pod has implicitly: TERMINATION_LOG (the
 * kubelet's /dev/termination-log) and PATH (the image's).
 */
final class ScriptJob {
    record Run(int exitCode, String output, String terminationMessage) {}

    /** The PATH of the images the Jobs run. */
    static final String IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path scripts;
    private final Path backups;
    private final Path termination;

    ScriptJob(Path workDir) {
        try {
            this.scripts = Files.createDirectories(workDir.resolve("scripts"));
            this.backups = Files.createDirectories(workDir.resolve("backups"));
            this.termination = workDir.resolve("termination-log");
            for (Map.Entry<String, String> script : BackupModel.scripts(FailDailies.of("ns", "fd")).getData().entrySet()) {
                Files.writeString(scripts.resolve(script.getKey()), script.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path backups() {
        return backups;
    }

    /** The container's command, with the scripts where the pod mounts them ({@code /scripts/}) here. */
    List<String> command(Container container) {
        List<String> command = new ArrayList<>();
        for (String arg : container.getCommand()) {
            command.add(arg.startsWith("/scripts/") ? scripts.resolve(arg.substring("/scripts/".length())).toString() : arg);
        }
        return command;
    }

    Run run(Container container, Secret secret, String host, int port) {
        return run(container, RenderedEnv.resolve(container.getEnv(), secret)
                .substitute("MYSQL_HOST", host)
                .substitute("MYSQL_PORT", String.valueOf(port)));
    }

    /** A container the operator gives no database address (a restore drill's): only BACKUP_DIR is substituted. */
    Run runWithoutServer(Container container) {
        return run(container, RenderedEnv.resolve(container.getEnv()));
    }

    private Run run(Container container, RenderedEnv rendered) {
        Map<String, String> env = rendered
                .substitute("BACKUP_DIR", backups.toString())
                .add("TERMINATION_LOG", termination.toString())
                .add("PATH", IMAGE_PATH)
                .toMap();
        List<String> command = command(container);
        try {
            Files.deleteIfExists(termination);
            LocalProcesses.Finished finished = LocalProcesses.runToEnd(command, null, env, Duration.ofMinutes(2),
                    command.toString());
            String message = Files.exists(termination) ? Files.readString(termination).strip() : "";
            return new Run(finished.exitCode(), finished.output(), message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
