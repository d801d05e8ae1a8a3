package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.model.DatabaseModel;

/**
 * What the mysql image's entrypoint does each time the database container starts, on one machine, from what
 * the operator renders for the container: its environment (resolved against the credentials Secret) and the
 * ConfigMap it mounts at {@code /docker-entrypoint-initdb.d}, mounted as the kubelet does
 * ({@link ConfigMapVolume}). A data directory that held no database before the server started (no
 * {@code mysql/} system schema: the image's own test) is initialised: MYSQL_DATABASE, MYSQL_USER and root's
 * password ({@link Stack#prepareAsTheMysqlImage}), then every entry of the init folder that is not hidden, in
 * name order, as the image treats it: {@code .sh} run by bash with {@code -e -o pipefail} (the image sources
 * it in its own {@code set -eo pipefail} shell), {@code .sql} and {@code .sql.gz} fed to the mysql client as
 * root with {@code --database=$MYSQL_DATABASE}, anything else ignored; the first that fails stops the start.
 * An initialised data directory is started as it is: nothing runs. Where the image reaches the server over its
 * socket, here the client is pointed at the private server's port: the {@code .sh} files get MYSQL_HOST and
 * MYSQL_TCP_PORT besides the container's environment, and a PATH.
 */
final class MysqlImage {
    /** One start: whether it initialised the data directory, the init files it ran and those it ignored. */
    record Start(boolean initialised, List<String> ran, List<String> ignored) {}

    private MysqlImage() {}

    /** The image's test for a database already there, made before it starts anything. */
    static boolean initialised(Path dataDir) {
        return Files.isDirectory(dataDir.resolve("mysql"));
    }

    /**
     * The start of the container of {@code rendered} on {@code server}, whose data directory held a database
     * before the server started when {@code initialisedBefore}. {@code configMaps}: the folders ConfigMaps are
     * made from, by name; {@code work}: where the init folder is mounted.
     */
    static Start start(MariaDbServer server, boolean initialisedBefore, StatefulSet rendered, Secret secret,
                       Map<String, Path> configMaps, Path work) {
        if (initialisedBefore) {
            return new Start(false, List.of(), List.of());
        }
        Container mysql = container(rendered);
        Path initDir = initFolder(rendered, mysql, configMaps, work);
        Stack.prepareAsTheMysqlImage(server, secret);
        RenderedEnv env = RenderedEnv.resolve(mysql.getEnv(), secret);
        List<String> ran = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Path file : entries(initDir)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".sh")) {
                run(List.of("/bin/bash", "-e", "-o", "pipefail", file.toString()), null, shellEnv(env, server), name);
            } else if (name.endsWith(".sql")) {
                sql(server, env, file, name);
            } else if (name.endsWith(".sql.gz")) {
                sql(server, env, gunzip(file, work), name);
            } else if (name.matches(".*\\.sql\\.(bz2|xz|zst)$")) {
                throw new UnsupportedOperationException(name + ": the image runs it, but this local stand-in only "
                        + "runs .sh, .sql and .sql.gz files");
            } else {
                ignored.add(name);
                continue;
            }
            ran.add(name);
        }
        return new Start(true, List.copyOf(ran), List.copyOf(ignored));
    }

    private static Container container(StatefulSet rendered) {
        return rendered.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> DatabaseModel.CONTAINER.equals(c.getName())).findFirst().orElseThrow();
    }

    /** The init folder as the pod has it, or null when the rendered container mounts none. */
    private static Path initFolder(StatefulSet rendered, Container mysql, Map<String, Path> configMaps, Path work) {
        VolumeMount mount = mysql.getVolumeMounts().stream()
                .filter(m -> DatabaseSpec.INIT_SCRIPTS_PATH.equals(m.getMountPath())).findFirst().orElse(null);
        if (mount == null) {
            return null;
        }
        Volume volume = rendered.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        String name = volume.getConfigMap().getName();
        Path folder = configMaps.get(name);
        if (folder == null) {
            // What the kubelet says, and the pod stays in ContainerCreating.
            throw new IllegalStateException("the database pod does not start: configmap \"" + name + "\" not found "
                    + "(spec.database.initScripts; give its folder)");
        }
        Path mounted = work.resolve("docker-entrypoint-initdb.d");
        LocalProcesses.deleteRecursively(mounted);
        return ConfigMapVolume.mount(folder, mounted);
    }

    /** What the image's glob {@code /docker-entrypoint-initdb.d/*} yields: no hidden entry, in name order. */
    private static List<Path> entries(Path initDir) {
        if (initDir == null) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(initDir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> shellEnv(RenderedEnv env, MariaDbServer server) {
        Map<String, String> values = env.toMap();
        values.put("MYSQL_HOST", server.host());
        values.put("MYSQL_TCP_PORT", String.valueOf(server.port()));
        values.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        return values;
    }

    private static void sql(MariaDbServer server, RenderedEnv env, Path input, String name) {
        Map<String, String> clientEnv = Map.of("MYSQL_PWD", env.get("MYSQL_ROOT_PASSWORD"),
                "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        run(List.of("mysql", "--protocol=TCP", "--host=" + server.host(), "--port=" + server.port(), "--user=root",
                "--comments", "--database=" + env.get("MYSQL_DATABASE")), input, clientEnv, name);
    }

    private static Path gunzip(Path file, Path work) {
        Path out = work.resolve("gunzipped-" + file.getFileName());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Files.copy(in, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(file.getFileName() + " is not gzip (gunzip -c fails in the image too)", e);
        }
    }

    private static void run(List<String> command, Path input, Map<String, String> env, String name) {
        LocalProcesses.Finished finished = LocalProcesses.runToEnd(command, input, env, Duration.ofMinutes(5), name);
        if (finished.exitCode() != 0) {
            throw new IllegalStateException(name + " failed (exit " + finished.exitCode() + "); the image stops "
                    + "its first start there:\n" + finished.output());
        }
    }
}
