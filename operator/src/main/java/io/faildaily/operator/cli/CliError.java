package io.faildaily.operator.cli;

/**
 * Something the user can fix (a bad file, an unreachable cluster, a port in use), with a message fit for one
 * line on a terminal. The command prints it after "error: " and exits 1: never a stack trace.
 */
final class CliError extends Exception {
    CliError(String message) {
        super(message);
    }
}
