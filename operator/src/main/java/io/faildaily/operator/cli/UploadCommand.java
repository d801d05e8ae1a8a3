package io.faildaily.operator.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.faildaily.operator.objectstore.BackupUpload;
import io.faildaily.operator.objectstore.ObjectStore;
import io.faildaily.operator.objectstore.StoreFailure;
import io.faildaily.operator.objectstore.StoreSettings;
import io.faildaily.operator.objectstore.StreamDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The upload container of a backup Job: the dump from the shared pipe into the store, then its manifest. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Streams the dump that backup.sh writes into $STREAM_DIR/dump.pipe to the object store as "
                + "a multipart upload, then writes its manifest and keeps the newest $BACKUP_RETENTION backups. "
                + "A failed dump aborts the upload: nothing of it appears. Exit 0 when the backup is complete, 1 otherwise."})
final class UploadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        StoreJob job = StoreJob.of(spec);
        JobReport report = job.report();
        StreamDir stream = job.stream();
        StoreFailure problem = job.problem();
        int retention = 0;
        try {
            retention = Integer.parseInt(job.env().getOrDefault("BACKUP_RETENTION", "7"));
        } catch (NumberFormatException e) {
            problem = new StoreFailure("BadSettings", "BACKUP_RETENTION='" + job.env().get("BACKUP_RETENTION")
                    + "' is not a number");
        }
        if (problem != null) {
            stream.write(StreamDir.UPLOAD_FAILED, problem.getMessage());
            return report.failed(problem);
        }
        StoreSettings settings = job.settings();
        try (ObjectStore store = ObjectStore.open(settings)) {
            BackupUpload.Result result = new BackupUpload(store, stream, job.env().getOrDefault("MYSQL_DATABASE", ""), retention,
                    Clock.systemUTC(), Duration.ofMinutes(10)).run();
            if (!result.deleted().isEmpty()) {
                spec.commandLine().getOut().println("retention: deleted " + String.join(", ", result.deleted()));
            }
            if (result.retentionProblem() != null) {
                spec.commandLine().getOut().println("retention: " + result.retentionProblem());
            }
            return report.succeeded("file=" + result.manifest().file() + " size=" + result.manifest().size()
                    + " sha256=" + result.manifest().sha256() + " location=" + settings.where());
        } catch (StoreFailure e) {
            return report.failed(e);
        } catch (BackupUpload.DumpFailed e) {
            return report.stopped("upload=aborted", e.getMessage());
        }
    }
}
