package io.faildaily.operator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.faildaily.operator.objectstore.StoreFailure;

/**
 * How a Job's container reports its end: key=value pairs in the termination message, which the operator
 * reads back into the FailDaily's status (the same format as the scripts' report in common.sh), and on stdout
 * for kubectl logs.
 */
final class JobReport {
    private final Path terminationLog;
    private final PrintWriter out;

    JobReport(Map<String, String> env, PrintWriter out) {
        this.terminationLog = Path.of(env.getOrDefault("TERMINATION_LOG", "/dev/termination-log"));
        this.out = out;
    }

    int succeeded(String pairs) {
        return report(pairs, 0);
    }

    /** The store's failure: its one-line message, and its error code on a line of its own. */
    int failed(StoreFailure failure) {
        return report("error=" + OneLine.of(failure.getMessage()) + "\ncode=" + failure.code(), 1);
    }

    /**
     * A restore drill's failure in the store: the store's failure, and the drill's reason (as verify.sh reports
     * its own): no backup at all, one that is missing, truncated or altered, or the store's error code.
     */
    int failedDrill(StoreFailure failure, String backup) {
        String reason = switch (failure.code()) {
            case "NoBackup" -> "NoBackup";
            case "NoSuchBackup", "Corrupt", "ReadFailed", "BadManifest", "Changed" -> "BackupUnreadable";
            default -> failure.code();
        };
        return report("error=" + OneLine.of(failure.getMessage()) + "\ncode=" + failure.code() + "\nreason=" + reason
                + (backup == null || backup.isEmpty() ? "" : " backup=" + backup), 1);
    }

    /** A failure another container of the pod reports (this one only stopped because of it). */
    int stopped(String pairs, String why) {
        out.println(why);
        return report(pairs, 1);
    }

    int report(String text, int exitCode) {
        out.println(text);
        out.flush();
        try {
            if (Files.isWritable(terminationLog) || (!Files.exists(terminationLog) && terminationLog.getParent() != null
                    && Files.isWritable(terminationLog.getParent()))) {
                Files.writeString(terminationLog, text + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            out.println("(could not write " + terminationLog + ": " + e.getMessage() + ")");
            out.flush();
        }
        return exitCode;
    }
}
