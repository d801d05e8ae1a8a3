package io.faildaily.operator.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.faildaily.operator.testing.EveryObject;
import io.faildaily.operator.testing.EveryPlacementField;
import io.faildaily.operator.testing.PodTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pod template the operator renders meets the Pod Security Standard "restricted", checked rule by
 * rule as the standard states them (Kubernetes documentation, "Pod Security Standards": the Baseline
 * controls plus the Restricted ones), and the house rules on top: no service account token, read-only
 * root file system.
 */
class RestrictedPodSecurityTest {
    /** Restricted: "Volume Types" — only these. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    /**
     * Every pod template of a FailDaily with every optional part, of one that also sets every placement and
     * pod-shape field of every component ("placed"), and the backup and restore pods of a FailDaily backing up to
     * an object store (fd-s3): no user setting may take a pod out of the standard.
     */
    static Stream<Map.Entry<String, PodTemplateSpec>> templates() {
        return Stream.of(PodTemplates.of(EveryObject.of("ns", "fd")).entrySet().stream(),
                PodTemplates.of(placed()).entrySet().stream(),
                PodTemplates.of(EveryObject.ofWithObjectStore("ns", "fd-s3")).entrySet().stream()
                        .filter(e -> e.getKey().contains("backup") || e.getKey().contains("restore")
                                || e.getKey().contains("verify")))
                .flatMap(s -> s);
    }

    private static List<io.fabric8.kubernetes.api.model.HasMetadata> placed() {
        io.faildaily.operator.api.FailDaily fd = EveryObject.failDaily("ns", "placed");
        EveryPlacementField.customise(fd.getSpec());
        return io.faildaily.operator.model.Topology.of(fd, io.faildaily.operator.model.RandomStrings.secure());
    }

    @Test
    void everyWorkloadIsCovered() {
        List<String> workloads = new ArrayList<>();
        for (String name : List.of("fd", "placed")) {
            io.faildaily.operator.api.FailDaily fd = EveryObject.failDaily("ns", name);
            workloads.addAll(List.of("StatefulSet/" + name + "-database", "Deployment/" + name + "-backend",
                    "Deployment/" + name + "-frontend", "CronJob/" + name + "-backup", "CronJob/" + name + "-verify",
                    "Job/" + io.faildaily.operator.model.BackupModel.backupNowJobName(fd),
                    "Job/" + io.faildaily.operator.model.BackupModel.restoreJobName(fd)));
        }
        workloads.addAll(List.of("CronJob/fd-s3-backup", "CronJob/fd-s3-verify",
                "Job/" + io.faildaily.operator.model.BackupModel.backupNowJobName(EveryObject.withObjectStore("ns", "fd-s3")),
                "Job/" + io.faildaily.operator.model.BackupModel.restoreJobName(EveryObject.withObjectStore("ns", "fd-s3"))));
        assertThat(templates().map(Map.Entry::getKey)).containsExactlyInAnyOrderElementsOf(workloads);
        assertThat(PodTemplates.of(placed()).values()).as("the placed pods carry the placement")
                .allSatisfy(t -> assertThat(t.getSpec().getTolerations()).isNotEmpty());
        assertThat(templates().filter(e -> e.getKey().contains("fd-s3")))
                .allSatisfy(e -> assertThat(e.getValue().getSpec().getContainers()).as(e.getKey()).hasSize(2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void meetsTheRestrictedStandard(Map.Entry<String, PodTemplateSpec> entry) {
        List<String> violations = violations(entry.getValue().getSpec());
        assertThat(violations).as(entry.getKey()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void runsWithTheSeedsUsersAndWithoutAnApiToken(Map.Entry<String, PodTemplateSpec> entry) {
        PodSpec pod = entry.getValue().getSpec();
        long expectedUid = entry.getKey().contains("database") || entry.getKey().contains("backup")
                || entry.getKey().contains("restore") || entry.getKey().contains("verify") ? 999L : 1001L;
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(expectedUid);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(expectedUid);
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        for (Container c : pod.getContainers()) {
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).as(c.getName()).isTrue();
            if (!c.getName().equals(EveryPlacementField.SIDECAR)) { // a user's sidecar mounts what it writes itself
                assertThat(c.getVolumeMounts()).as("a writable /tmp").anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            }
        }
    }

    @Test
    void theCheckerCatchesAViolatingPod() {
        PodSpec bad = templates().findFirst().orElseThrow().getValue().getSpec();
        PodSpec copy = io.fabric8.kubernetes.client.utils.Serialization.clone(bad);
        copy.setHostNetwork(true);
        copy.getContainers().get(0).getSecurityContext().setAllowPrivilegeEscalation(true);
        copy.getContainers().get(0).getSecurityContext().setRunAsUser(0L);
        copy.getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName("h")
                .withNewHostPath().withPath("/").endHostPath().build());
        assertThat(violations(copy)).hasSize(4);
    }

    /** The restricted profile's checks, in the order the standard lists them. */
    static List<String> violations(PodSpec pod) {
        List<String> v = new ArrayList<>();
        PodSecurityContext psc = pod.getSecurityContext();
        // Baseline: host namespaces.
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            v.add("host namespaces");
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            containers.addAll(pod.getInitContainers());
        }
        for (Container c : containers) {
            SecurityContext sc = c.getSecurityContext();
            String name = c.getName();
            // Baseline: privileged containers, host ports, procMount, AppArmor/SELinux overrides.
            if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
                v.add(name + ": privileged");
            }
            if (c.getPorts() != null && c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
                v.add(name + ": hostPort");
            }
            if (sc != null && sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
                v.add(name + ": procMount");
            }
            // Restricted: privilege escalation.
            if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                v.add(name + ": allowPrivilegeEscalation must be false");
            }
            // Restricted: running as non-root, and not as UID 0.
            Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                    : psc == null ? null : psc.getRunAsNonRoot();
            Long uid = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
            if (!Boolean.TRUE.equals(nonRoot) || Objects.equals(uid, 0L)) {
                v.add(name + ": must run as non-root");
            }
            // Restricted: seccomp RuntimeDefault or Localhost.
            SeccompProfile seccomp = sc != null && sc.getSeccompProfile() != null ? sc.getSeccompProfile()
                    : psc == null ? null : psc.getSeccompProfile();
            if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                v.add(name + ": seccomp profile");
            }
            // Restricted: capabilities — drop ALL, add at most NET_BIND_SERVICE.
            Capabilities caps = sc == null ? null : sc.getCapabilities();
            if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
                v.add(name + ": capabilities must drop ALL");
            }
            if (caps != null && caps.getAdd() != null && caps.getAdd().stream().anyMatch(a -> !"NET_BIND_SERVICE".equals(a))) {
                v.add(name + ": adds capabilities");
            }
        }
        // Baseline: sysctls (only the safe set; the operator sets none).
        if (psc != null && psc.getSysctls() != null && !psc.getSysctls().isEmpty()) {
            v.add("sysctls");
        }
        // Restricted: volume types.
        if (pod.getVolumes() != null) {
            for (Volume volume : pod.getVolumes()) {
                String type = volumeType(volume);
                if (!ALLOWED_VOLUMES.contains(type)) {
                    v.add("volume " + volume.getName() + " of type " + type);
                }
            }
        }
        return v;
    }

    private static String volumeType(Volume volume) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(volume, Map.class);
        return fields.keySet().stream().filter(k -> !"name".equals(k)).findFirst().orElse("none");
    }
}
