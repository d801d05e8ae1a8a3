package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.DatabaseModel;

/** The database's rendered option file (the ConfigMap key faildaily.cnf), as a file a local mariadbd reads. */
final class RenderedMyCnf {
    private RenderedMyCnf() {}

    /** The file as the operator renders it for {@code fd}. */
    static String of(FailDaily fd) {
        return DatabaseModel.configData(fd).get(DatabaseModel.CONFIG_FILE);
    }

    /** {@code text} written to {@code dir}/faildaily.cnf. */
    static Path write(String text, Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve(DatabaseModel.CONFIG_FILE), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A private MariaDB whose only option file is the rendered one for {@code fd}; the caller closes it. */
    static MariaDbServer start(FailDaily fd, Path dir) {
        return MariaDbServer.startWithDefaultsFile(write(of(fd), dir));
    }

    /** The same, on the data directory {@code dataDir} (the caller owns it). */
    static MariaDbServer start(FailDaily fd, Path dir, Path dataDir) {
        return MariaDbServer.start(dataDir, write(of(fd), dir));
    }
}
