package io.faildaily.operator.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * A volume a user adds to a component's pods: only the sources the restricted Pod Security Standard allows and a
 * platform team needs (configuration, secrets such as a CA bundle, scratch space, a shared claim); no hostPath.
 */
@SpecData
public class ExtraVolume {
    @JsonPropertyDescription("Name of the volume, used by volumeMounts; not one of the names of the operator's own "
            + "volumes in that pod.")
    @Required
    @Pattern(Patterns.DNS_LABEL)
    @Size(max = 63)
    private String name;

    @JsonPropertyDescription("A ConfigMap's keys as files.")
    private ConfigMapVolumeSource configMap;

    @JsonPropertyDescription("A Secret's keys as files (e.g. a CA bundle for a private registry or object store).")
    private SecretVolumeSource secret;

    @JsonPropertyDescription("Scratch space that lives as long as the pod.")
    private EmptyDirVolumeSource emptyDir;

    @JsonPropertyDescription("An existing PersistentVolumeClaim of the FailDaily's namespace.")
    private PersistentVolumeClaimVolumeSource persistentVolumeClaim;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public ConfigMapVolumeSource getConfigMap() {
        return configMap;
    }

    public void setConfigMap(ConfigMapVolumeSource configMap) {
        this.configMap = configMap;
    }

    public SecretVolumeSource getSecret() {
        return secret;
    }

    public void setSecret(SecretVolumeSource secret) {
        this.secret = secret;
    }

    public EmptyDirVolumeSource getEmptyDir() {
        return emptyDir;
    }

    public void setEmptyDir(EmptyDirVolumeSource emptyDir) {
        this.emptyDir = emptyDir;
    }

    public PersistentVolumeClaimVolumeSource getPersistentVolumeClaim() {
        return persistentVolumeClaim;
    }

    public void setPersistentVolumeClaim(PersistentVolumeClaimVolumeSource persistentVolumeClaim) {
        this.persistentVolumeClaim = persistentVolumeClaim;
    }

    /** The sources set, by field name: a valid volume has exactly one. */
    public List<String> sourcesSet() {
        List<String> set = new ArrayList<>();
        if (configMap != null) {
            set.add("configMap");
        }
        if (secret != null) {
            set.add("secret");
        }
        if (emptyDir != null) {
            set.add("emptyDir");
        }
        if (persistentVolumeClaim != null) {
            set.add("persistentVolumeClaim");
        }
        return set;
    }

    /** The pod's volume, a copy: the spec is never shared with what is rendered. */
    public Volume toVolume() {
        return new VolumeBuilder().withName(name)
                .withConfigMap(configMap == null ? null : Serialization.clone(configMap))
                .withSecret(secret == null ? null : Serialization.clone(secret))
                .withEmptyDir(emptyDir == null ? null : Serialization.clone(emptyDir))
                .withPersistentVolumeClaim(persistentVolumeClaim == null ? null : Serialization.clone(persistentVolumeClaim))
                .build();
    }
}
