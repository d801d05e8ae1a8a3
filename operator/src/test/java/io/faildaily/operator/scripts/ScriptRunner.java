package io.faildaily.operator.scripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.testing.FailDailies;

/**
 * Runs the backup and restore scripts exactly as the operator renders them (the data of the
 * backup-scripts ConfigMap) against a private MariaDB, with the environment the Jobs get, but for what
 * differs on one machine: the server's address and the backups directory.
 */
final class ScriptRunner {
    record Run(int exitCode, String output, String terminationMessage) {
    }

    private final Path scripts;
    private final Path backups;
    private final Path termination;

    ScriptRunner(Path workDir) throws IOException {
        this.scripts = Files.createDirectories(workDir.resolve("scripts"));
        this.backups = Files.createDirectories(workDir.resolve("backups"));
        this.termination = workDir.resolve("termination-log");
        Map<String, String> rendered = BackupModel.scripts(FailDailies.of("ns", "fd")).getData();
        for (Map.Entry<String, String> script : rendered.entrySet()) {
            Files.writeString(scripts.resolve(script.getKey()), script.getValue(), StandardCharsets.UTF_8);
        }
    }

    Path backups() {
        return backups;
    }

    Run backup(MariaDbServer db, String user, String password, String database, int retention) {
        return run("backup.sh", db, user, password, database, Map.of("BACKUP_RETENTION", String.valueOf(retention)));
    }

    Run restore(MariaDbServer db, String user, String password, String database, String file) {
        return restore(db, user, password, database, file, Map.of());
    }

    /** A restore with more environment ({@code PATH}, say, to put a stand-in client first). */
    Run restore(MariaDbServer db, String user, String password, String database, String file, Map<String, String> env) {
        Map<String, String> extra = new HashMap<>(env);
        extra.put("RESTORE_FILE", file);
        return run("restore.sh", db, user, password, database, extra);
    }

    private Run run(String script, MariaDbServer db, String user, String password, String database,
                    Map<String, String> extra) {
        try {
            Files.deleteIfExists(termination);
            ProcessBuilder pb = new ProcessBuilder(List.of("/bin/bash", scripts.resolve(script).toString()))
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.putAll(new HashMap<>(Map.of(
                    "MYSQL_HOST", db.host(),
                    "MYSQL_PORT", String.valueOf(db.port()),
                    "MYSQL_USER", user,
                    "MYSQL_PWD", password,
                    "MYSQL_DATABASE", database,
                    "BACKUP_DIR", backups.toString(),
                    "TERMINATION_LOG", termination.toString())));
            env.putAll(extra);
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish");
            }
            String message = Files.exists(termination) ? Files.readString(termination).strip() : "";
            return new Run(process.exitValue(), output, message);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
