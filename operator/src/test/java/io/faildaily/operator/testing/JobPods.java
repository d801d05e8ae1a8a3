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
        String name = createPod(namespace, jobName, template);
        String json = "{\"status\":{\"phase\":\"" + (succeeded ? "Succeeded" : "Failed") + "\",\"containerStatuses\":[{"
                + "\"name\":\"backup\",\"ready\":false,\"restartCount\":0,\"image\":\"mysql\",\"imageID\":\"\","
                + "\"state\":{\"terminated\":{\"exitCode\":" + (succeeded ? 0 : 2) + ",\"finishedAt\":\"" + finishedAt
                + "\",\"message\":" + quote(message) + "}}}]}}";
        return client.pods().inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    /**
     * A finished pod of a Job with several containers, each with its own termination message, listed in the
     * order given (the kubelet lists them by name, not in the pod's order).
     */
    public Pod finish(String namespace, String jobName, PodTemplateSpec template, boolean succeeded,
                      Map<String, String> messages, String finishedAt) {
        String name = createPod(namespace, jobName, template);
        StringBuilder statuses = new StringBuilder();
        for (Map.Entry<String, String> container : messages.entrySet()) {
            statuses.append(statuses.isEmpty() ? "" : ",").append("{\"name\":").append(quote(container.getKey()))
                    .append(",\"ready\":false,\"restartCount\":0,\"image\":\"x\",\"imageID\":\"\",")
                    .append("\"state\":{\"terminated\":{\"exitCode\":").append(succeeded ? 0 : 1)
                    .append(",\"finishedAt\":\"").append(finishedAt).append("\",\"message\":")
                    .append(quote(container.getValue())).append("}}}");
        }
        String json = "{\"status\":{\"phase\":\"" + (succeeded ? "Succeeded" : "Failed") + "\",\"containerStatuses\":["
                + statuses + "]}}";
        return client.pods().inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    /** The Job's pod, labelled as the Job controller labels it; its name. */
    private String createPod(String namespace, String jobName, PodTemplateSpec template) {
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put("batch.kubernetes.io/job-name", jobName);
        labels.put("job-name", jobName);
        String name = jobName + "-" + Long.toHexString(System.nanoTime() & 0xfffff);
        client.pods().inNamespace(namespace).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withSpec(template.getSpec())
                .build()).create();
        return name;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
