package io.faildaily.operator.model;

import java.util.LinkedHashMap;
import java.util.Map;

import io.faildaily.operator.api.FailDaily;

/** The recommended labels every child carries, and the pod selectors built from them. */
public final class Labels {
    private Labels() {}

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String APP = "faildaily";

    /** Labels of the child object {@code part}. */
    public static Map<String, String> of(FailDaily fd, Part part) {
        Map<String, String> labels = selector(fd, part.component());
        labels.put(PartLabels.MANAGED_BY_KEY, PartLabels.MANAGED_BY);
        labels.put(PART_OF, APP);
        labels.put(PartLabels.PART_KEY, part.suffix());
        return labels;
    }

    /** The labels that select the pods of one tier of one instance: stable for a workload's lifetime. */
    public static Map<String, String> selector(FailDaily fd, Component component) {
        Map<String, String> labels = instanceSelector(fd);
        labels.put(COMPONENT, component.label());
        return labels;
    }

    /** The labels that select every pod of one instance. */
    public static Map<String, String> instanceSelector(FailDaily fd) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP);
        labels.put(INSTANCE, fd.getMetadata().getName());
        return labels;
    }
}
