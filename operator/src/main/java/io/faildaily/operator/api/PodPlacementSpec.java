package io.faildaily.operator.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * Where the pods of one component run and what they carry besides what the operator sets: one type for the
 * database, backend, frontend and the backup and restore Jobs ({@code spec.<component>.pod}). Nothing here
 * can weaken a pod's security context or change the operator's containers and volumes: the scheduling fields
 * and metadata are hints, and what a user adds (volumes, mounts, sidecars) comes beside the operator's, checked
 * so that it cannot hide, replace or write to what the operator relies on.
 */
@SpecData
@SchemaCustomizer(value = SchemaMergePatch.class, input = PodPlacementSpec.PULL_SECRETS_ARE_A_MAP_LIST)
public class PodPlacementSpec {
    static final String PULL_SECRETS_ARE_A_MAP_LIST = FailDailySpec.PULL_SECRETS_ARE_A_MAP_LIST;

    @JsonPropertyDescription("Node labels the pods must run on (the pod's nodeSelector).")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Taints the pods tolerate (the pod's tolerations), e.g. of nodes set aside for databases.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("The pod's affinity, merged with the operator's own, never replacing it: nodeAffinity and "
            + "podAntiAffinity are the pod's as given; podAffinity's required terms are added to the operator's (the backup "
            + "and restore Jobs on a ReadWriteOnce backups volume must run on the node of the other backup pods), its "
            + "preferred terms are the pod's.")
    private Affinity affinity;

    @JsonPropertyDescription("Added to the operator's own constraint (backend and frontend: at most one pod more on any "
            + "node, kubernetes.io/hostname, ScheduleAnyway), which one with the same topologyKey and whenUnsatisfiable "
            + "replaces. A constraint without labelSelector counts the pods of this component.")
    private List<TopologySpreadConstraint> topologySpreadConstraints;

    @JsonPropertyDescription("PriorityClass of the pods; the cluster's default when unset.")
    @Pattern(Patterns.OBJECT_NAME)
    @Size(max = 253)
    private String priorityClassName;

    @JsonPropertyDescription("Extra labels of the pods. The labels the operator sets (app.kubernetes.io/name, instance, "
            + "component, managed-by, part-of, and faildaily.io/part), which its selectors rely on, are refused.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Extra annotations of the pods (e.g. for a service mesh or a log collector). The operator's "
            + "own (faildaily.io/config-checksum) is refused.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Pull secrets of these pods in place of spec.imagePullSecrets (each name once; [] for none). "
            + "Default: spec.imagePullSecrets.")
    private List<ImagePullSecret> imagePullSecrets;

    @JsonPropertyDescription("Volumes added to the pods (configMap, secret, emptyDir or persistentVolumeClaim), for "
            + "volumeMounts and sidecars.")
    private List<ExtraVolume> volumes;

    @JsonPropertyDescription("Mounts of pod.volumes into the operator's own containers of these pods (e.g. a CA bundle); "
            + "a path equal to, inside or above one of the operator's mounts is refused.")
    private List<VolumeMount> volumeMounts;

    @JsonPropertyDescription("Containers added beside the operator's, with the restricted security context the "
            + "operator's have (read-only root file system: mount an emptyDir for what they write). Not on spec.backup.pod: a Job ends when its containers end, a sidecar would keep it "
            + "running.")
    private List<SidecarSpec> sidecars;

    public List<ExtraVolume> getVolumes() {
        return Objects.requireNonNullElse(volumes, List.of());
    }

    public void setVolumes(List<ExtraVolume> volumes) {
        this.volumes = volumes;
    }

    public List<VolumeMount> getVolumeMounts() {
        return Objects.requireNonNullElse(volumeMounts, List.of());
    }

    public void setVolumeMounts(List<VolumeMount> volumeMounts) {
        this.volumeMounts = volumeMounts;
    }

    public List<SidecarSpec> getSidecars() {
        return Objects.requireNonNullElse(sidecars, List.of());
    }

    public void setSidecars(List<SidecarSpec> sidecars) {
        this.sidecars = sidecars;
    }

    public Map<String, String> getNodeSelector() {
        return Objects.requireNonNullElse(nodeSelector, Map.of());
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return Objects.requireNonNullElse(tolerations, List.of());
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    /** The user's affinity, or null. */
    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
        return Objects.requireNonNullElse(topologySpreadConstraints, List.of());
    }

    public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
        this.topologySpreadConstraints = topologySpreadConstraints;
    }

    /** The PriorityClass, or null: the cluster's default. */
    public String getPriorityClassName() {
        return priorityClassName;
    }

    public void setPriorityClassName(String priorityClassName) {
        this.priorityClassName = priorityClassName;
    }

    public Map<String, String> getLabels() {
        return Objects.requireNonNullElse(labels, Map.of());
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public Map<String, String> getAnnotations() {
        return Objects.requireNonNullElse(annotations, Map.of());
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    /** This component's own list, even an empty one, or null: the FailDaily's (spec.imagePullSecrets). */
    public List<ImagePullSecret> getImagePullSecrets() {
        return imagePullSecrets;
    }

    public void setImagePullSecrets(List<ImagePullSecret> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }
}
