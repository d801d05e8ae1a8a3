package io.faildaily.operator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodAffinity;
import io.fabric8.kubernetes.api.model.PodAffinityBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.api.SidecarSpec;

/**
 * A component's {@code spec.<component>.pod} laid over the pod template the model built: the user's
 * scheduling fields and metadata added, the operator's own kept. The operator's labels and annotations win
 * over the user's (the validator refuses such keys first); its pod affinity and spread constraint are merged
 * with the user's, never dropped.
 */
public final class PodPlacement {
    private PodPlacement() {}

    /** {@code template}, changed in place, with {@code placement} applied for the pods of {@code component}. */
    public static PodTemplateSpec apply(FailDaily fd, Component component, PodPlacementSpec placement,
                                        PodTemplateSpec template) {
        ObjectMeta metadata = template.getMetadata();
        metadata.setLabels(under(placement.getLabels(), metadata.getLabels()));
        if (!placement.getAnnotations().isEmpty()) {
            metadata.setAnnotations(under(placement.getAnnotations(), metadata.getAnnotations()));
        }
        PodSpec pod = template.getSpec();
        if (!placement.getNodeSelector().isEmpty()) {
            pod.setNodeSelector(new LinkedHashMap<>(placement.getNodeSelector()));
        }
        if (!placement.getTolerations().isEmpty()) {
            pod.setTolerations(placement.getTolerations().stream().map(Serialization::clone).toList());
        }
        if (placement.getPriorityClassName() != null) {
            pod.setPriorityClassName(placement.getPriorityClassName());
        }
        pod.setAffinity(affinity(pod.getAffinity(), placement.getAffinity()));
        pod.setTopologySpreadConstraints(spread(fd, component, pod.getTopologySpreadConstraints(),
                placement.getTopologySpreadConstraints()));
        if (placement.getImagePullSecrets() != null) {
            pod.setImagePullSecrets(placement.getImagePullSecrets().stream()
                    .map(s -> new LocalObjectReference(s.getName())).toList());
        }
        addVolumes(pod, placement);
        return template;
    }

    /**
     * The user's volumes after the operator's, their mounts added to each of the operator's containers, then the
     * sidecars, each with the restricted security context of the operator's containers. The validator has refused
     * names and paths that collide with the operator's (PodPlacementRules, PodExtrasRules).
     */
    static void addVolumes(PodSpec pod, PodPlacementSpec placement) {
        if (!placement.getVolumes().isEmpty()) {
            List<Volume> volumes = new ArrayList<>(orEmpty(pod.getVolumes()));
            placement.getVolumes().forEach(v -> volumes.add(v.toVolume()));
            pod.setVolumes(volumes);
        }
        if (!placement.getVolumeMounts().isEmpty()) {
            for (Container own : pod.getContainers()) {
                List<VolumeMount> mounts = new ArrayList<>(orEmpty(own.getVolumeMounts()));
                placement.getVolumeMounts().forEach(m -> mounts.add(Serialization.clone(m)));
                own.setVolumeMounts(mounts);
            }
        }
        if (!placement.getSidecars().isEmpty()) {
            List<Container> containers = new ArrayList<>(pod.getContainers());
            placement.getSidecars().forEach(s -> containers.add(sidecar(s)));
            pod.setContainers(containers);
        }
    }

    static Container sidecar(SidecarSpec s) {
        return new ContainerBuilder()
                .withName(s.getName())
                .withImage(s.getImage())
                .withImagePullPolicy(s.getImagePullPolicy())
                .withCommand(s.getCommand().isEmpty() ? null : List.copyOf(s.getCommand()))
                .withArgs(s.getArgs().isEmpty() ? null : List.copyOf(s.getArgs()))
                .withEnv(s.getEnv().stream().map(Serialization::clone).toList())
                .withPorts(s.getPorts().stream().map(Serialization::clone).toList())
                .withResources(s.getResources() == null ? null : Serialization.clone(s.getResources()))
                .withVolumeMounts(s.getVolumeMounts().stream().map(Serialization::clone).toList())
                .withSecurityContext(PodSecurity.container())
                .build();
    }

    /** {@code extra}, then {@code own} over it: a key of both keeps the operator's value. */
    static Map<String, String> under(Map<String, String> extra, Map<String, String> own) {
        Map<String, String> merged = new LinkedHashMap<>(extra);
        if (own != null) {
            merged.putAll(own);
        }
        return merged;
    }

    /**
     * The operator's affinity and the user's: node affinity and pod anti-affinity are the user's (the operator
     * sets none); pod affinity's required terms are both lists, the operator's first; its preferred terms the user's.
     */
    static Affinity affinity(Affinity own, Affinity user) {
        if (user == null) {
            return own;
        }
        Affinity merged = Serialization.clone(user);
        PodAffinity ownPods = own == null ? null : own.getPodAffinity();
        if (ownPods == null) {
            return merged;
        }
        PodAffinity userPods = merged.getPodAffinity();
        List<PodAffinityTerm> required = new ArrayList<>(orEmpty(ownPods.getRequiredDuringSchedulingIgnoredDuringExecution()));
        if (userPods != null) {
            required.addAll(orEmpty(userPods.getRequiredDuringSchedulingIgnoredDuringExecution()));
        }
        return new AffinityBuilder(merged)
                .withPodAffinity(new PodAffinityBuilder()
                        .withRequiredDuringSchedulingIgnoredDuringExecution(required)
                        .withPreferredDuringSchedulingIgnoredDuringExecution(userPods == null ? List.of()
                                : orEmpty(userPods.getPreferredDuringSchedulingIgnoredDuringExecution()))
                        .build())
                .build();
    }

    /**
     * The operator's constraints, each replaced by the user's of the same topologyKey and whenUnsatisfiable
     * (the API server keys the list by both, and refuses two entries of one key), then the user's others. A
     * user's constraint without a label selector counts the pods of the component.
     */
    static List<TopologySpreadConstraint> spread(FailDaily fd, Component component, List<TopologySpreadConstraint> own,
                                                 List<TopologySpreadConstraint> user) {
        List<TopologySpreadConstraint> theirs = user.stream().map(c -> c.getLabelSelector() != null ? Serialization.clone(c)
                : new TopologySpreadConstraintBuilder(c).withNewLabelSelector()
                        .withMatchLabels(Labels.selector(fd, component)).endLabelSelector().build()).toList();
        List<TopologySpreadConstraint> merged = new ArrayList<>();
        for (TopologySpreadConstraint mine : own == null ? List.<TopologySpreadConstraint>of() : own) {
            if (theirs.stream().noneMatch(c -> sameKey(c, mine))) {
                merged.add(mine);
            }
        }
        merged.addAll(theirs);
        return merged;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean sameKey(TopologySpreadConstraint a, TopologySpreadConstraint b) {
        return java.util.Objects.equals(a.getTopologyKey(), b.getTopologyKey())
                && java.util.Objects.equals(a.getWhenUnsatisfiable(), b.getWhenUnsatisfiable());
    }
}
