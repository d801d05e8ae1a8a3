package io.faildaily.operator.model;

import java.util.List;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.faildaily.operator.api.FailDaily;

/** The pull secrets of every pod template of a FailDaily: its spec's, or the operator's default. */
final class ImagePullSecrets {
    private ImagePullSecrets() {}

    /** Empty when there are none; an empty list is not serialised, so the pod spec then has no such field. */
    static List<LocalObjectReference> of(FailDaily fd) {
        return fd.getSpec().getImagePullSecrets().stream().map(s -> new LocalObjectReference(s.getName())).toList();
    }
}
