package io.faildaily.operator.model;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.faildaily.operator.api.FailDaily;

/** Name, namespace and labels of a child object. */
public final class ChildMetadata {
    private ChildMetadata() {}

    public static ObjectMeta of(FailDaily fd, Part part) {
        return new ObjectMetaBuilder()
                .withName(Names.of(fd, part))
                .withNamespace(fd.getMetadata().getNamespace())
                .withLabels(Labels.of(fd, part))
                .build();
    }

    /** The same, with {@code annotations} (from the spec) when there are any. */
    public static ObjectMeta of(FailDaily fd, Part part, Map<String, String> annotations) {
        ObjectMeta metadata = of(fd, part);
        if (!annotations.isEmpty()) {
            metadata.setAnnotations(new LinkedHashMap<>(annotations));
        }
        return metadata;
    }
}
