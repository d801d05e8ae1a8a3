package io.faildaily.operator.cli;

/** The first line of a message from a library, for a terminal that gets one line per problem. */
final class OneLine {
    private OneLine() {}

    static String of(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
