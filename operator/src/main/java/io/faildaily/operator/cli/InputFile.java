package io.faildaily.operator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The text behind {@code -f FILE} (or {@code -f -} for standard input), refused with a plain reason when it
 * cannot be a FailDaily file: missing, a directory, unreadable, too large, binary or not UTF-8.
 */
final class InputFile {
    /**
     * Far above any FailDaily (a few KB) and below what the API server accepts for one object (1.5 MiB), so
     * a file this large was given by mistake. Checked before parsing: SnakeYAML's own limit would surface as
     * "not valid YAML".
     */
    static final int MAX_BYTES = 1024 * 1024;

    private InputFile() {}

    static String read(String file, InputStream stdin) throws CliError {
        return "-".equals(file) ? text(bounded(stdin, "standard input")) : text(fromPath(Path.of(file)));
    }

    private static byte[] fromPath(Path path) throws CliError {
        if (Files.isDirectory(path)) {
            throw new CliError("is a directory; -f takes one FailDaily file");
        }
        if (!Files.exists(path)) {
            throw new CliError("cannot read: no such file");
        }
        try {
            // Special files (/dev/stdin, a named pipe) have no size worth checking: read them bounded.
            if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
                throw tooLarge(Files.size(path) + " bytes");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return bounded(in, path.toString());
            }
        } catch (AccessDeniedException e) {
            throw new CliError("cannot read: permission denied");
        } catch (NoSuchFileException e) {
            throw new CliError("cannot read: no such file");
        } catch (IOException e) {
            throw new CliError("cannot read: " + OneLine.of(e.getMessage()));
        }
    }

    private static byte[] bounded(InputStream in, String what) throws CliError {
        try {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge("more than " + MAX_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new CliError("cannot read " + what + ": " + OneLine.of(e.getMessage()));
        }
    }

    private static CliError tooLarge(String size) {
        return new CliError("too large: " + size + "; a FailDaily file is at most " + MAX_BYTES
                + " bytes (1 MiB)");
    }

    /** UTF-8 text without a byte order mark; binary data and other encodings are refused by name. */
    private static String text(byte[] bytes) throws CliError {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw new CliError("UTF-16 text; save the file as UTF-8");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new CliError("not a text file: binary data (a NUL byte at offset " + i + ")");
            }
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            CharBuffer chars = utf8.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new CliError("not UTF-8 text (an invalid byte near offset " + in.position() + ")");
        }
    }
}
