package io.faildaily.operator.dependent;

import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.Names;
import io.faildaily.operator.model.Part;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The id of a child object, known from its name alone: no need to build the desired object to find it. */
final class ChildIds {
    private ChildIds() {}

    static ResourceID of(FailDaily fd, Part part) {
        return new ResourceID(Names.of(fd, part), fd.getMetadata().getNamespace());
    }
}
