package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * A ConfigMap made from a folder and mounted as a pod gets it, on one machine:
 * <ul>
 *   <li>made as {@code kubectl create configmap NAME --from-file=DIR} makes it: one key per regular file of the
 *       folder whose name is a valid key ({@code [-._a-zA-Z0-9]+}), sub-folders not followed;</li>
 *   <li>mounted as the kubelet lays a ConfigMap volume out: the files, mode 0644 (defaultMode 420), in a
 *       hidden timestamped folder, {@code ..data} a link to it, and each key a link {@code ..data/KEY}.</li>
 * </ul>
 * So what reads the mount sees the hidden entries and the links it would see in the pod.
 */
final class ConfigMapVolume {
    private static final String KEY = "[-._a-zA-Z0-9]+";
    /** ConfigMaps hold at most 1 MiB of data, an API server limit (the object's size, in etcd). */
    static final long MAX_BYTES = 1024 * 1024;

    private ConfigMapVolume() {}

    /** The keys {@code kubectl create configmap --from-file=folder} would make, sorted. */
    static List<String> keys(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder (kubectl create configmap --from-file=DIR)");
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(name -> name.matches(KEY) && !name.equals(".") && !name.equals("..")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mounts the ConfigMap made from {@code folder} at {@code mount} (created; it must not exist). */
    static Path mount(Path folder, Path mount) {
        List<String> keys = keys(folder);
        try {
            long size = 0;
            for (String key : keys) {
                size += Files.size(folder.resolve(key));
            }
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException(folder + " holds " + size + " bytes, more than a ConfigMap may ("
                        + MAX_BYTES + "): compress the SQL files (.sql.gz)");
            }
            Files.createDirectories(mount);
            Path data = Files.createDirectory(mount.resolve("..2026_01_01_00_00_00.000000001"));
            for (String key : keys) {
                Path file = Files.copy(folder.resolve(key), data.resolve(key));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
            }
            Files.createSymbolicLink(mount.resolve("..data"), data.getFileName());
            return mount;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
