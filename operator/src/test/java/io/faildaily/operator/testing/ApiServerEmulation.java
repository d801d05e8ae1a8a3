package io.faildaily.operator.testing;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.faildaily.operator.model.CanonicalQuantity;

/**
 * What kube-apiserver returns for an object the operator writes: a written-down model of the server,
 * not a server. For every kind the operator writes it adds the defaults the server's defaulting adds
 * (pod templates, containers, probes, volumes, workloads, Services, claims, Jobs, CronJobs), stores
 * every quantity in canonical form, sets the server-assigned metadata, and, for an apply, records a
 * {@code managedFields} entry (operation Apply, the field manager, FieldsV1 built from the applied body
 * with the built-in list-map keys). The list is GUIDE.md §7; operator/RECONCILE.md says what it leaves out.
 *
 * <p>Not modelled: admission (webhooks, quotas, Pod Security), validation of what may change (immutable
 * fields are refused by the server, not here), the controllers' own writes (claim binding is modelled
 * only as the fields binding leaves: volumeName, annotations, status), defaults for fields the operator
 * never writes, and the managedFields of other managers merged with ours.
 */
public final class ApiServerEmulation {
    private static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** List-map keys of the lists the operator writes (strategic-merge keys; others atomic). */
    private static final Map<String, List<String>> LIST_KEYS = Map.ofEntries(
            Map.entry("containers", List.of("name")), Map.entry("initContainers", List.of("name")),
            Map.entry("env", List.of("name")), Map.entry("volumes", List.of("name")),
            Map.entry("volumeMounts", List.of("mountPath")), Map.entry("imagePullSecrets", List.of("name")),
            Map.entry("ownerReferences", List.of("uid")));
    private final AtomicInteger serial = new AtomicInteger();

    /** The object as stored and returned after {@code fieldManager} applied {@code applied}. */
    public <T extends HasMetadata> T afterApply(T applied, String fieldManager) {
        ObjectNode node = JSON.valueToTree(applied);
        ObjectNode managed = fieldsV1(node, "");
        ObjectNode stored = stored(node);
        ArrayNode entries = ((ObjectNode) stored.get("metadata")).putArray("managedFields");
        ObjectNode entry = entries.addObject();
        entry.put("apiVersion", node.path("apiVersion").asText());
        entry.put("fieldsType", "FieldsV1");
        entry.set("fieldsV1", managed);
        entry.put("manager", fieldManager);
        entry.put("operation", "Apply");
        entry.put("time", "2026-12-01T00:00:00Z");
        @SuppressWarnings("unchecked")
        T result = (T) JSON.convertValue(stored, applied.getClass());
        return result;
    }

    /** The object as stored and returned after a create or update (no apply: no Apply entry). */
    public <T extends HasMetadata> T afterUpdate(T written) {
        @SuppressWarnings("unchecked")
        T result = (T) JSON.convertValue(stored(JSON.valueToTree(written)), written.getClass());
        return result;
    }

    private ObjectNode stored(ObjectNode written) {
        ObjectNode node = written.deepCopy();
        int n = serial.incrementAndGet();
        ObjectNode metadata = node.with("metadata");
        metadata.put("uid", String.format("00000000-0000-0000-0000-%012d", n));
        metadata.put("resourceVersion", String.valueOf(1000 + n));
        metadata.put("creationTimestamp", "2026-12-01T00:00:00Z");
        defaults(node, n);
        if (java.util.Set.of("Deployment", "StatefulSet", "CronJob", "Job").contains(node.path("kind").asText())) {
            metadata.put("generation", 1);
        }
        if ("PersistentVolumeClaim".equals(node.path("kind").asText())) {
            bound(metadata, (ObjectNode) node.get("spec"), node);
        }
        return node;
    }

    /**
     * The server's defaulting of a written object, in place: defaults and canonical quantities, nothing
     * a controller adds later (a claim's binding) and no metadata. What the mock API server's write path
     * adds when asked ({@link MockApiDispatcher}). {@code serial} tells objects apart (cluster IPs, ports).
     */
    public static void defaults(ObjectNode node, int serial) {
        ObjectNode metadata = node.with("metadata");
        ObjectNode spec = node.path("spec") instanceof ObjectNode s ? s : null;
        switch (node.path("kind").asText()) {
            case "Deployment" -> deployment(metadata, spec);
            case "StatefulSet" -> statefulSet(metadata, spec);
            case "Service" -> service(spec, serial);
            case "PersistentVolumeClaim" -> putIfAbsent(spec, "volumeMode", "Filesystem");
            case "CronJob" -> cronJob(metadata, spec);
            case "Job" -> job(metadata, spec);
            case "NetworkPolicy" -> networkPolicy(spec);
            case "Secret" -> putIfAbsent(node, "type", "Opaque");
            default -> { }
        }
        canonicalQuantities(node);
    }

    /** Kinds {@link #defaults} knows. */
    public static boolean defaults(String kind) {
        return java.util.Set.of("Deployment", "StatefulSet", "Service", "PersistentVolumeClaim", "CronJob", "Job",
                "NetworkPolicy", "Secret").contains(kind);
    }

    private static void deployment(ObjectNode metadata, ObjectNode spec) {
        metadata.with("annotations").put("deployment.kubernetes.io/revision", "1");
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "progressDeadlineSeconds", 600);
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode strategy = spec.with("strategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            ObjectNode rolling = strategy.with("rollingUpdate");
            putIfAbsent(rolling, "maxSurge", "25%");
            putIfAbsent(rolling, "maxUnavailable", "25%");
        }
        podTemplate(spec.with("template"), "Always");
    }

    private static void statefulSet(ObjectNode metadata, ObjectNode spec) {
        putIfAbsent(spec, "replicas", 1);
        putIfAbsent(spec, "podManagementPolicy", "OrderedReady");
        putIfAbsent(spec, "revisionHistoryLimit", 10);
        ObjectNode strategy = spec.with("updateStrategy");
        putIfAbsent(strategy, "type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.path("type").asText())) {
            putIfAbsent(strategy.with("rollingUpdate"), "partition", 0);
        }
        ObjectNode retention = spec.with("persistentVolumeClaimRetentionPolicy");
        putIfAbsent(retention, "whenDeleted", "Retain");
        putIfAbsent(retention, "whenScaled", "Retain");
        for (JsonNode template : spec.path("volumeClaimTemplates")) {
            ObjectNode t = (ObjectNode) template;
            putIfAbsent(t, "apiVersion", "v1");
            putIfAbsent(t, "kind", "PersistentVolumeClaim");
            putIfAbsent(t.with("spec"), "volumeMode", "Filesystem");
            putIfAbsent(t.with("status"), "phase", "Pending");
        }
        podTemplate(spec.with("template"), "Always");
    }

    private static void service(ObjectNode spec, int n) {
        putIfAbsent(spec, "type", "ClusterIP");
        String ip = "10.96." + (n / 250) + "." + (n % 250 + 1);
        putIfAbsent(spec, "clusterIP", ip);
        if (!spec.has("clusterIPs")) {
            spec.putArray("clusterIPs").add(spec.get("clusterIP").asText());
        }
        if (!spec.has("ipFamilies")) {
            spec.putArray("ipFamilies").add("IPv4");
        }
        putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
        putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        putIfAbsent(spec, "sessionAffinity", "None");
        String type = spec.path("type").asText();
        boolean nodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
        if (nodePorts) {
            putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        int next = 30000 + n;
        for (JsonNode port : spec.path("ports")) {
            ObjectNode p = (ObjectNode) port;
            putIfAbsent(p, "protocol", "TCP");
            if (!p.has("targetPort")) {
                p.set("targetPort", p.get("port"));
            }
            if (nodePorts) {
                putIfAbsent(p, "nodePort", next++);
            }
        }
    }

    /** What provisioning and binding leave on a claim. */
    private static void bound(ObjectNode metadata, ObjectNode spec, ObjectNode claim) {
        ArrayNode finalizers = metadata.withArray("finalizers");
        finalizers.add("kubernetes.io/pvc-protection");
        ObjectNode annotations = metadata.with("annotations");
        annotations.put("pv.kubernetes.io/bind-completed", "yes");
        annotations.put("pv.kubernetes.io/bound-by-controller", "yes");
        annotations.put("volume.beta.kubernetes.io/storage-provisioner", "ebs.csi.aws.com");
        annotations.put("volume.kubernetes.io/storage-provisioner", "ebs.csi.aws.com");
        putIfAbsent(spec, "storageClassName", "standard");
        putIfAbsent(spec, "volumeName", "pvc-" + metadata.path("uid").asText());
        ObjectNode status = claim.with("status");
        status.put("phase", "Bound");
        status.set("accessModes", spec.path("accessModes").deepCopy());
        status.with("capacity").set("storage", spec.path("resources").path("requests").path("storage").deepCopy());
    }

    private static void cronJob(ObjectNode metadata, ObjectNode spec) {
        putIfAbsent(spec, "suspend", false);
        putIfAbsent(spec, "concurrencyPolicy", "Allow");
        putIfAbsent(spec, "successfulJobsHistoryLimit", 3);
        putIfAbsent(spec, "failedJobsHistoryLimit", 1);
        ObjectNode jobSpec = spec.with("jobTemplate").with("spec");
        jobSpecDefaults(jobSpec);
        podTemplate(jobSpec.with("template"), null);
    }

    private static void job(ObjectNode metadata, ObjectNode spec) {
        jobSpecDefaults(spec);
        putIfAbsent(spec, "completions", 1);
        putIfAbsent(spec, "parallelism", 1);
        podTemplate(spec.with("template"), null);
        // The Job controller's selector, once the object has its uid.
        String uid = metadata.path("uid").asText();
        if (uid.isEmpty()) {
            return;
        }
        ObjectNode selector = spec.with("selector").with("matchLabels");
        selector.put("batch.kubernetes.io/controller-uid", uid);
        ObjectNode labels = spec.with("template").with("metadata").with("labels");
        labels.put("batch.kubernetes.io/controller-uid", uid);
        labels.put("batch.kubernetes.io/job-name", metadata.path("name").asText());
        labels.put("controller-uid", uid);
        labels.put("job-name", metadata.path("name").asText());
    }


    private static void jobSpecDefaults(ObjectNode jobSpec) {
        putIfAbsent(jobSpec, "backoffLimit", 6);
        putIfAbsent(jobSpec, "completionMode", "NonIndexed");
        putIfAbsent(jobSpec, "suspend", false);
        putIfAbsent(jobSpec, "manualSelector", false);
        putIfAbsent(jobSpec, "podReplacementPolicy", "TerminatingOrFailed");
    }

    private static void networkPolicy(ObjectNode spec) {
        if (!spec.has("policyTypes")) {
            ArrayNode types = spec.putArray("policyTypes").add("Ingress");
            if (spec.has("egress")) {
                types.add("Egress");
            }
        }
        for (String direction : List.of("ingress", "egress")) {
            for (JsonNode rule : spec.path(direction)) {
                for (JsonNode port : rule.path("ports")) {
                    putIfAbsent((ObjectNode) port, "protocol", "TCP");
                }
            }
        }
    }

    /** restartPolicy null: the template must say (a Job's does), so nothing is added. */
    private static void podTemplate(ObjectNode template, String restartPolicy) {
        ObjectNode pod = template.with("spec");
        putIfAbsent(pod, "dnsPolicy", "ClusterFirst");
        if (restartPolicy != null) {
            putIfAbsent(pod, "restartPolicy", restartPolicy);
        }
        putIfAbsent(pod, "schedulerName", "default-scheduler");
        putIfAbsent(pod, "terminationGracePeriodSeconds", 30);
        if (!pod.has("securityContext")) {
            pod.putObject("securityContext");
        }
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode container : pod.path(list)) {
                container((ObjectNode) container);
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            for (String source : List.of("configMap", "secret")) {
                if (volume.has(source)) {
                    putIfAbsent((ObjectNode) volume.get(source), "defaultMode", 420);
                }
            }
            if (volume.has("emptyDir") && volume.get("emptyDir").isNull()) {
                ((ObjectNode) volume).putObject("emptyDir");
            }
            // A generic ephemeral volume's claim template gets the defaults of a claim.
            if (volume.path("ephemeral").path("volumeClaimTemplate").path("spec") instanceof ObjectNode claim) {
                putIfAbsent(claim, "volumeMode", "Filesystem");
            }
        }
    }

    private static void container(ObjectNode container) {
        String image = container.path("image").asText();
        String tag = image.contains("@") ? "digest" : image.substring(image.lastIndexOf('/') + 1).contains(":")
                ? image.substring(image.lastIndexOf(':') + 1) : "";
        putIfAbsent(container, "imagePullPolicy", tag.isEmpty() || tag.equals("latest") ? "Always" : "IfNotPresent");
        putIfAbsent(container, "terminationMessagePath", "/dev/termination-log");
        putIfAbsent(container, "terminationMessagePolicy", "File");
        for (JsonNode port : container.path("ports")) {
            putIfAbsent((ObjectNode) port, "protocol", "TCP");
        }
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            if (container.get(probe) instanceof ObjectNode p) {
                putIfAbsent(p, "successThreshold", 1);
                putIfAbsent(p, "failureThreshold", 3);
                putIfAbsent(p, "periodSeconds", 10);
                putIfAbsent(p, "timeoutSeconds", 1);
                if (p.get("httpGet") instanceof ObjectNode http) {
                    putIfAbsent(http, "scheme", "HTTP");
                }
            }
        }
        for (JsonNode env : container.path("env")) {
            JsonNode fieldRef = env.path("valueFrom").path("fieldRef");
            if (fieldRef instanceof ObjectNode f) {
                putIfAbsent(f, "apiVersion", "v1");
            }
        }
    }

    /** Every quantity the server parses, in its canonical form. */
    private static void canonicalQuantities(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String quantities : List.of("requests", "limits", "capacity")) {
                if (object.get(quantities) instanceof ObjectNode values) {
                    values.fields().forEachRemaining(e -> e.setValue(
                            NODES.textNode(CanonicalQuantity.of(e.getValue().asText()))));
                }
            }
            if (object.get("emptyDir") instanceof ObjectNode emptyDir && emptyDir.has("sizeLimit")) {
                emptyDir.put("sizeLimit", CanonicalQuantity.of(emptyDir.get("sizeLimit").asText()));
            }
            object.elements().forEachRemaining(ApiServerEmulation::canonicalQuantities);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(ApiServerEmulation::canonicalQuantities);
        }
    }

    /** The FieldsV1 set of an applied body (metadata's server-owned fields and status left out). */
    static ObjectNode fieldsV1(JsonNode node, String field) {
        ObjectNode fields = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (field.isEmpty() && (name.equals("apiVersion") || name.equals("kind") || name.equals("status"))) {
                continue;
            }
            if (field.equals("metadata") && List.of("name", "namespace", "uid", "resourceVersion", "generation",
                    "creationTimestamp", "managedFields").contains(name)) {
                continue;
            }
            fields.set("f:" + name, fieldsOf(e.getValue(), name));
        }
        return fields;
    }

    private static ObjectNode fieldsOf(JsonNode value, String name) {
        if (value.isObject() && !value.isEmpty()) {
            return fieldsV1(value, name);
        }
        if (value.isArray() && LIST_KEYS.containsKey(name)) {
            ObjectNode items = NODES.objectNode();
            for (JsonNode item : value) {
                ObjectNode key = NODES.objectNode();
                for (String k : LIST_KEYS.get(name)) {
                    key.set(k, item.get(k));
                }
                ObjectNode itemFields = fieldsV1(item, name + "[]");
                ObjectNode withDot = NODES.objectNode();
                withDot.putObject(".");
                withDot.setAll(itemFields);
                items.set("k:" + key, withDot);
            }
            return items;
        }
        if (value.isArray() && name.equals("ports")) {
            // Container ports are keyed by containerPort and protocol, Service ports by port and protocol.
            ObjectNode items = NODES.objectNode();
            for (JsonNode item : value) {
                ObjectNode key = NODES.objectNode();
                if (item.has("containerPort")) {
                    key.set("containerPort", item.get("containerPort"));
                } else {
                    key.set("port", item.get("port"));
                }
                key.put("protocol", item.path("protocol").asText("TCP"));
                ObjectNode withDot = NODES.objectNode();
                withDot.putObject(".");
                withDot.setAll(fieldsV1(item, "ports[]"));
                items.set("k:" + key, withDot);
            }
            return items;
        }
        return NODES.objectNode();
    }

    private static void putIfAbsent(ObjectNode node, String field, Object value) {
        if (node == null || node.hasNonNull(field)) {
            return;
        }
        node.set(field, JSON.valueToTree(value));
    }
}
