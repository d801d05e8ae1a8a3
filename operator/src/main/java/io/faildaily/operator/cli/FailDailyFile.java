package io.faildaily.operator.cli;

import java.nio.file.Path;

import io.faildaily.operator.api.FailDaily;

/**
 * One FailDaily file read and checked as {@code render -f FILE} reads it, for programs outside the command line
 * (the local stack of scripts/local-stack.sh): a problem is an IllegalArgumentException with render's message.
 */
public final class FailDailyFile {
    private FailDailyFile() {}

    public static FailDaily read(Path file) {
        try {
            return new FailDailyReader().read(InputFile.read(file.toString(), System.in));
        } catch (CliError e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }
}
