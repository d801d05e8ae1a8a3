package io.faildaily.backend.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The sample of a running original docker-compose installation (test resources {@code original-installation/},
 * see its README): the deploy script's backup, a plain mysqldump of database {@code faildaily} made by
 * MariaDB 10.11's mysqldump, and the backend's uploads folder. Read from the class path, so the operator's
 * tests find it in this module's test jar too.
 */
public final class OriginalInstallation {
    public static final String DUMP = "faildaily_backup_20261201_120000.sql";
    /** The password of the accounts the sample's README lists. */
    public static final String PASSWORD = "Motdepasse123!";
    private static final String ROOT = "/original-installation/";

    private OriginalInstallation() {}

    /** An account the sample's README lists, whose password is {@link #PASSWORD}. */
    public record Account(String email, String displayName) {}

    /** The accounts of the README's table ({@code | email | display name | birth date |}), in its order. */
    public static List<Account> accounts() {
        String readme;
        try (InputStream in = resource("README.md").openStream()) {
            readme = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Account> accounts = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\S+@\\S+) \\| ([^|]+?) \\|").matcher(readme);
        while (row.find()) {
            accounts.add(new Account(row.group(1), row.group(2)));
        }
        return accounts;
    }

    /** The dump's bytes, exactly as the deploy script wrote them. */
    public static byte[] dump() {
        try (InputStream in = resource(DUMP).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the dump to {@code file} and returns it. */
    public static Path writeDump(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, dump());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the uploads folder into {@code dir} as docker-compose's {@code ./data/uploads} holds it
     * ({@code fails/…}, {@code avatars/…}) and returns {@code dir}.
     */
    public static Path copyUploads(Path dir) {
        URI uri = toUri(resource("uploads"));
        if ("jar".equals(uri.getScheme())) {
            FileSystem jar;
            try {
                jar = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException notOpenYet) {
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            copyTree(jar.provider().getPath(uri), dir);
        } else {
            copyTree(Path.of(uri), dir);
        }
        return dir;
    }

    /** The uploaded files of the sample, relative to the uploads folder ({@code fails/fail-….png}, …), sorted. */
    public static List<String> uploadedFiles(Path uploadsCopy) {
        try (Stream<Path> files = Files.walk(uploadsCopy)) {
            return files.filter(Files::isRegularFile).map(f -> uploadsCopy.relativize(f).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads the dump into {@code database} (created if missing) the way a docker-compose user restores it:
     * the mysql client, as root, the file as it is.
     */
    public static void load(MariaDbServer server, String database) {
        server.createDatabase(database);
        try {
            Path file = Files.createTempFile("original-dump-", ".sql");
            try {
                writeDump(file);
                Process client = new ProcessBuilder("mysql", "--no-defaults", "--host=" + server.host(),
                        "--port=" + server.port(), "--user=" + server.user(), "--default-character-set=utf8mb4",
                        database)
                        .redirectInput(file.toFile()).redirectErrorStream(true).start();
                String output = new String(client.getInputStream().readAllBytes());
                if (!client.waitFor(2, TimeUnit.MINUTES) || client.exitValue() != 0) {
                    throw new IllegalStateException("mysql could not load " + DUMP + ": " + output);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> entries = Files.walk(from)) {
            for (Path source : entries.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL resource(String name) {
        URL url = OriginalInstallation.class.getResource(ROOT + name);
        if (url == null) {
            throw new IllegalStateException(ROOT + name + " is not on the class path (app-backend test resources)");
        }
        return url;
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
