package io.faildaily.operator.model;

import static io.faildaily.operator.model.ModelAssertions.env;
import static io.faildaily.operator.model.ModelAssertions.envNames;
import static io.faildaily.operator.model.ModelAssertions.mount;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ReservedEnv;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** The seed's backend: port 3000, the original environment, /api/health, uploads and logs, UID 1001. */
class BackendModelTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");
    private final Deployment deployment = BackendModel.deployment(fd);
    private final PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    private final Container backend = pod.getContainers().get(0);

    @Test
    void listensOn3000() {
        assertThat(deployment.getMetadata().getName()).isEqualTo("fd-backend");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(backend.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(3000));
        assertThat(env(backend, "PORT").getValue()).isEqualTo("3000");
    }

    @Test
    void environmentKeepsTheOriginalNames() {
        assertThat(env(backend, "NODE_ENV").getValue()).isEqualTo("production");
        assertThat(env(backend, "DB_HOST").getValue()).isEqualTo("fd-database");
        assertThat(env(backend, "DB_PORT").getValue()).isEqualTo("3306");
        assertThat(env(backend, "DB_USER").getValue()).isEqualTo("faildaily_user");
        assertThat(env(backend, "DB_NAME").getValue()).isEqualTo("faildaily_prod");
        assertThat(env(backend, "LOGS_DB_DISABLED").getValue()).isEqualTo("true");
        assertThat(env(backend, "CORS_ORIGIN").getValue()).isEqualTo("http://fd-frontend.shop.svc");
        assertThat(env(backend, "KEEP_ALIVE_TIMEOUT").getValue()).isEqualTo("65000");
        assertThat(env(backend, "MAX_CONNECTIONS").getValue()).isEqualTo("100");
    }

    @Test
    void theOriginalBackendsWholeEnvironmentContractIsRendered() {
        // What the original Node.js backend reads (its docker-compose environment), each once.
        assertThat(envNames(backend)).contains("NODE_ENV", "PORT", "DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD",
                "DB_NAME", "JWT_SECRET", "CORS_ORIGIN", "LOGS_DB_DISABLED").doesNotHaveDuplicates();
        // Its uploads directory is /app/uploads (its working directory /app): the uploads volume is there.
        assertThat(mount(backend, "/app/uploads").getName()).isEqualTo("uploads");
        assertThat(env(backend, "UPLOAD_DIR").getValue()).isEqualTo("/app/uploads");
        // The same with an external database: DB_* from it, the password from its Secret.
        FailDaily external = FailDailies.of("shop", "fd", spec -> {
            io.faildaily.operator.api.ExternalDatabaseSpec db = new io.faildaily.operator.api.ExternalDatabaseSpec();
            db.setHost("mysql.example");
            db.setPasswordSecret("external-db");
            spec.getDatabase().setExternal(db);
        });
        Container onExternal = BackendModel.deployment(external).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(onExternal, "DB_HOST").getValue()).isEqualTo("mysql.example");
        assertThat(env(onExternal, "DB_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo("external-db");
        assertThat(env(onExternal, "LOGS_DB_DISABLED").getValue()).isEqualTo("true");
    }

    @Test
    void theLogsDatabaseIsDisabledUnlessTheEnvGivesOne() {
        assertThat(env(backend, "LOGS_DB_DISABLED").getValue()).isEqualTo("true");
        FailDaily withLogsDb = FailDailies.of("shop", "fd", spec -> spec.getBackend().setEnv(List.of(
                new EnvVar("LOGS_DB_HOST", "logs-mysql", null), new EnvVar("LOGS_DB_NAME", "faildaily_logs", null))));
        Container container = BackendModel.deployment(withLogsDb).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(container, "LOGS_DB_DISABLED").getValue()).isEqualTo("false");
        assertThat(env(container, "LOGS_DB_HOST").getValue()).isEqualTo("logs-mysql");
        // Another variable of the same family alone gives no database to write to.
        FailDaily nameOnly = FailDailies.of("shop", "fd", spec -> spec.getBackend().setEnv(List.of(
                new EnvVar("LOGS_DB_NAME", "faildaily_logs", null))));
        assertThat(env(BackendModel.deployment(nameOnly).getSpec().getTemplate().getSpec().getContainers().get(0),
                "LOGS_DB_DISABLED").getValue()).isEqualTo("true");
    }

    @Test
    void secretsArriveBySecretKeyRefOnly() {
        EnvVar password = env(backend, "DB_PASSWORD");
        EnvVar jwt = env(backend, "JWT_SECRET");
        assertThat(password.getValue()).isNull();
        assertThat(jwt.getValue()).isNull();
        assertThat(password.getValueFrom().getSecretKeyRef().getName()).isEqualTo("fd-credentials");
        assertThat(password.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(Names.SECRET_PASSWORD);
        assertThat(jwt.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(Names.SECRET_JWT);
    }

    @Test
    void probesEvery30sWithA10sTimeoutReadyOnlyWithTheDatabase() {
        for (var probe : List.of(backend.getReadinessProbe(), backend.getLivenessProbe())) {
            assertThat(probe.getHttpGet().getPort().getIntVal()).isEqualTo(3000);
            assertThat(probe.getPeriodSeconds()).isEqualTo(30);
            assertThat(probe.getTimeoutSeconds()).isEqualTo(10);
        }
        // app-backend's routes (HealthRoutes): ready answers 503 without the database, health 200 while it serves.
        assertThat(backend.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/api/health/ready");
        assertThat(backend.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/api/health");
        assertThat(backend.getStartupProbe().getHttpGet().getPath()).isEqualTo("/api/health");
    }

    @Test
    void anyTagOfTheDefaultImageIsReadyOnItsReadyRouteAnotherImageOnTheSeedsHealthRoute() {
        assertThat(readinessPath("ghcr.io/faildaily/faildaily-backend:0.2.0")).isEqualTo("/api/health/ready");
        assertThat(readinessPath("ghcr.io/faildaily/faildaily-backend@sha256:0123abcd")).isEqualTo("/api/health/ready");
        // The original Node.js backend has /api/health only: a 404 on a ready route would keep it unready for ever.
        assertThat(readinessPath("registry.example/faildaily-backend:node")).isEqualTo("/api/health");
        assertThat(readinessPath("registry.example:5000/faildaily")).isEqualTo("/api/health");
        assertThat(BackendModel.repository("registry.example:5000/team/app:1.2")).isEqualTo("registry.example:5000/team/app");
        assertThat(BackendModel.repository("registry.example:5000/team/app")).isEqualTo("registry.example:5000/team/app");
    }

    private static String readinessPath(String image) {
        FailDaily custom = FailDailies.of("shop", "fd");
        custom.getSpec().getBackend().setImage(image);
        return BackendModel.deployment(custom).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getReadinessProbe().getHttpGet().getPath();
    }

    @Test
    void uploadsAndLogsVolumesAreMounted() {
        assertThat(mount(backend, "/app/uploads").getName()).isEqualTo("uploads");
        assertThat(mount(backend, "/app/logs").getName()).isEqualTo("app-logs");
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("uploads");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("fd-uploads");
        });
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("app-logs");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("fd-logs");
        });
    }

    @Test
    void onReadWriteOnceVolumesTheOldPodIsGoneBeforeTheNewOneStartsOnReadWriteManyItRolls() {
        // A rolling update would start the new pod while the old one holds uploads and logs.
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate()).isNull();
        assertThat(BackendModel.deployment(withVolumes(List.of(VolumeSpec.AccessMode.ReadWriteMany),
                List.of(VolumeSpec.AccessMode.ReadWriteOnce))).getSpec().getStrategy().getType())
                .as("logs still on one node").isEqualTo("Recreate");
        assertThat(BackendModel.deployment(withVolumes(List.of(VolumeSpec.AccessMode.ReadWriteOncePod),
                List.of(VolumeSpec.AccessMode.ReadWriteMany))).getSpec().getStrategy().getType())
                .as("uploads for one pod only").isEqualTo("Recreate");
        // Only when both are shared across nodes may the new pods start before the old ones are gone.
        FailDaily shared = withVolumes(List.of(VolumeSpec.AccessMode.ReadWriteMany),
                List.of(VolumeSpec.AccessMode.ReadWriteOnce, VolumeSpec.AccessMode.ReadWriteMany));
        shared.getSpec().getBackend().setReplicas(3);
        Deployment d = BackendModel.deployment(shared);
        assertThat(d.getSpec().getReplicas()).isEqualTo(3);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
    }

    private static FailDaily withVolumes(List<VolumeSpec.AccessMode> uploads, List<VolumeSpec.AccessMode> logs) {
        FailDaily custom = FailDailies.of("shop", "fd");
        VolumeSpec uploadsVolume = new VolumeSpec();
        uploadsVolume.setAccessModes(uploads);
        custom.getSpec().getBackend().setUploads(uploadsVolume);
        VolumeSpec logsVolume = new VolumeSpec();
        logsVolume.setAccessModes(logs);
        custom.getSpec().setLogs(logsVolume);
        return custom;
    }

    @Test
    void runsAsUid1001NonRoot() {
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(1001L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(backend.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void aClusterIpServiceOn3000() {
        Service service = BackendModel.service(fd);
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(3000));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void specValuesFlowThrough() {
        FailDaily custom = FailDailies.of("shop", "fd");
        BackendSpec spec = new BackendSpec();
        spec.setReplicas(3);
        spec.setImage("registry.example/faildaily-backend:node");
        spec.setCorsOrigin("https://a.example,https://b.example");
        spec.setKeepAliveTimeout(30);
        spec.setEnv(List.of(new EnvVar("JWT_EXPIRES_IN", "12h", null)));
        custom.getSpec().setBackend(spec);
        Deployment d = BackendModel.deployment(custom);
        Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(d.getSpec().getReplicas()).isEqualTo(3);
        assertThat(c.getImage()).isEqualTo("registry.example/faildaily-backend:node");
        assertThat(env(c, "CORS_ORIGIN").getValue()).isEqualTo("https://a.example,https://b.example");
        assertThat(env(c, "KEEP_ALIVE_TIMEOUT").getValue()).isEqualTo("30000");
        assertThat(envNames(c)).containsSubsequence("MAX_CONNECTIONS", "JWT_EXPIRES_IN");
    }

    @Test
    void theBackendsOwnRateLimitIsABackstopBehindNginxAndCanBeOverridden() {
        assertThat(env(backend, "RATE_LIMIT_MAX_REQUESTS").getValue()).isEqualTo("100000");
        assertThat(env(backend, "RATE_LIMIT_WINDOW").getValue()).isEqualTo("15");
        FailDaily custom = FailDailies.of("shop", "fd");
        BackendSpec spec = new BackendSpec();
        spec.setEnv(List.of(new EnvVar("RATE_LIMIT_MAX_REQUESTS", "500", null)));
        custom.getSpec().setBackend(spec);
        Container c = BackendModel.deployment(custom).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("RATE_LIMIT_MAX_REQUESTS"))
                .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("500"));
    }

    @Test
    void theNamesSpecBackendEnvMayNotSetAreTheOnesTheOperatorSets() {
        // ReservedEnv is what the CRD and the operator refuse; this is what the model really sets. The rate
        // limit variables are defaults a user may override, so they are not reserved.
        assertThat(envNames(backend)).filteredOn(name -> !name.startsWith("RATE_LIMIT_"))
                .containsExactlyInAnyOrderElementsOf(ReservedEnv.NAMES);
    }

    @Test
    void theSmtpServerAndTheFirstAdministratorsAreRenderedOnlyWhenGiven() {
        Container plain = BackendModel.deployment(fd).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(envNames(plain)).doesNotContain("SMTP_HOST", "APP_WEB_URL", "ADMIN_EMAILS");

        FailDaily withMail = FailDailies.of("shop", "fd");
        io.faildaily.operator.api.SmtpSpec smtp = new io.faildaily.operator.api.SmtpSpec();
        smtp.setHost("smtp.example.org");
        smtp.setSecure(true);
        smtp.setPort(465);
        smtp.setFrom("FailDaily <no-reply@example.org>");
        smtp.setCredentialsSecret("faildaily-smtp");
        withMail.getSpec().getBackend().setSmtp(smtp);
        withMail.getSpec().getBackend().setAdminEmails(List.of("chief@example.org", "deputy@example.org"));
        Container backend = BackendModel.deployment(withMail).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(env(backend, "SMTP_HOST").getValue()).isEqualTo("smtp.example.org");
        assertThat(env(backend, "SMTP_PORT").getValue()).isEqualTo("465");
        assertThat(env(backend, "SMTP_SECURE").getValue()).isEqualTo("true");
        assertThat(env(backend, "SMTP_FROM").getValue()).isEqualTo("FailDaily <no-reply@example.org>");
        assertThat(env(backend, "SMTP_USER").getValue()).isNull();
        assertThat(env(backend, "SMTP_USER").getValueFrom().getSecretKeyRef().getName()).isEqualTo("faildaily-smtp");
        assertThat(env(backend, "SMTP_USER").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("username");
        assertThat(env(backend, "SMTP_PASS").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(env(backend, "APP_WEB_URL").getValue()).isEqualTo(AppUrl.of(withMail));
        assertThat(env(backend, "ADMIN_EMAILS").getValue()).isEqualTo("chief@example.org,deputy@example.org");
        assertThat(envNames(backend)).doesNotHaveDuplicates();

        smtp.setCredentialsSecret(null);
        smtp.setFrom(null);
        Container noLogin = BackendModel.deployment(withMail).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(envNames(noLogin)).contains("SMTP_HOST", "SMTP_PORT", "APP_WEB_URL")
                .doesNotContain("SMTP_USER", "SMTP_PASS", "SMTP_FROM");
    }
}
