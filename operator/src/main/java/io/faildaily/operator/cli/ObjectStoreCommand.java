package io.faildaily.operator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faildaily-operator object-store upload | download}: the object-store side of backup and restore Jobs. */
@Command(name = "object-store", mixinStandardHelpOptions = true,
        description = {"The object-store container of a backup or restore Job (spec.backup.objectStore); not for "
                + "interactive use. Settings come from the environment the operator renders: OBJECT_STORE_ENDPOINT, "
                + "OBJECT_STORE_BUCKET, OBJECT_STORE_PREFIX, OBJECT_STORE_REGION, OBJECT_STORE_PATH_STYLE, "
                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (from the credentials Secret), STREAM_DIR (the "
                + "directory shared with the database container), TERMINATION_LOG (/dev/termination-log)."},
        subcommands = {UploadCommand.class, DownloadCommand.class})
final class ObjectStoreCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
