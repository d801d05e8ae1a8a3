package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * No claim that only one node can use (ReadWriteOnce, ReadWriteOncePod) is ever mounted from two nodes:
 * not by two workloads, not by two pods of one workload, not by the new pod of a rolling update while
 * the old one runs. Checked on every pod template of the topology of {@code spec: {}}, of every example,
 * of a scaled spec and of one with every Job: each claim a pod template mounts is looked up among the
 * rendered claims for its access modes, and the workloads that mount it are counted. A single-node claim
 * may be mounted by one workload that runs one pod at a time and replaces it only once it is gone
 * (a Deployment of at most one replica rolling with Recreate, a one-replica StatefulSet, a CronJob that
 * forbids overlap, a Job of one pod); ReadWriteOnce by several such batch workloads only if each is held
 * on the node of the others by required pod affinity. Ephemeral volumes and claim templates are a claim
 * per pod: nothing to share.
 */
class SingleNodeClaimsTest {
    static Stream<Arguments> specs() throws IOException {
        List<Arguments> specs = new ArrayList<>();
        specs.add(Arguments.of("spec: {}", FailDailies.of("shop", "fd")));
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("faildaily.repoRoot", ".."), "examples"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                specs.add(Arguments.of(file.getFileName().toString(), Serialization.unmarshal(Files.readString(file), FailDaily.class)));
            }
        }
        specs.add(Arguments.of("backend 3, frontend 2", scaled()));
        specs.add(Arguments.of("a backup now and a restore besides the schedule", everyJob()));
        return specs.stream();
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void noSingleNodeClaimIsUsedFromTwoNodes(String name, FailDaily fd) {
        List<HasMetadata> objects = Topology.of(fd, RandomStrings.secure());
        Map<String, List<String>> uses = new ClaimUse(objects).problems();
        assertThat(uses).as(name).isEmpty();
    }

    /** The parameters are what they claim to be: every example, several pods of each tier. (Guards the test.) */
    @Test
    void theSpecsAreEveryExampleAndSeveralPodsOfEachTier() throws IOException {
        assertThat(specs().map(a -> a.get()[0].toString())).contains("faildaily-minimal.yaml",
                "faildaily-production.yaml", "faildaily-external-database.yaml", "faildaily-ingress.yaml");
        List<HasMetadata> objects = Topology.of(scaled(), RandomStrings.secure());
        assertThat(objects).filteredOn(o -> o instanceof Deployment).extracting(o -> ((Deployment) o).getSpec().getReplicas())
                .containsExactlyInAnyOrder(3, 2);
    }

    /** The check finds what the seed did (guards the test: it must not pass on anything). */
    @Test
    void theCheckFindsWhatTheSeedDid() {
        // nginx on the backend's logs claim, rolling: two workloads on one ReadWriteOnce claim.
        List<HasMetadata> objects = new ArrayList<>(Topology.of(FailDailies.of("shop", "fd"), RandomStrings.secure()));
        Deployment frontend = objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals("fd-frontend"))
                .map(Deployment.class::cast).findFirst().orElseThrow();
        Deployment onLogs = new DeploymentBuilder(frontend).editSpec().withReplicas(2).editTemplate().editSpec()
                .addNewVolume().withName("app-logs").withNewPersistentVolumeClaim().withClaimName("fd-logs")
                .endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build();
        objects.set(objects.indexOf(frontend), onLogs);
        assertThat(new ClaimUse(objects).problems()).containsOnlyKeys("fd-logs");
        assertThat(new ClaimUse(objects).problems().get("fd-logs")).anySatisfy(p -> assertThat(p).contains("2 workloads"));
    }

    /** Guards the test, as above. */
    @Test
    void theCheckFindsARollingUpdateAndAClaimThatIsNotRendered() {
        List<HasMetadata> objects = new ArrayList<>(Topology.of(FailDailies.of("shop", "fd"), RandomStrings.secure()));
        Deployment backend = objects.stream().filter(o -> o instanceof Deployment && o.getMetadata().getName().equals("fd-backend"))
                .map(Deployment.class::cast).findFirst().orElseThrow();
        Deployment rolling = new DeploymentBuilder(backend).editSpec().withNewStrategy().withType("RollingUpdate")
                .endStrategy().editTemplate().editSpec().addNewVolume().withName("x").withNewPersistentVolumeClaim()
                .withClaimName("fd-nowhere").endPersistentVolumeClaim().endVolume().endSpec().endTemplate().endSpec().build();
        objects.set(objects.indexOf(backend), rolling);
        Map<String, List<String>> problems = new ClaimUse(objects).problems();
        assertThat(problems.get("fd-uploads")).anySatisfy(p -> assertThat(p).contains("RollingUpdate"));
        assertThat(problems.get("fd-nowhere")).anySatisfy(p -> assertThat(p).contains("not rendered"));
    }

    private static FailDaily scaled() {
        FailDaily fd = FailDailies.of("shop", "fd");
        fd.getSpec().getBackend().setReplicas(3);
        fd.getSpec().getBackend().setUploads(readWriteMany());
        fd.getSpec().setLogs(readWriteMany());
        fd.getSpec().getFrontend().setReplicas(2);
        return fd;
    }

    private static FailDaily everyJob() {
        FailDaily fd = FailDailies.of("shop", "fd");
        fd.getMetadata().setAnnotations(Map.of(BackupModel.BACKUP_NOW_ANNOTATION, "t1"));
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom("faildaily_backup_20261124_030000.sql.gz");
        fd.getSpec().setRestore(restore);
        return fd;
    }

    private static VolumeSpec readWriteMany() {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        return volume;
    }

    /** Which workloads mount which claims, and what is wrong with that, claim by claim. */
    static final class ClaimUse {
        private final Map<String, List<String>> modes = new LinkedHashMap<>();
        private final Map<String, List<Workload>> mountedBy = new LinkedHashMap<>();

        ClaimUse(List<HasMetadata> objects) {
            for (HasMetadata o : objects) {
                if (o instanceof PersistentVolumeClaim claim) {
                    modes.put(claim.getMetadata().getName(), claim.getSpec().getAccessModes());
                }
            }
            for (HasMetadata o : objects) {
                Workload workload = Workload.of(o);
                if (workload == null) {
                    continue;
                }
                for (Volume volume : workload.pod().getSpec().getVolumes()) {
                    if (volume.getPersistentVolumeClaim() != null) {
                        mountedBy.computeIfAbsent(volume.getPersistentVolumeClaim().getClaimName(), k -> new ArrayList<>())
                                .add(workload);
                    }
                }
            }
        }

        Map<String, List<String>> problems() {
            Map<String, List<String>> problems = new LinkedHashMap<>();
            mountedBy.forEach((claim, users) -> {
                List<String> found = new ArrayList<>();
                List<String> accessModes = modes.get(claim);
                if (accessModes == null) {
                    found.add("mounted by " + users + " but not rendered");
                } else if (!accessModes.contains("ReadWriteMany")) {
                    check(accessModes, users, found);
                }
                if (!found.isEmpty()) {
                    problems.put(claim, found);
                }
            });
            return problems;
        }

        private static void check(List<String> accessModes, List<Workload> users, List<String> found) {
            for (Workload user : users) {
                if (user.podsAtOnce() > 1) {
                    found.add(user + " runs " + user.podsAtOnce() + " pods on it at once (" + accessModes + ")");
                }
                if (!user.replacesOnlyWhenGone()) {
                    found.add(user + " starts a new pod before the old one is gone (" + user.strategy() + ")");
                }
            }
            if (users.size() > 1) {
                boolean batchOnOneNode = accessModes.equals(List.of("ReadWriteOnce"))
                        && users.stream().allMatch(u -> u.batch() && u.heldOnTheNodeOf(users));
                if (!batchOnOneNode) {
                    found.add(users.size() + " workloads mount it (" + users + "), not held on one node");
                }
            }
        }
    }

    /** A pod template and what its owner does with it. */
    record Workload(String name, PodTemplateSpec pod, int podsAtOnce, String strategy, boolean batch) {
        static Workload of(HasMetadata o) {
            String name = o.getKind() + "/" + o.getMetadata().getName();
            if (o instanceof Deployment d) {
                return new Workload(name, d.getSpec().getTemplate(), d.getSpec().getReplicas(),
                        d.getSpec().getStrategy().getType(), false);
            }
            if (o instanceof StatefulSet s) {
                // A StatefulSet deletes a pod before it makes its replacement.
                return new Workload(name, s.getSpec().getTemplate(), s.getSpec().getReplicas(), "StatefulSet", false);
            }
            if (o instanceof CronJob c) {
                var job = c.getSpec().getJobTemplate().getSpec();
                int pods = "Forbid".equals(c.getSpec().getConcurrencyPolicy()) ? parallelism(job.getParallelism()) : 2;
                return new Workload(name, job.getTemplate(), pods, "Job", true);
            }
            if (o instanceof Job j) {
                return new Workload(name, j.getSpec().getTemplate(), parallelism(j.getSpec().getParallelism()), "Job", true);
            }
            return null;
        }

        private static int parallelism(Integer parallelism) {
            return parallelism == null ? 1 : parallelism;
        }

        boolean replacesOnlyWhenGone() {
            return List.of("Recreate", "StatefulSet", "Job").contains(strategy);
        }

        /** Required pod affinity on the node (hostname) to pods that every one of {@code others} has. */
        boolean heldOnTheNodeOf(List<Workload> others) {
            var affinity = pod.getSpec().getAffinity();
            if (affinity == null || affinity.getPodAffinity() == null) {
                return false;
            }
            List<PodAffinityTerm> terms = affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
            return terms != null && terms.stream().anyMatch(term -> "kubernetes.io/hostname".equals(term.getTopologyKey())
                    && term.getLabelSelector() != null && term.getLabelSelector().getMatchLabels() != null
                    && others.stream().allMatch(other -> other.pod().getMetadata().getLabels()
                    .entrySet().containsAll(term.getLabelSelector().getMatchLabels().entrySet())));
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
