package io.faildaily.operator.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * A container a user adds beside the operator's in a component's pods (a log shipper, a metrics exporter, a
 * service-mesh helper). Deliberately not a whole Container: no securityContext (the operator gives every sidecar
 * the restricted one), no probes, lifecycle hooks or host ports, so a sidecar cannot make the pod privileged or
 * hold it unready by mistake.
 */
@SpecData
public class SidecarSpec {
    @JsonPropertyDescription("Name of the container; not the name of one of the operator's containers in that pod.")
    @Required
    @Pattern(Patterns.DNS_LABEL)
    @Size(max = 63)
    private String name;

    @JsonPropertyDescription("Image of the container.")
    @Required
    @Pattern(Patterns.IMAGE)
    private String image;

    @JsonPropertyDescription("Always, IfNotPresent or Never; Kubernetes' default when unset.")
    @Pattern("^(Always|IfNotPresent|Never)$")
    private String imagePullPolicy;

    @JsonPropertyDescription("Entrypoint (the image's when unset).")
    private List<String> command;

    @JsonPropertyDescription("Arguments to the entrypoint.")
    private List<String> args;

    @JsonPropertyDescription("Environment variables.")
    private List<EnvVar> env;

    @JsonPropertyDescription("Ports the container listens on (not a port of the operator's containers). The "
            + "operator's NetworkPolicies admit no traffic to them: add a NetworkPolicy of your own to reach one.")
    private List<ContainerPort> ports;

    @JsonPropertyDescription("CPU and memory requests and limits (none when unset: set them where a quota needs them).")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Mounts of the pod's volumes: any of pod.volumes, and the operator's own volumes "
            + "read-only only (readOnly: true), e.g. the backend's logs for a log shipper.")
    private List<VolumeMount> volumeMounts;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public String getImagePullPolicy() {
        return imagePullPolicy;
    }

    public void setImagePullPolicy(String imagePullPolicy) {
        this.imagePullPolicy = imagePullPolicy;
    }

    public List<String> getCommand() {
        return Objects.requireNonNullElse(command, List.of());
    }

    public void setCommand(List<String> command) {
        this.command = command;
    }

    public List<String> getArgs() {
        return Objects.requireNonNullElse(args, List.of());
    }

    public void setArgs(List<String> args) {
        this.args = args;
    }

    public List<EnvVar> getEnv() {
        return Objects.requireNonNullElse(env, List.of());
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public List<ContainerPort> getPorts() {
        return Objects.requireNonNullElse(ports, List.of());
    }

    public void setPorts(List<ContainerPort> ports) {
        this.ports = ports;
    }

    /** The resources, or null: none. */
    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<VolumeMount> getVolumeMounts() {
        return Objects.requireNonNullElse(volumeMounts, List.of());
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts;
    }
}
