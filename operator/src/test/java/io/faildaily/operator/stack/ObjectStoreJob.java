package io.faildaily.operator.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.operator.cli.Main;
import io.faildaily.operator.model.BackupModel;

/**
 * Runs the two containers of an object-store backup or restore Job pod the operator renders, as local
 * processes at the same time, as the kubelet starts them: the database image's container (its script from the
 * rendered ConfigMap, at the path the pod mounts it, as {@link ScriptJob} runs it) and the operator image's
 * container (its rendered java command; the test class path stands in for the jar, built only after the
 * tests). One fresh directory per run stands in for the pod's stream emptyDir. Each container's environment
 * is the rendered one with its secretKeyRefs resolved against the given Secrets; substituted only: MYSQL_HOST
 * and MYSQL_PORT (the local server), BACKUP_DIR (a temp dir for the backups volume), STREAM_DIR (the run's
 * directory); added only what a pod has implicitly: TERMINATION_LOG (the kubelet's /dev/termination-log,
 * one per container) and PATH (the image's).
 */
final class ObjectStoreJob {
    record Outcome(int exitCode, String output, String terminationMessage) {}

    record Run(Outcome database, Outcome store, Path streamDir) {
        @Override
        public String toString() {
            return "database container (exit " + database.exitCode() + "):\n" + database.output()
                    + "\nobject-store container (exit " + store.exitCode() + "):\n" + store.output();
        }
    }

    private final Path work;
    private final ScriptJob scripts;
    private int runs;

    ObjectStoreJob(Path workDir) {
        this.work = workDir;
        this.scripts = new ScriptJob(workDir);
    }

    Path backups() {
        return scripts.backups();
    }

    /** {@code host} null: a pod the operator gives no database address (a restore drill's), nothing substituted for it. */
    Run run(PodSpec pod, String host, int port, Secret... secrets) {
        List<Container> containers = pod.getContainers();
        if (containers.size() != 2) {
            throw new IllegalStateException("an object-store Job pod has two containers, not " + containers.size());
        }
        try {
            Path run = Files.createDirectories(work.resolve("run-" + (++runs)));
            Path stream = Files.createDirectories(run.resolve("stream"));
            // A thread each: the two wait on each other, as the containers of one pod do.
            ExecutorService kubelet = Executors.newFixedThreadPool(2);
            try {
                CompletableFuture<Outcome> store = CompletableFuture.supplyAsync(() ->
                        storeContainer(containers.get(1), stream, run.resolve("store-termination-log"), secrets), kubelet);
                CompletableFuture<Outcome> database = CompletableFuture.supplyAsync(() ->
                        databaseContainer(containers.get(0), stream, run.resolve("database-termination-log"), host, port,
                                secrets), kubelet);
                return new Run(database.join(), store.join(), stream);
            } finally {
                kubelet.shutdownNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Outcome databaseContainer(Container container, Path stream, Path termination, String host, int port,
                                      Secret... secrets) {
        RenderedEnv env = RenderedEnv.resolve(container.getEnv(), secrets);
        if (host != null) {
            env.substitute("MYSQL_HOST", host).substitute("MYSQL_PORT", String.valueOf(port));
        }
        env.substitute("BACKUP_DIR", backups().toString())
                .substitute("STREAM_DIR", stream.toString())
                .add("TERMINATION_LOG", termination.toString())
                .add("PATH", ScriptJob.IMAGE_PATH);
        return finish(scripts.command(container), env, termination);
    }

    private Outcome storeContainer(Container container, Path stream, Path termination, Secret... secrets) {
        RenderedEnv env = RenderedEnv.resolve(container.getEnv(), secrets)
                .substitute("STREAM_DIR", stream.toString())
                .add("TERMINATION_LOG", termination.toString())
                .add("PATH", ScriptJob.IMAGE_PATH);
        List<String> rendered = container.getCommand();
        if (!"java".equals(rendered.get(0))) {
            throw new IllegalStateException("the object-store container runs java, not " + rendered);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (int i = 1; i < rendered.size(); i++) {
            if ("-jar".equals(rendered.get(i)) && BackupModel.OPERATOR_JAR.equals(rendered.get(i + 1))) {
                command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")), Main.class.getName()));
                i++;
            } else {
                command.add(rendered.get(i));
            }
        }
        return finish(command, env, termination);
    }

    private static Outcome finish(List<String> command, RenderedEnv env, Path termination) {
        LocalProcesses.Finished finished = LocalProcesses.runToEnd(command, null, env.toMap(), Duration.ofMinutes(3),
                command.toString());
        try {
            String message = Files.exists(termination) ? Files.readString(termination).strip() : "";
            return new Outcome(finished.exitCode(), finished.output(), message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
