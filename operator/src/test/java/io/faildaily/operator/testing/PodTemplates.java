package io.faildaily.operator.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** Every pod template among rendered objects, by "Kind/name". */
public final class PodTemplates {
    private PodTemplates() {}

    public static Map<String, PodTemplateSpec> of(List<HasMetadata> objects) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            String key = o.getKind() + "/" + o.getMetadata().getName();
            if (o instanceof Deployment d) {
                templates.put(key, d.getSpec().getTemplate());
            } else if (o instanceof StatefulSet s) {
                templates.put(key, s.getSpec().getTemplate());
            } else if (o instanceof CronJob c) {
                templates.put(key, c.getSpec().getJobTemplate().getSpec().getTemplate());
            } else if (o instanceof Job j) {
                templates.put(key, j.getSpec().getTemplate());
            }
        }
        return templates;
    }
}
