package io.faildaily.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A Secret in the FailDaily's namespace that pods pull their images with, named as a pod's imagePullSecrets entry. */
@SpecData
public class ImagePullSecret {
    @JsonPropertyDescription("Name of a Secret of type kubernetes.io/dockerconfigjson in the FailDaily's namespace.")
    @Required
    @Pattern(Patterns.OBJECT_NAME)
    @Size(max = 253)
    private String name;

    public static ImagePullSecret named(String name) {
        ImagePullSecret secret = new ImagePullSecret();
        secret.setName(name);
        return secret;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
