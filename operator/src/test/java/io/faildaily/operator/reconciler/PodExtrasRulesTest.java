package io.faildaily.operator.reconciler;

import static io.faildaily.operator.reconciler.PodPlacementRulesTest.database;
import static io.faildaily.operator.reconciler.PodPlacementRulesTest.fields;
import static io.faildaily.operator.reconciler.PodPlacementRulesTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiConsumer;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.faildaily.operator.api.ExtraVolume;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.api.SidecarSpec;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.DataDirectory;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/**
 * What a user may add to a component's pods, and what the validator refuses because it would break what the
 * operator guarantees: its volumes' names, its mounts, its containers' names and ports, and that only its own
 * containers write to its volumes. Each refusal names its field.
 */
class PodExtrasRulesTest {
    @Test
    void aVolumeSetsExactlyOneSourceAndANameUsedOnce() {
        assertThat(messages(pod((spec, pod) -> pod.setVolumes(List.of(volume("a"), emptyNamed("b"))))))
                .containsExactly("spec.backend.pod.volumes[1]: must set exactly one of configMap, secret, emptyDir, "
                        + "persistentVolumeClaim");
        ExtraVolume two = volume("c");
        two.setConfigMap(new ConfigMapVolumeSourceBuilder().withName("x").build());
        assertThat(messages(pod((spec, pod) -> pod.setVolumes(List.of(two)))))
                .containsExactly("spec.backend.pod.volumes[0]: must set exactly one of configMap, secret, emptyDir, "
                        + "persistentVolumeClaim (sets configMap, emptyDir)");
        assertThat(fields(pod((spec, pod) -> pod.setVolumes(List.of(volume("a"), volume("a"))))))
                .containsExactly("spec.backend.pod.volumes[1].name");
        assertThat(fields(pod((spec, pod) -> pod.setVolumes(List.of(volume("Bad_Name"))))))
                .containsExactly("spec.backend.pod.volumes[0].name");
    }

    @Test
    void anAddedVolumeCannotTakeTheNameOfOneOfTheOperatorsVolumes() {
        assertThat(messages(pod((spec, pod) -> pod.setVolumes(List.of(volume("uploads"))))))
                .singleElement().asString()
                .startsWith("spec.backend.pod.volumes[0].name: 'uploads' is the name of one of the operator's volumes")
                .contains("app-logs", "tmp");
        assertThat(fields(database(pod -> pod.setVolumes(List.of(volume("config"))))))
                .containsExactly("spec.database.pod.volumes[0].name");
    }

    @Test
    void mountsIntoTheOperatorsContainersTakeAddedVolumesOnlyAndHideNothingOfTheOperators() {
        assertThat(fields(pod((spec, pod) -> {
            pod.setVolumes(List.of(volume("extra")));
            pod.setVolumeMounts(List.of(mount("uploads", "/data")));
        }))).as("an operator's volume cannot be mounted again").containsExactly("spec.backend.pod.volumeMounts[0].name");
        for (String path : List.of(BackendModel.UPLOADS_PATH, BackendModel.UPLOADS_PATH + "/x", "/app", "/tmp")) {
            assertThat(messages(pod((spec, pod) -> {
                pod.setVolumes(List.of(volume("extra")));
                pod.setVolumeMounts(List.of(mount("extra", path)));
            }))).as(path).singleElement().asString()
                    .startsWith("spec.backend.pod.volumeMounts[0].mountPath: '" + path + "' would hide, or be hidden by, "
                            + "the operator's mount at ");
        }
        assertThat(fields(database(pod -> {
            pod.setVolumes(List.of(volume("extra")));
            pod.setVolumeMounts(List.of(mount("extra", DataDirectory.MOUNT_PATH + "/mysql")));
        }))).containsExactly("spec.database.pod.volumeMounts[0].mountPath");
        assertThat(fields(pod((spec, pod) -> {
            pod.setVolumes(List.of(volume("extra")));
            pod.setVolumeMounts(List.of(mount("extra", "/app/uploads-archive"), mount("extra", "/etc/extra")));
        }))).as("a sibling of an operator's path is not inside it").isEmpty();
        for (String path : List.of("relative", "/", "/etc/../var", "/etc//x", "/etc/./x")) {
            assertThat(fields(pod((spec, pod) -> {
                pod.setVolumes(List.of(volume("extra")));
                pod.setVolumeMounts(List.of(mount("extra", path)));
            }))).as(path).containsExactly("spec.backend.pod.volumeMounts[0].mountPath");
        }
    }

    @Test
    void aSidecarMountsTheOperatorsVolumesReadOnlyOnly() {
        assertThat(messages(pod((spec, pod) -> pod.setSidecars(List.of(sidecar("shipper",
                mount("app-logs", "/logs")))))))
                .containsExactly("spec.backend.pod.sidecars[0].volumeMounts[0].readOnly: must be true: 'app-logs' is one "
                        + "of the operator's volumes, which only the operator's containers write");
        VolumeMount readOnly = new VolumeMountBuilder(mount("app-logs", "/logs")).withReadOnly(true).build();
        assertThat(fields(pod((spec, pod) -> pod.setSidecars(List.of(sidecar("shipper", readOnly)))))).isEmpty();
        assertThat(fields(database(pod -> pod.setSidecars(List.of(sidecar("exporter",
                new VolumeMountBuilder(mount("mysql-data", "/data")).withReadOnly(true).build()))))))
                .as("a database exporter may read the data directory").isEmpty();
        assertThat(fields(pod((spec, pod) -> pod.setSidecars(List.of(sidecar("shipper", mount("nothing", "/x")))))))
                .containsExactly("spec.backend.pod.sidecars[0].volumeMounts[0].name");
    }

    @Test
    void aSidecarKeepsOffTheOperatorsContainerNamesAndPorts() {
        assertThat(fields(pod((spec, pod) -> pod.setSidecars(List.of(sidecar(BackendModel.CONTAINER))))))
                .containsExactly("spec.backend.pod.sidecars[0].name");
        SidecarSpec sameName = sidecar("twin");
        assertThat(fields(pod((spec, pod) -> pod.setSidecars(List.of(sameName, sidecar("twin"))))))
                .containsExactly("spec.backend.pod.sidecars[1].name");
        SidecarSpec port = sidecar("metrics");
        port.setPorts(List.of(new ContainerPortBuilder().withContainerPort(3000).build()));
        assertThat(messages(pod((spec, pod) -> pod.setSidecars(List.of(port)))))
                .containsExactly("spec.backend.pod.sidecars[0].ports[0].containerPort: 3000 is a port of the operator's "
                        + "containers in these pods");
        SidecarSpec host = sidecar("host");
        host.setPorts(List.of(new ContainerPortBuilder().withContainerPort(9100).withHostPort(9100).build()));
        assertThat(fields(pod((spec, pod) -> pod.setSidecars(List.of(host)))))
                .containsExactly("spec.backend.pod.sidecars[0].ports[0].hostPort");
        SidecarSpec noImage = sidecar("no-image");
        noImage.setImage(null);
        assertThat(fields(pod((spec, pod) -> pod.setSidecars(List.of(noImage)))))
                .containsExactly("spec.backend.pod.sidecars[0].image");
    }

    @Test
    void theBackupJobsTakeVolumesAndMountsButNoSidecar() {
        FailDaily withSidecar = FailDailies.of("ns", "fd", s -> s.getBackup().getPod().setSidecars(List.of(sidecar("x"))));
        assertThat(messages(withSidecar)).containsExactly("spec.backup.pod.sidecars: is refused: a Job ends when its "
                + "containers end, and a sidecar would keep the backup and restore Jobs running");
        FailDaily ca = FailDailies.of("ns", "fd", s -> {
            s.getBackup().getPod().setVolumes(List.of(volume("ca")));
            s.getBackup().getPod().setVolumeMounts(List.of(mount("ca", "/etc/ssl/ca")));
        });
        assertThat(fields(ca)).isEmpty();
        FailDaily hides = FailDailies.of("ns", "fd", s -> {
            s.getBackup().getPod().setVolumes(List.of(volume("ca")));
            s.getBackup().getPod().setVolumeMounts(List.of(mount("ca", "/scripts")));
        });
        assertThat(fields(hides)).containsExactly("spec.backup.pod.volumeMounts[0].mountPath");
    }

    private static ExtraVolume volume(String name) {
        ExtraVolume v = emptyNamed(name);
        v.setEmptyDir(new EmptyDirVolumeSource());
        return v;
    }

    private static ExtraVolume emptyNamed(String name) {
        ExtraVolume v = new ExtraVolume();
        v.setName(name);
        return v;
    }

    private static VolumeMount mount(String name, String path) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).build();
    }

    private static SidecarSpec sidecar(String name, VolumeMount... mounts) {
        SidecarSpec s = new SidecarSpec();
        s.setName(name);
        s.setImage("registry.example.com/" + name + ":1");
        s.setVolumeMounts(List.of(mounts));
        return s;
    }

    private static FailDaily pod(BiConsumer<FailDailySpec, PodPlacementSpec> customise) {
        PodPlacementSpec pod = new PodPlacementSpec();
        return FailDailies.of("ns", "fd", s -> {
            customise.accept(s, pod);
            s.getBackend().setPod(pod);
        });
    }
}
