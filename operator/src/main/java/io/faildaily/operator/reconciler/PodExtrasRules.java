package io.faildaily.operator.reconciler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.faildaily.operator.api.ExtraVolume;
import io.faildaily.operator.api.Patterns;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.api.SidecarSpec;

/**
 * The rules of what a user adds to a component's pods ({@code pod.volumes}, {@code pod.volumeMounts},
 * {@code pod.sidecars}). What the operator guarantees, and so refuses to let them break: its containers keep
 * their names, mounts and ports; no added volume takes the name of one of its volumes, and no mount hides one of
 * its mounts or is hidden by it; a sidecar mounts the operator's volumes read-only only (the database files, the
 * uploads and the backups are written by the operator's containers alone); every sidecar runs with the
 * restricted security context (there is no field to change it).
 */
final class PodExtrasRules {
    private final List<Violation> violations = new ArrayList<>();

    private PodExtrasRules() {}

    /** The rules that need no rendering: names, sources, paths, unknown fields. */
    static List<Violation> check(String field, PodPlacementSpec placement) {
        PodExtrasRules rules = new PodExtrasRules();
        rules.volumes(field, placement);
        rules.mounts(field + ".volumeMounts", placement.getVolumeMounts(), placement, false);
        rules.sidecars(field, placement);
        return rules.violations;
    }

    /**
     * The rules against the operator's own pods of the component ({@code model/OperatorPods}): names, paths and
     * ports the operator uses.
     */
    static List<Violation> against(String field, PodPlacementSpec placement, List<PodSpec> operatorPods) {
        PodExtrasRules rules = new PodExtrasRules();
        Set<String> ownVolumes = new HashSet<>();
        Set<String> ownContainers = new HashSet<>();
        Set<String> ownPaths = new HashSet<>();
        Set<Integer> ownPorts = new HashSet<>();
        for (PodSpec pod : operatorPods) {
            orEmpty(pod.getVolumes()).stream().map(Volume::getName).forEach(ownVolumes::add);
            for (Container c : orEmpty(pod.getContainers())) {
                ownContainers.add(c.getName());
                orEmpty(c.getVolumeMounts()).stream().map(VolumeMount::getMountPath).forEach(ownPaths::add);
                orEmpty(c.getPorts()).stream().map(ContainerPort::getContainerPort).filter(Objects::nonNull)
                        .forEach(ownPorts::add);
            }
        }
        List<ExtraVolume> volumes = placement.getVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            if (ownVolumes.contains(volumes.get(i).getName())) {
                rules.add(field + ".volumes[" + i + "].name", "'" + volumes.get(i).getName()
                        + "' is the name of one of the operator's volumes in these pods (" + sorted(ownVolumes)
                        + "); choose another");
            }
        }
        List<VolumeMount> mounts = placement.getVolumeMounts();
        for (int i = 0; i < mounts.size(); i++) {
            rules.overlap(field + ".volumeMounts[" + i + "].mountPath", mounts.get(i).getMountPath(), ownPaths);
        }
        List<SidecarSpec> sidecars = placement.getSidecars();
        for (int i = 0; i < sidecars.size(); i++) {
            SidecarSpec s = sidecars.get(i);
            String at = field + ".sidecars[" + i + "]";
            if (ownContainers.contains(s.getName())) {
                rules.add(at + ".name", "'" + s.getName() + "' is the name of one of the operator's containers ("
                        + sorted(ownContainers) + "); choose another");
            }
            List<ContainerPort> ports = s.getPorts();
            for (int p = 0; p < ports.size(); p++) {
                if (ownPorts.contains(ports.get(p).getContainerPort())) {
                    rules.add(at + ".ports[" + p + "].containerPort", ports.get(p).getContainerPort()
                            + " is a port of the operator's containers in these pods");
                }
            }
            List<VolumeMount> own = s.getVolumeMounts();
            for (int m = 0; m < own.size(); m++) {
                VolumeMount mount = own.get(m);
                boolean users = volumes.stream().anyMatch(v -> v.getName().equals(mount.getName()));
                if (!users && !ownVolumes.contains(mount.getName())) {
                    rules.add(at + ".volumeMounts[" + m + "].name", "'" + mount.getName()
                            + "' is neither in pod.volumes nor one of the operator's volumes in these pods");
                } else if (!users && !Boolean.TRUE.equals(mount.getReadOnly())) {
                    rules.add(at + ".volumeMounts[" + m + "].readOnly", "must be true: '" + mount.getName()
                            + "' is one of the operator's volumes, which only the operator's containers write");
                }
            }
        }
        return rules.violations;
    }

    private void volumes(String field, PodPlacementSpec placement) {
        Set<String> seen = new HashSet<>();
        List<ExtraVolume> volumes = placement.getVolumes();
        for (int i = 0; i < volumes.size(); i++) {
            ExtraVolume v = volumes.get(i);
            String at = field + ".volumes[" + i + "]";
            if (v == null) {
                add(at, "must not be null");
                continue;
            }
            name(at + ".name", v.getName(), seen, "volume");
            List<String> sources = v.sourcesSet();
            if (sources.size() != 1) {
                add(at, "must set exactly one of configMap, secret, emptyDir, persistentVolumeClaim"
                        + (sources.isEmpty() ? "" : " (sets " + String.join(", ", sources) + ")"));
            }
            unknown(at + ".configMap", v.getConfigMap());
            unknown(at + ".secret", v.getSecret());
            unknown(at + ".emptyDir", v.getEmptyDir());
            unknown(at + ".persistentVolumeClaim", v.getPersistentVolumeClaim());
        }
    }

    private void sidecars(String field, PodPlacementSpec placement) {
        Set<String> seen = new HashSet<>();
        List<SidecarSpec> sidecars = placement.getSidecars();
        for (int i = 0; i < sidecars.size(); i++) {
            SidecarSpec s = sidecars.get(i);
            String at = field + ".sidecars[" + i + "]";
            if (s == null) {
                add(at, "must not be null");
                continue;
            }
            name(at + ".name", s.getName(), seen, "sidecar");
            if (s.getImage() == null || !s.getImage().matches(Patterns.IMAGE)) {
                add(at + ".image", "is required: an image reference without spaces");
            }
            if (s.getImagePullPolicy() != null && !s.getImagePullPolicy().matches("^(Always|IfNotPresent|Never)$")) {
                add(at + ".imagePullPolicy", "must be Always, IfNotPresent or Never");
            }
            List<ContainerPort> ports = s.getPorts();
            for (int p = 0; p < ports.size(); p++) {
                ContainerPort port = ports.get(p);
                Integer number = port == null ? null : port.getContainerPort();
                if (number == null || number < 1 || number > 65535) {
                    add(at + ".ports[" + p + "].containerPort", "is required: between 1 and 65535");
                }
                if (port != null && port.getHostPort() != null) {
                    add(at + ".ports[" + p + "].hostPort", "is refused: a host port ties the pod to a node's network "
                            + "(the restricted and baseline Pod Security Standards refuse it)");
                }
            }
            mounts(at + ".volumeMounts", s.getVolumeMounts(), placement, true);
            unknown(at + ".env", s.getEnv());
            unknown(at + ".ports", s.getPorts());
            unknown(at + ".resources", s.getResources());
            unknown(at + ".volumeMounts", s.getVolumeMounts());
        }
    }

    /**
     * Mounts: an absolute, normalised path, each once. Into the operator's containers only pod.volumes may be
     * mounted; a sidecar may also mount the operator's volumes (checked against the rendered pods).
     */
    private void mounts(String field, List<VolumeMount> mounts, PodPlacementSpec placement, boolean sidecar) {
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String at = field + "[" + i + "]";
            if (m == null) {
                add(at, "must not be null");
                continue;
            }
            if (m.getName() == null || m.getName().isBlank()) {
                add(at + ".name", "is required: the name of a volume");
            } else if (!sidecar && placement.getVolumes().stream().noneMatch(v -> m.getName().equals(v.getName()))) {
                add(at + ".name", "'" + m.getName() + "' is not in pod.volumes: only the volumes added there can be "
                        + "mounted into the operator's containers");
            }
            String path = m.getMountPath();
            if (path == null || !path.startsWith("/") || path.equals("/") || !normalised(path)) {
                add(at + ".mountPath", "must be an absolute path other than / without '.', '..' or empty segments, "
                        + "not '" + path + "'");
            } else if (!paths.add(path)) {
                add(at + ".mountPath", "'" + path + "' is mounted twice");
            }
            if (m.getSubPathExpr() != null) {
                add(at + ".subPathExpr", "is not supported here: use subPath");
            }
            if (!sidecar && m.getMountPropagation() != null && !"None".equals(m.getMountPropagation())) {
                add(at + ".mountPropagation", "must be None (or unset) in the operator's containers");
            }
        }
        unknown(field, mounts);
    }

    private void overlap(String field, String path, Set<String> ownPaths) {
        if (path == null) {
            return;
        }
        for (String own : sorted(ownPaths)) {
            if (path.equals(own) || path.startsWith(own + "/") || own.startsWith(path + "/")) {
                add(field, "'" + path + "' would hide, or be hidden by, the operator's mount at " + own);
                return;
            }
        }
    }

    private void name(String field, String name, Set<String> seen, String what) {
        if (name == null || !name.matches(Patterns.DNS_LABEL) || name.length() > 63) {
            add(field, "is required: a DNS label (at most 63 lowercase letters, digits and '-'), not '" + name + "'");
        } else if (!seen.add(name)) {
            add(field, "'" + name + "' names two " + what + "s");
        }
    }

    private static boolean normalised(String path) {
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private void unknown(String field, Object value) {
        UnknownFields.of(field, value).forEach(path -> add(path, "is not a field of this Kubernetes type"));
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void add(String field, String message) {
        violations.add(new Violation(field, message));
    }
}
