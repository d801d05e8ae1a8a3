package io.faildaily.operator.cli;

import java.nio.file.Path;
import java.util.Map;

import io.faildaily.operator.objectstore.StoreFailure;
import io.faildaily.operator.objectstore.StoreSettings;
import io.faildaily.operator.objectstore.StreamDir;
import picocli.CommandLine;

/**
 * What the upload and download commands start from: their environment, how they report, the directory they
 * share with the database container, and the store's settings, or why those cannot be read.
 */
record StoreJob(Map<String, String> env, JobReport report, StreamDir stream, StoreSettings settings, StoreFailure problem) {
    static StoreJob of(CommandLine.Model.CommandSpec spec) {
        Map<String, String> env = System.getenv();
        JobReport report = new JobReport(env, spec.commandLine().getOut());
        StreamDir stream = new StreamDir(Path.of(env.getOrDefault("STREAM_DIR", "/stream")));
        try {
            return new StoreJob(env, report, stream, StoreSettings.fromEnvironment(env), null);
        } catch (IllegalArgumentException e) {
            return new StoreJob(env, report, stream, null, new StoreFailure("BadSettings", e.getMessage()));
        }
    }
}
