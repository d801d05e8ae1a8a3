package io.faildaily.operator.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import io.faildaily.operator.objectstore.BackupDownload;
import io.faildaily.operator.objectstore.Manifest;
import io.faildaily.operator.objectstore.ObjectStore;
import io.faildaily.operator.objectstore.StoreFailure;
import io.faildaily.operator.objectstore.StoreSettings;
import io.faildaily.operator.objectstore.StreamDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The download container of a restore Job: verifies the backup $RESTORE_FILE, then streams it to restore.sh. In a
 * restore drill's Job ({@code --newest}): the newest complete backup, with its manifest's row counts for verify.sh.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Checks the backup $RESTORE_FILE against its manifest (size and SHA-256, read end to end), "
                + "says so in $STREAM_DIR/verified, then streams it into $STREAM_DIR/dump.pipe for restore.sh. "
                + "Exit 0 when the whole backup was handed over, 1 otherwise."})
final class DownloadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--newest", description = "A restore drill (verify.sh): the newest complete backup "
            + "instead of $RESTORE_FILE; its manifest's row counts go to $STREAM_DIR/counts and its name to "
            + "$STREAM_DIR/backup before it is said ok.")
    boolean newest;

    @Override
    public Integer call() throws InterruptedException {
        StoreJob job = StoreJob.of(spec);
        JobReport report = job.report();
        StreamDir stream = job.stream();
        if (job.problem() != null) {
            stream.write(StreamDir.VERIFIED, "error=" + job.problem().getMessage());
            return report.failed(job.problem());
        }
        StoreSettings settings = job.settings();
        String name = job.env().getOrDefault("RESTORE_FILE", "");
        try (ObjectStore store = ObjectStore.open(settings)) {
            if (newest) {
                try {
                    name = BackupDownload.newest(store);
                } catch (StoreFailure e) {
                    stream.write(StreamDir.VERIFIED, "error=" + e.getMessage());
                    throw e;
                }
            }
            Manifest manifest = new BackupDownload(store, stream, Duration.ofMinutes(10)).run(name, verified -> {
                if (newest) {
                    stream.write(StreamDir.COUNTS, BackupDownload.counts(verified));
                    stream.write(StreamDir.BACKUP, verified.file());
                }
            });
            return report.succeeded("downloaded=" + manifest.file() + " size=" + manifest.size() + " sha256="
                    + manifest.sha256());
        } catch (StoreFailure e) {
            return newest ? report.failedDrill(e, name) : report.failed(e);
        } catch (BackupDownload.RestoreStopped e) {
            return report.stopped("download=stopped", e.getMessage());
        }
    }
}
