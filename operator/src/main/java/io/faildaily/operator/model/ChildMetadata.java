package io.faildaily.operator.model;

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
}
