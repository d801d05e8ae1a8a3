package io.faildaily.operator.delivery;

import java.util.List;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.DeletionPolicy;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.NetworkPoliciesSpec;
import io.faildaily.operator.api.RestoreRecord;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.testing.Await;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.JobPods;
import io.faildaily.operator.testing.OperatorOnMock;
import io.faildaily.operator.testing.PodStatuses;

/**
 * Takes one FailDaily through what it meets in production, so that the operator makes every kind of
 * request it makes on a cluster: created with backups, network policies and deletionPolicy Delete, Ready
 * (the kubelet stand-in), a backend pod stuck creating its containers (whose Events are read), an on-demand
 * backup run to completion, a spec update that adds an Ingress and scales the backend, a restore, and
 * deletion (which deletes the claims and the credentials Secret). Each step waits until the operator has
 * acted on it, so that its requests are made before the next step.
 */
final class OperatorLife {
    static final String NAME = "app";

    private final OperatorOnMock mock;
    private final KubernetesClient k8s;
    private final JobPods jobPods;
    private final String ns;

    OperatorLife(OperatorOnMock mock, String namespace) {
        this.mock = mock;
        this.k8s = mock.k8s();
        this.jobPods = new JobPods(k8s);
        this.ns = namespace;
    }

    void live() {
        mock.create(FailDailies.of(ns, NAME, spec -> {
            BackupSpec backup = new BackupSpec();
            backup.setEnabled(true);
            spec.setBackup(backup);
            NetworkPoliciesSpec policies = new NetworkPoliciesSpec();
            policies.setEnabled(true);
            spec.setNetworkPolicies(policies);
            spec.setDeletionPolicy(DeletionPolicy.Delete);
            // ReadWriteMany, so that the backend may be scaled to two pods below.
            spec.getBackend().getUploads().setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
            spec.getLogs().setAccessModes(List.of(VolumeSpec.AccessMode.ReadWriteMany));
        }));
        awaitReadyAtCurrentGeneration();

        podStuckCreatingItsContainers();

        edit(fd -> {
            fd.getMetadata().getAnnotations().put(BackupModel.BACKUP_NOW_ANNOTATION, "rbac");
            return fd;
        });
        Job backup = Await.value("the on-demand backup Job", () -> firstJob("backup-now"));
        jobPods.finish(backup, true, "file=faildaily_backup_20261124_101000.sql.gz size=1024", "2026-11-24T10:10:05Z");
        Await.until("the backup recorded", () -> mock.get(ns, NAME).getStatus().getLastBackup() != null);

        edit(fd -> {
            BackendSpec backend = fd.getSpec().getBackend();
            backend.setReplicas(2);
            fd.getSpec().setBackend(backend);
            FrontendSpec frontend = fd.getSpec().getFrontend();
            IngressSpec ingress = new IngressSpec();
            ingress.setHost("faildaily.example.com");
            frontend.setIngress(ingress);
            fd.getSpec().setFrontend(frontend);
            return fd;
        });
        Await.until("the Ingress", () -> k8s.network().v1().ingresses().inNamespace(ns).list().getItems().size() == 1);
        awaitReadyAtCurrentGeneration();

        edit(fd -> {
            RestoreSpec restore = new RestoreSpec();
            restore.setFrom("faildaily_backup_20261124_101000.sql.gz");
            fd.getSpec().setRestore(restore);
            return fd;
        });
        Job restore = Await.value("the restore Job", () -> firstJob("restore"));
        jobPods.finish(restore, true, "restored=faildaily_backup_20261124_101000.sql.gz", "2026-11-24T10:20:00Z");
        Await.until("the restore recorded", () -> mock.get(ns, NAME).getStatus().getRestores().stream()
                .anyMatch(r -> RestoreRecord.SUCCEEDED.equals(r.getResult())));
        awaitReadyAtCurrentGeneration();

        k8s.resources(FailDaily.class).inNamespace(ns).withName(NAME).delete();
        Await.until("the FailDaily gone (cleanup done)", () -> mock.get(ns, NAME) == null);
    }

    /**
     * A backend pod that has been creating its containers for a minute (the kubelet stand-in runs no pods, so
     * the test makes it as the Deployment controller would): the operator lists its Events to say why.
     */
    private void podStuckCreatingItsContainers() {
        var template = k8s.apps().deployments().inNamespace(ns).withName(NAME + "-backend").get().getSpec().getTemplate();
        Pod pod = new PodBuilder().withNewMetadata().withName(NAME + "-backend-stuck").withNamespace(ns)
                .withLabels(template.getMetadata().getLabels()).endMetadata()
                .withSpec(new PodSpecBuilder(template.getSpec()).withNodeName("node-0").build()).build();
        pod.setStatus(PodStatuses.scheduled(pod, java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString(), container -> PodStatuses.ContainerPhase.CREATING));
        k8s.pods().inNamespace(ns).resource(pod).create();
        Await.until("the operator read the stuck pod's Events", () -> mock.cluster().dispatcher().operatorRequests(
                r -> r.verb().equals("list") && r.resource().equals("events") && r.namespace().equals(ns)) > 0);
        k8s.pods().inNamespace(ns).withName(pod.getMetadata().getName()).delete();
    }

    private void awaitReadyAtCurrentGeneration() {
        mock.awaitReady(ns, NAME);
    }

    private void edit(UnaryOperator<FailDaily> change) {
        k8s.resources(FailDaily.class).inNamespace(ns).withName(NAME).edit(change);
    }

    private Job firstJob(String part) {
        List<Job> jobs = k8s.batch().v1().jobs().inNamespace(ns).withLabel("faildaily.io/part", part).list().getItems();
        return jobs.isEmpty() ? null : jobs.get(0);
    }
}
