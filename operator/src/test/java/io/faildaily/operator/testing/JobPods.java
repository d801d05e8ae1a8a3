package io.faildaily.operator.testing;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * Stands in for the Job controller and kubelet: runs a Job "to completion" by creating its pod, with the
 * labels the Job controller gives it, and writing the terminated status the kubelet would, including
 * the container's termination message.
 */
public final class JobPods {
    private final KubernetesClient client;

    public JobPods(KubernetesClient fixtureClient) {
        this.client = fixtureClient;
    }

    /** A finished pod of the Job; {@code message} is what the script wrote to /dev/termination-log. */
    public Pod finish(Job job, boolean succeeded, String message, String finishedAt) {
        return finish(job.getMetadata().getNamespace(), job.getMetadata().getName(), job.getSpec().getTemplate(),
                succeeded, message, finishedAt);
    }

    public Pod finish(String namespace, String jobName, PodTemplateSpec template, boolean succeeded, String message,
                      String finishedAt) {
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put("batch.kubernetes.io/job-name", jobName);
        labels.put("job-name", jobName);
        String name = jobName + "-" + Long.toHexString(System.nanoTime() & 0xfffff);
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withSpec(template.getSpec())
                .build()).create();
        String json = "{\"status\":{\"phase\":\"" + (succeeded ? "Succeeded" : "Failed") + "\",\"containerStatuses\":[{"
                + "\"name\":\"backup\",\"ready\":false,\"restartCount\":0,\"image\":\"mysql\",\"imageID\":\"\","
                + "\"state\":{\"terminated\":{\"exitCode\":" + (succeeded ? 0 : 2) + ",\"finishedAt\":\"" + finishedAt
                + "\",\"message\":" + quote(message) + "}}}]}}";
        return client.pods().inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
