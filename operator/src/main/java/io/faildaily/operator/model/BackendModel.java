package io.faildaily.operator.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.SmtpSpec;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.ExternalDatabaseSpec;
import io.faildaily.operator.api.FailDaily;

/** The backend API: its Deployment (port 3000) and internal Service. */
public final class BackendModel {
    public static final String CONTAINER = "backend";
    /** Liveness: 200 while the process serves, database or not (a restart would not bring the database back). */
    public static final String HEALTH_PATH = "/api/health";
    /** Readiness of app-backend: 503 while the database is unreachable or the server drains for a stop. */
    public static final String READY_PATH = "/api/health/ready";
    public static final String UPLOADS_PATH = "/app/uploads";
    public static final String LOGS_PATH = "/app/logs";
    /** The original backend's logs database, given through spec.backend.env with LOGS_DB_PORT, _USER, ... */
    static final String LOGS_DATABASE_HOST = "LOGS_DB_HOST";

    /** The backend's own rate limit (window in minutes, as the original): generous, because nginx limits each client. */
    static final List<EnvVar> RATE_LIMIT_DEFAULTS = List.of(
            Env.value("RATE_LIMIT_WINDOW", "15"), Env.value("RATE_LIMIT_MAX_REQUESTS", "100000"));

    private BackendModel() {}

    public static Service service(FailDaily fd) {
        return new ServiceBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.BACKEND, fd.getSpec().getBackend().getServiceAnnotations()))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(fd, Component.BACKEND))
                .addNewPort().withName("http").withPort(Defaults.BACKEND_PORT)
                .withTargetPort(new IntOrString("http")).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    public static Deployment deployment(FailDaily fd) {
        BackendSpec backend = fd.getSpec().getBackend();
        Deployment deployment = new DeploymentBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.BACKEND))
                .withNewSpec()
                // Held at zero while a restore runs, so nothing writes to the database meanwhile.
                // While autoscaled: none, the autoscaler's (the dependent keeps what runs).
                .withReplicas(BackupModel.restorePending(fd) ? Integer.valueOf(0)
                        : AutoscalerModel.backendWanted(fd) ? null : backend.getReplicas())
                .withNewSelector().withMatchLabels(Labels.selector(fd, Component.BACKEND)).endSelector()
                // Recreate while uploads or logs can attach to one node only: see Rollout.
                .withStrategy(Rollout.of(List.of(backend.getUploads(), fd.getSpec().getLogs())))
                .withNewTemplate()
                .withNewMetadata().withLabels(Labels.of(fd, Part.BACKEND)).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.APP_UID))
                .withImagePullSecrets(ImagePullSecrets.of(fd))
                .withTopologySpreadConstraints(NodeSpread.of(fd, Component.BACKEND))
                .withContainers(container(fd))
                .addNewVolume().withName("uploads").withNewPersistentVolumeClaim()
                .withClaimName(Names.of(fd, Part.UPLOADS)).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("app-logs").withNewPersistentVolumeClaim()
                .withClaimName(Names.of(fd, Part.LOGS)).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        PodPlacement.apply(fd, Component.BACKEND, backend.getPod(), deployment.getSpec().getTemplate());
        return deployment;
    }

    private static Container container(FailDaily fd) {
        BackendSpec backend = fd.getSpec().getBackend();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(backend.getImage())
                .withEnv(env(fd))
                .addNewPort().withName("http").withContainerPort(backend.getPort()).withProtocol("TCP").endPort()
                .withStartupProbe(health(HEALTH_PATH, backend.getPort(), 5, 5, 60))
                .withReadinessProbe(health(readinessPath(fd), backend.getPort(), 30, 10, 3))
                .withLivenessProbe(health(HEALTH_PATH, backend.getPort(), 30, 10, 3))
                .withResources(Resources.orDefault(backend.getResources(), "100m", "256Mi", "512Mi"))
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName("uploads").withMountPath(UPLOADS_PATH).endVolumeMount()
                .addNewVolumeMount().withName("app-logs").withMountPath(LOGS_PATH).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .build();
    }

    /** The original backend's environment, with secrets by reference. */
    public static List<EnvVar> env(FailDaily fd) {
        BackendSpec backend = fd.getSpec().getBackend();
        String credentials = Names.of(fd, Part.CREDENTIALS);
        List<EnvVar> env = new ArrayList<>();
        env.add(Env.value("NODE_ENV", "production"));
        env.add(Env.value("PORT", String.valueOf(backend.getPort())));
        ExternalDatabaseSpec external = fd.getSpec().getDatabase().getExternal();
        if (external == null) {
            env.add(Env.value("DB_HOST", Names.of(fd, Part.DATABASE)));
            env.add(Env.value("DB_PORT", String.valueOf(Defaults.DATABASE_PORT)));
            env.add(Env.value("DB_USER", Defaults.DATABASE_USER));
            env.add(Env.fromSecret("DB_PASSWORD", credentials, Names.SECRET_PASSWORD));
            env.add(Env.value("DB_NAME", Defaults.DATABASE_NAME));
        } else {
            env.add(Env.value("DB_HOST", external.getHost()));
            env.add(Env.value("DB_PORT", String.valueOf(external.getPort())));
            env.add(Env.value("DB_USER", external.getUser()));
            env.add(Env.fromSecret("DB_PASSWORD", external.getPasswordSecret(), external.getPasswordKey()));
            env.add(Env.value("DB_NAME", external.getDatabase()));
        }
        env.add(Env.fromSecret("JWT_SECRET", credentials, Names.SECRET_JWT));
        env.add(Env.value("CORS_ORIGIN", backend.getCorsOrigin() != null ? backend.getCorsOrigin() : AppUrl.of(fd)));
        // The original backend writes to a second "logs" database unless told not to. The operator runs none:
        // disabled, unless spec.backend.env gives one (LOGS_DB_HOST and the other LOGS_DB_* variables).
        env.add(Env.value("LOGS_DB_DISABLED", String.valueOf(!logsDatabaseGiven(backend))));
        env.add(Env.value("UPLOAD_DIR", UPLOADS_PATH));
        env.add(Env.value("LOG_DIR", LOGS_PATH));
        env.add(Env.value("KEEP_ALIVE_TIMEOUT", String.valueOf(backend.getKeepAliveTimeout() * 1000L)));
        env.add(Env.value("MAX_CONNECTIONS", String.valueOf(backend.getMaxConnections())));
        env.addAll(mail(fd));
        if (!backend.getAdminEmails().isEmpty()) {
            env.add(Env.value("ADMIN_EMAILS", String.join(",", backend.getAdminEmails())));
        }
        env.addAll(backend.getEnv());
        // The backend counts requests per client address, and behind nginx every client has nginx's: its
        // original default (100 per 15 minutes) would be one budget for the whole site. nginx limits each
        // client (10 r/s, login 5 r/s); the backend's limit is only a backstop. spec.backend.env overrides.
        Set<String> given = backend.getEnv().stream().map(EnvVar::getName).collect(java.util.stream.Collectors.toSet());
        RATE_LIMIT_DEFAULTS.stream().filter(var -> !given.contains(var.getName())).forEach(env::add);
        return env;
    }

    /** The SMTP_* variables of spec.backend.smtp (its login by reference), and APP_WEB_URL for the mails' links. */
    static List<EnvVar> mail(FailDaily fd) {
        SmtpSpec smtp = fd.getSpec().getBackend().getSmtp();
        if (smtp == null) {
            return List.of();
        }
        List<EnvVar> env = new ArrayList<>(List.of(
                Env.value("SMTP_HOST", smtp.getHost()),
                Env.value("SMTP_PORT", String.valueOf(smtp.getPort())),
                Env.value("SMTP_SECURE", String.valueOf(smtp.getSecure()))));
        if (smtp.getFrom() != null) {
            env.add(Env.value("SMTP_FROM", smtp.getFrom()));
        }
        if (smtp.getCredentialsSecret() != null) {
            env.add(Env.fromSecret("SMTP_USER", smtp.getCredentialsSecret(), SmtpSpec.USERNAME_KEY));
            env.add(Env.fromSecret("SMTP_PASS", smtp.getCredentialsSecret(), SmtpSpec.PASSWORD_KEY));
        }
        env.add(Env.value("APP_WEB_URL", AppUrl.of(fd)));
        return env;
    }

    /** True when spec.backend.env names the original backend's logs database. */
    static boolean logsDatabaseGiven(BackendSpec backend) {
        return backend.getEnv().stream().anyMatch(var -> LOGS_DATABASE_HOST.equals(var.getName()));
    }

    /**
     * The readiness route of app-backend (the default image, any tag of it), so that a pod that lost the
     * database takes no traffic. Any other image may be the original Node.js backend, which has only
     * {@link #HEALTH_PATH}: it keeps that, rather than never becoming ready on a 404.
     */
    public static String readinessPath(FailDaily fd) {
        return repository(fd.getSpec().getBackend().getImage()).equals(repository(Defaults.BACKEND_IMAGE))
                ? READY_PATH : HEALTH_PATH;
    }

    /** The image without its tag or digest: registry.example:5000/team/app:1.2 -> registry.example:5000/team/app. */
    static String repository(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int tag = name.lastIndexOf(':');
        return tag > name.lastIndexOf('/') ? name.substring(0, tag) : name;
    }

    private static Probe health(String path, int port, int periodSeconds, int timeoutSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(timeoutSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
