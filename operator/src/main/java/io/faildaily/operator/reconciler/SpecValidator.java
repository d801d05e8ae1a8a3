package io.faildaily.operator.reconciler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.faildaily.operator.api.AutoscalingSpec;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.ExternalDatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.ImagePullSecret;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.InstanceName;
import io.faildaily.operator.api.NginxSpec;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.api.Patterns;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.api.ReservedEnv;
import io.faildaily.operator.api.SmtpSpec;
import io.faildaily.operator.api.ServiceSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.model.Component;
import io.faildaily.operator.model.DatabaseMemory;
import io.faildaily.operator.model.OperatorPods;
import io.faildaily.operator.model.VolumeAccess;

/**
 * Every rule a FailDaily must follow, checked before anything is touched. The CRD schema holds the same
 * limits where OpenAPI or its CEL rules can say them (from the same constants in api/); they are checked
 * again here because a schema can be bypassed (an old CRD, a test API server, `render` offline) and because
 * some rules (cron field ranges) are beyond what the schema says.
 */
public final class SpecValidator {
    private static final Pattern INSTANCE_NAME = Pattern.compile(InstanceName.PATTERN);
    /** The CRD's @Max of spec.database.maxConnections. */
    private static final int DATABASE_MAX_CONNECTIONS = 100000;
    private static final Pattern ENV_NAME = Pattern.compile("^[-._a-zA-Z][-._a-zA-Z0-9]*$");

    private final List<Violation> violations = new ArrayList<>();

    private SpecValidator() {}

    /** Empty when the FailDaily can be reconciled. */
    public static List<Violation> validate(FailDaily fd) {
        SpecValidator validator = new SpecValidator();
        validator.check(fd);
        if (validator.violations.isEmpty() && fd.getSpec() != null) {
            // Only a spec that renders: what users add to pods is then held against the operator's own pods.
            validator.podExtrasAgainstRendered(fd);
        }
        return List.copyOf(validator.violations);
    }

    private void podExtrasAgainstRendered(FailDaily fd) {
        FailDailySpec spec = fd.getSpec();
        if (spec.getDatabase().getExternal() == null) {
            extrasAgainst(fd, "spec.database.pod", spec.getDatabase().getPod(), Component.DATABASE);
        }
        extrasAgainst(fd, "spec.backend.pod", spec.getBackend().getPod(), Component.BACKEND);
        extrasAgainst(fd, "spec.frontend.pod", spec.getFrontend().getPod(), Component.FRONTEND);
        extrasAgainst(fd, "spec.backup.pod", spec.getBackup().getPod(), Component.BACKUP);
    }

    private void extrasAgainst(FailDaily fd, String field, PodPlacementSpec pod, Component component) {
        if (pod.getVolumes().isEmpty() && pod.getVolumeMounts().isEmpty() && pod.getSidecars().isEmpty()) {
            return;
        }
        violations.addAll(PodExtrasRules.against(field, pod, OperatorPods.of(fd, component)));
    }

    private void check(FailDaily fd) {
        String name = fd.getMetadata().getName();
        if (name == null || !INSTANCE_NAME.matcher(name).matches() || name.length() > InstanceName.MAX_LENGTH) {
            add("metadata.name", InstanceName.PROBLEM);
        }
        FailDailySpec spec = fd.getSpec();
        if (spec == null) {
            return;
        }
        if (spec.readProblem() != null) {
            add("spec", "cannot be read: " + spec.readProblem());
            return;
        }
        database(spec.getDatabase());
        backend(spec.getBackend());
        sharedByBackendPods(spec);
        frontend(spec.getFrontend());
        volume("spec.logs", spec.getLogs());
        backup(spec.getBackup());
        imagePullSecrets("spec.imagePullSecrets", spec.getImagePullSecrets());
        pod("spec.database.pod", spec.getDatabase().getPod());
        pod("spec.backend.pod", spec.getBackend().getPod());
        pod("spec.frontend.pod", spec.getFrontend().getPod());
        pod("spec.backup.pod", spec.getBackup().getPod());
        if (!spec.getBackup().getPod().getSidecars().isEmpty()) {
            add("spec.backup.pod.sidecars", "is refused: a Job ends when its containers end, and a sidecar would keep "
                    + "the backup and restore Jobs running");
        }
        violations.addAll(PodPlacementRules.annotations("spec.database.serviceAnnotations",
                spec.getDatabase().getServiceAnnotations()));
        violations.addAll(PodPlacementRules.annotations("spec.backend.serviceAnnotations",
                spec.getBackend().getServiceAnnotations()));
        violations.addAll(PodPlacementRules.annotations("spec.frontend.service.annotations",
                spec.getFrontend().getService().getAnnotations()));
        UnknownFields.of("spec.backup.resources", spec.getBackup().getResources())
                .forEach(path -> add(path, "is not a field of ResourceRequirements"));
    }

    /** A component's placement; its own pull secrets, when it has them, as spec.imagePullSecrets are checked. */
    private void pod(String field, PodPlacementSpec pod) {
        violations.addAll(PodPlacementRules.check(field, pod));
        violations.addAll(PodExtrasRules.check(field, pod));
        if (pod.getImagePullSecrets() != null) {
            imagePullSecrets(field + ".imagePullSecrets", pod.getImagePullSecrets());
        }
    }

    private void database(DatabaseSpec db) {
        image("spec.database.image", db.getImage());
        matches("spec.database.bufferPoolSize", db.getBufferPoolSize(), Patterns.MYSQL_SIZE, "a MySQL size such as 256M");
        range("spec.database.maxConnections", db.getMaxConnections(), 1, DATABASE_MAX_CONNECTIONS);
        volume("spec.database.storage", db.getStorage());
        memory(db);
        matches("spec.database.initScripts", db.getInitScripts(), Patterns.OBJECT_NAME, "the name of a ConfigMap");
        ExternalDatabaseSpec external = db.getExternal();
        if (external != null && db.getInitScripts() != null) {
            add("spec.database.initScripts", DatabaseSpec.INIT_SCRIPTS_NEED_IN_CLUSTER);
        }
        if (external != null) {
            required("spec.database.external.host", external.getHost());
            matches("spec.database.external.host", external.getHost(), "^[^\\s/:]+$", "a host name or IP address");
            range("spec.database.external.port", external.getPort(), 1, 65535);
            required("spec.database.external.passwordSecret", external.getPasswordSecret());
            matches("spec.database.external.passwordSecret", external.getPasswordSecret(), Patterns.OBJECT_NAME,
                    "the name of a Secret");
        }
    }

    /**
     * An in-cluster database whose buffer pool and connections cannot stay under its memory bound would be
     * OOM-killed under load: refused (DatabaseMemory says which field and why). Checked only once the
     * fields it reads are valid, so that one mistake is reported once.
     */
    private void memory(DatabaseSpec db) {
        boolean readable = db.getBufferPoolSize().matches(Patterns.MYSQL_SIZE)
                && db.getMaxConnections() >= 1 && db.getMaxConnections() <= DATABASE_MAX_CONNECTIONS;
        if (db.inCluster() && readable) {
            DatabaseMemory.refusal(db).ifPresent(refusal -> add(refusal.field(), refusal.message()));
        }
    }

    private void backend(BackendSpec backend) {
        image("spec.backend.image", backend.getImage());
        range("spec.backend.replicas", backend.getReplicas(), 0, Defaults.MAX_REPLICAS);
        range("spec.backend.port", backend.getPort(), 1024, 65535);
        range("spec.backend.keepAliveTimeout", backend.getKeepAliveTimeout(), 1, 3600);
        range("spec.backend.maxConnections", backend.getMaxConnections(), 1, 100000);
        volume("spec.backend.uploads", backend.getUploads());
        autoscaling("spec.backend.autoscaling", backend.getAutoscaling());
        smtp(backend.getSmtp());
        List<String> admins = backend.getAdminEmails();
        if (admins.size() > Defaults.MAX_ADMIN_EMAILS) {
            add("spec.backend.adminEmails", "must have at most " + Defaults.MAX_ADMIN_EMAILS + " entries, not " + admins.size());
        }
        for (int i = 0; i < admins.size(); i++) {
            if (admins.get(i) == null) {
                add("spec.backend.adminEmails[" + i + "]", "must be an e-mail address");
            } else {
                matches("spec.backend.adminEmails[" + i + "]", admins.get(i), Patterns.EMAIL, "an e-mail address");
            }
        }
        Set<String> seen = new HashSet<>();
        List<EnvVar> env = backend.getEnv();
        if (env.size() > Defaults.MAX_BACKEND_ENV) {
            add("spec.backend.env", "must have at most " + Defaults.MAX_BACKEND_ENV + " entries, not " + env.size());
        }
        for (int i = 0; i < env.size(); i++) {
            EnvVar var = env.get(i);
            String field = "spec.backend.env[" + i + "].name";
            if (var == null || var.getName() == null || !ENV_NAME.matcher(var.getName()).matches()) {
                add(field, "must be a valid environment variable name");
            } else if (ReservedEnv.NAMES.contains(var.getName())) {
                add(field, var.getName() + " is set by the operator and cannot be overridden");
            } else if (backend.getSmtp() != null && SmtpSpec.NAMES.contains(var.getName())) {
                add(field, var.getName() + " is set by the operator from spec.backend.smtp");
            } else if (!backend.getAdminEmails().isEmpty() && "ADMIN_EMAILS".equals(var.getName())) {
                add(field, "ADMIN_EMAILS is set by the operator from spec.backend.adminEmails");
            } else if (!seen.add(var.getName())) {
                add(field, var.getName() + " is listed twice");
            }
        }
    }

    /**
     * Several backend pods mount the uploads and logs claims together, and the scheduler may put them on
     * different nodes: a claim that attaches to one node only (ReadWriteOnce, ReadWriteOncePod) would leave
     * every pod elsewhere waiting for it for ever. So several pods need ReadWriteMany on both.
     */
    private void sharedByBackendPods(FailDailySpec spec) {
        if (spec.getBackend().getAutoscaling() != null) {
            autoscaledBackendShares("spec.backend.uploads", spec.getBackend().getUploads());
            autoscaledBackendShares("spec.logs", spec.getLogs());
            return; // the autoscaler's pods, not spec.backend.replicas
        }
        int replicas = spec.getBackend().getReplicas();
        if (replicas <= 1 || replicas > Defaults.MAX_REPLICAS) {
            return; // one pod shares nothing; out of range is refused as such
        }
        shared("spec.backend.uploads", spec.getBackend().getUploads(), replicas);
        shared("spec.logs", spec.getLogs(), replicas);
    }

    private void autoscaledBackendShares(String field, VolumeSpec volume) {
        if (!VolumeAccess.manyNodes(volume)) {
            add(field + ".accessModes", "must include ReadWriteMany: autoscaling the backend (spec.backend.autoscaling) "
                    + "requires uploads and logs on ReadWriteMany storage, since the autoscaler adds backend pods, which "
                    + "mount this volume together and may run on different nodes; " + volume.getAccessModes()
                    + " attaches to one node only");
        }
    }

    /** Bounds as the CRD has them; maxReplicas required and at least minReplicas. */
    private void autoscaling(String field, AutoscalingSpec autoscaling) {
        if (autoscaling == null) {
            return;
        }
        int min = autoscaling.getMinReplicas();
        range(field + ".minReplicas", min, 1, Defaults.MAX_REPLICAS);
        Integer max = autoscaling.getMaxReplicas();
        if (max == null) {
            add(field + ".maxReplicas", "is required");
        } else if (max < 1 || max > Defaults.MAX_REPLICAS) {
            range(field + ".maxReplicas", max, 1, Defaults.MAX_REPLICAS);
        } else if (max < min) {
            add(field + ".maxReplicas", "must be at least minReplicas (" + min + "), not " + max);
        }
        range(field + ".targetCPUUtilizationPercentage", autoscaling.getTargetCPUUtilizationPercentage(), 1, 1000);
        range(field + ".targetMemoryUtilizationPercentage", autoscaling.getTargetMemoryUtilizationPercentage(), 1, 1000);
    }

    private void shared(String field, VolumeSpec volume, int replicas) {
        if (!VolumeAccess.manyNodes(volume)) {
            add(field + ".accessModes", "must include ReadWriteMany for " + replicas + " backend pods "
                    + "(spec.backend.replicas), which mount this volume together and may run on different nodes; "
                    + volume.getAccessModes() + " attaches to one node only. Use ReadWriteMany storage, or 1 replica");
        }
    }

    private void frontend(FrontendSpec frontend) {
        image("spec.frontend.image", frontend.getImage());
        range("spec.frontend.replicas", frontend.getReplicas(), 0, Defaults.MAX_REPLICAS);
        ServiceSpec service = frontend.getService();
        range("spec.frontend.service.port", service.getPort(), 1, 65535);
        if (service.getNodePort() != null) {
            range("spec.frontend.service.nodePort", service.getNodePort(), 30000, 32767);
            if (service.getType() == ServiceSpec.Type.ClusterIP) {
                add("spec.frontend.service.nodePort", ServiceSpec.NODE_PORT_NEEDS_TYPE);
            }
        }
        IngressSpec ingress = frontend.getIngress();
        if (ingress != null) {
            required("spec.frontend.ingress.host", ingress.getHost());
            matches("spec.frontend.ingress.host", ingress.getHost(), Patterns.DNS_NAME, "a DNS name");
            matches("spec.frontend.ingress.className", ingress.getClassName(), Patterns.OBJECT_NAME, "a name");
            matches("spec.frontend.ingress.tlsSecretName", ingress.getTlsSecretName(), Patterns.OBJECT_NAME,
                    "the name of a Secret");
            violations.addAll(PodPlacementRules.annotations("spec.frontend.ingress.annotations", ingress.getAnnotations()));
        }
        NginxSpec nginx = frontend.getNginx();
        matches("spec.frontend.nginx.workerProcesses", nginx.getWorkerProcesses(), Patterns.WORKER_PROCESSES,
                "auto or a number");
        range("spec.frontend.nginx.keepaliveTimeout", nginx.getKeepaliveTimeout(), 0, 3600);
        List<String> proxies = nginx.getTrustedProxies();
        for (int i = 0; i < proxies.size(); i++) {
            String proxy = proxies.get(i);
            if (proxy == null || !proxy.matches(Patterns.CIDR)) {
                add("spec.frontend.nginx.trustedProxies[" + i + "]", "must be an IP address or CIDR block, not '"
                        + (proxy == null ? "null" : abbreviate(proxy)) + "'");
            }
        }
        matches("spec.frontend.nginx.clientMaxBodySize", nginx.getClientMaxBodySize(), Patterns.NGINX_SIZE,
                "an nginx size such as 10M");
        contentSecurityPolicy(nginx.getContentSecurityPolicy());
        volume("spec.frontend.cache", frontend.getCache());
        autoscaling("spec.frontend.autoscaling", frontend.getAutoscaling());
    }

    /** Goes into nginx.conf in double quotes: nothing that would end that string or give it another meaning. */
    private void contentSecurityPolicy(String policy) {
        String field = "spec.frontend.nginx.contentSecurityPolicy";
        if (policy == null) {
            return;
        }
        if (policy.length() > Patterns.CONTENT_SECURITY_POLICY_MAX_LENGTH) {
            add(field, "must be at most " + Patterns.CONTENT_SECURITY_POLICY_MAX_LENGTH + " characters, not " + policy.length());
        } else if (!policy.matches(Patterns.CONTENT_SECURITY_POLICY)) {
            int at = 0;
            while (String.valueOf(policy.charAt(at)).matches(Patterns.CONTENT_SECURITY_POLICY)) {
                at++;
            }
            add(field, "must be printable ASCII without double quotes, backslashes, $ or braces (nginx.conf carries it "
                    + "in a double-quoted string), not " + visible(policy.charAt(at)) + " at position " + (at + 1));
        }
    }

    /** A character as a message can show it: control characters by their escape or code. */
    private static String visible(char c) {
        return switch (c) {
            case '\n' -> "a newline";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            default -> c < 0x20 || c == 0x7f ? String.format("the control character U+%04X", (int) c)
                    : c > 0x7e ? String.format("'%c' (U+%04X, not ASCII)", c, (int) c) : "'" + c + "'";
        };
    }

    private void backup(BackupSpec backup) {
        String schedule = backup.getSchedule();
        if (!schedule.matches(Patterns.CRON)) {
            add("spec.backup.schedule", "must be a cron expression such as '0 3 * * *'");
        } else {
            CronSchedule.problem(schedule).ifPresent(problem -> add("spec.backup.schedule", problem));
        }
        range("spec.backup.retention", backup.getRetention(), 1, 1000);
        volume("spec.backup.storage", backup.getStorage());
        if (backup.getObjectStore() != null) {
            objectStore("spec.backup.objectStore", backup.getObjectStore());
        }
    }

    private void objectStore(String field, ObjectStoreSpec store) {
        required(field + ".endpoint", store.getEndpoint());
        matches(field + ".endpoint", store.getEndpoint(), Patterns.ENDPOINT,
                "an http:// or https:// URL of a host (and port), without a path");
        required(field + ".bucket", store.getBucket());
        matches(field + ".bucket", store.getBucket(), Patterns.BUCKET,
                "a bucket name: 3 to 63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit");
        if (store.getBucket() != null && store.getBucket().contains("..")) {
            add(field + ".bucket", "must not contain '..', not '" + abbreviate(store.getBucket()) + "'");
        }
        matches(field + ".prefix", store.getPrefix(), Patterns.OBJECT_PREFIX,
                "a folder such as 'backups/shop', without leading or trailing '/' and no segment starting with '.'");
        required(field + ".credentialsSecret", store.getCredentialsSecret());
        matches(field + ".credentialsSecret", store.getCredentialsSecret(), Patterns.OBJECT_NAME, "the name of a Secret");
    }

    private void volume(String field, VolumeSpec volume) {
        if (volume.getSize() != null) {
            if (!volume.getSize().matches(Patterns.QUANTITY)) {
                add(field + ".size", "must be a Kubernetes quantity such as 10Gi");
            } else if (volume.getSize().matches("^0+(\\.0+)?[A-Za-z]*$")) {
                add(field + ".size", "must be larger than zero");
            }
        }
        matches(field + ".storageClassName", volume.getStorageClassName(), Patterns.OBJECT_NAME,
                "the name of a StorageClass");
        // The API server refuses such a claim: one pod only cannot also be many nodes.
        List<VolumeSpec.AccessMode> modes = volume.getAccessModes();
        if (modes.stream().anyMatch(Objects::isNull)) {
            add(field + ".accessModes", "must list only ReadWriteOnce, ReadWriteMany or ReadWriteOncePod, not null");
        } else if (modes.contains(VolumeSpec.AccessMode.ReadWriteOncePod) && Set.copyOf(modes).size() > 1) {
            add(field + ".accessModes", "ReadWriteOncePod cannot be combined with another access mode, not " + modes);
        }
    }

    private void imagePullSecrets(String list, List<ImagePullSecret> secrets) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < secrets.size(); i++) {
            ImagePullSecret secret = secrets.get(i);
            String field = list + "[" + i + "].name";
            String name = secret == null ? null : secret.getName();
            required(field, name);
            if (name != null && !name.isBlank()) {
                matches(field, name, Patterns.OBJECT_NAME, "the name of a Secret");
                if (name.length() > 253) {
                    add(field, "must be at most 253 characters");
                } else if (!seen.add(name)) {
                    add(field, name + " is listed twice");
                }
            }
        }
    }

    private void image(String field, String image) {
        matches(field, image, Patterns.IMAGE, "an image reference without spaces");
    }

    private void required(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
        }
    }

    private void smtp(SmtpSpec smtp) {
        if (smtp == null) {
            return;
        }
        if (smtp.getHost() == null) {
            add("spec.backend.smtp.host", "is required");
        }
        matches("spec.backend.smtp.host", smtp.getHost(), Patterns.HOST_NAME, "a host name or IP address");
        range("spec.backend.smtp.port", smtp.getPort(), 1, 65535);
        matches("spec.backend.smtp.from", smtp.getFrom(), Patterns.MAIL_SENDER,
                "an address, or a name and an address as 'Name <address>'");
        matches("spec.backend.smtp.credentialsSecret", smtp.getCredentialsSecret(), Patterns.OBJECT_NAME,
                "the name of a Secret");
    }

    private void matches(String field, String value, String pattern, String expected) {
        if (value != null && !value.matches(pattern)) {
            add(field, "must be " + expected + ", not '" + abbreviate(value) + "'");
        }
    }

    private void range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            add(field, "must be between " + min + " and " + max + ", not " + value);
        }
    }

    private void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
