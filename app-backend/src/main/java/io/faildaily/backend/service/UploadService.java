package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;

import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stores uploaded images under UPLOAD_DIR/{fails,avatars}/ with names the server makes up, and finds them
 * again for GET /uploads/…: a requested name must match the server's own naming pattern, so "..", slashes,
 * encoded separators or absolute paths can never reach the file system.
 */
public final class UploadService {
    public static final long MAX_IMAGE_BYTES = 5L * 1024 * 1024;
    public static final long MAX_AVATAR_BYTES = 2L * 1024 * 1024;
    /**
     * The names of stored files: this service's ({@code <kind>-<user id>-<16 hex>.<ext>}) and the original
     * backend's ({@code <kind>-<user id>-<ms>-<random>.<ext as uploaded>}), which a migrated installation's
     * database refers to and its uploads volume holds.
     */
    private static final Pattern STORED_NAME = Pattern.compile(
            "^(fail|avatar)-[0-9a-f-]{36}-([0-9a-f]{16}|[0-9]{1,20}-[0-9]{1,20})\\.(?i:jpe?g|png|gif|webp)$");

    public enum Kind {
        IMAGE("fails", "fail", MAX_IMAGE_BYTES),
        AVATAR("avatars", "avatar", MAX_AVATAR_BYTES);

        final String directory;
        final String prefix;
        final long maxBytes;

        Kind(String directory, String prefix, long maxBytes) {
            this.directory = directory;
            this.prefix = prefix;
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    public record Stored(String url, String filename, long size, String mimeType) {}

    private final Path root;
    private final Jdbc jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public UploadService(Path root, Jdbc jdbc, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Stored store(Kind kind, String userId, long size, InputStream content) {
        if (size > kind.maxBytes) {
            throw tooLarge(kind);
        }
        try {
            byte[] head = content.readNBytes(16);
            ImageType type = ImageType.sniff(head).orElseThrow(() ->
                    badRequest("INVALID_FILE_TYPE", "Format de fichier non autorisé (JPEG, PNG, GIF ou WebP)"));
            byte[] token = new byte[8];
            random.nextBytes(token);
            String name = kind.prefix + "-" + userId + "-" + HexFormat.of().formatHex(token) + "." + type.extension();
            Path dir = Files.createDirectories(root.resolve(kind.directory));
            Path tmp = Files.createTempFile(dir, ".upload-", ".part");
            try (InputStream all = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head), content)) {
                long written = Files.copy(all, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (written > kind.maxBytes) {
                    throw tooLarge(kind);
                }
                Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                String url = "/uploads/" + kind.directory + "/" + name;
                if (kind == Kind.AVATAR) {
                    jdbc.read(c -> Jdbc.update(c, "UPDATE profiles SET avatar_url = ?, updated_at = ? WHERE user_id = ?",
                            url, Times.now(clock), userId));
                }
                return new Stored(url, name, written, type.mimeType());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored file for {@code directory/name}, if the pair is one this service could have written. */
    public Optional<Path> find(String directory, String name) {
        if (!("fails".equals(directory) || "avatars".equals(directory)) || name == null
                || !STORED_NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(directory).resolve(name).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    public static ApiException tooLarge(Kind kind) {
        return badRequest("FILE_TOO_LARGE", "Fichier trop volumineux (max " + kind.maxBytes / (1024 * 1024) + "MB)");
    }
}
