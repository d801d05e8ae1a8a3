package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Consumer;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.faildaily.operator.api.BackendSpec;
import io.faildaily.operator.api.BackupSpec;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.ExternalDatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.FailDailySpec;
import io.faildaily.operator.api.FrontendSpec;
import io.faildaily.operator.api.ImagePullSecret;
import io.faildaily.operator.api.IngressSpec;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.api.ServiceSpec;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** What the reconciler refuses, and that each refusal names the field. */
class SpecValidatorTest {
    @Test
    void anEmptySpecIsValid() {
        assertThat(SpecValidator.validate(FailDailies.of("ns", "faildaily"))).isEmpty();
    }

    @Test
    void namesMustFitTheChildNames() {
        assertThat(fields(FailDailies.of("ns", "a".repeat(41)))).containsExactly("metadata.name");
        assertThat(fields(FailDailies.of("ns", "1abc"))).containsExactly("metadata.name");
        assertThat(fields(FailDailies.of("ns", "Upper"))).containsExactly("metadata.name");
        assertThat(SpecValidator.validate(FailDailies.of("ns", "a".repeat(40)))).isEmpty();
    }

    @Test
    void replicasOutsideZeroToAHundred() {
        assertThat(fields(spec(s -> s.setBackend(backend(b -> b.setReplicas(-1)))))).containsExactly("spec.backend.replicas");
        assertThat(fields(spec(s -> s.setBackend(backend(b -> b.setReplicas(101)))))).containsExactly("spec.backend.replicas");
        assertThat(fields(spec(s -> s.setBackend(backend(b -> b.setReplicas(0)))))).isEmpty();
    }

    @Test
    void quantitiesAndImages() {
        assertThat(fields(spec(s -> s.setLogs(new VolumeSpec("ten gigs"))))).containsExactly("spec.logs.size");
        assertThat(fields(spec(s -> s.setLogs(new VolumeSpec("0Gi"))))).containsExactly("spec.logs.size");
        assertThat(fields(spec(s -> s.setLogs(new VolumeSpec("1.5Ti"))))).isEmpty();
        assertThat(fields(spec(s -> s.setBackend(backend(b -> b.setImage("")))))).containsExactly("spec.backend.image");
        assertThat(fields(spec(s -> s.setBackend(backend(b -> b.setImage("a b")))))).containsExactly("spec.backend.image");
    }

    @Test
    void anObjectStoreNeedsAUrlABucketNameAndASecret() {
        assertThat(fields(spec(s -> s.getBackup().setObjectStore(store("https://s3.eu-west-1.amazonaws.com", "acme-backups", "keys")))))
                .isEmpty();
        assertThat(fields(spec(s -> s.getBackup().setObjectStore(store("http://minio.storage:9000/", "a.b-c", "keys")))))
                .isEmpty();
        assertThat(fields(spec(s -> s.getBackup().setObjectStore(store("s3.amazonaws.com", "acme", "keys")))))
                .containsExactly("spec.backup.objectStore.endpoint");
        assertThat(fields(spec(s -> s.getBackup().setObjectStore(store("https://s3.amazonaws.com/bucket", "acme", "keys")))))
                .containsExactly("spec.backup.objectStore.endpoint");
        for (String bucket : List.of("ab", "Acme", "acme_backups", "-acme", "acme..backups", "a".repeat(64))) {
            assertThat(fields(spec(s -> s.getBackup().setObjectStore(store("https://s3.amazonaws.com", bucket, "keys")))))
                    .as(bucket).containsExactly("spec.backup.objectStore.bucket");
        }
        assertThat(SpecValidator.validate(spec(s -> s.getBackup().setObjectStore(store("https://s3.amazonaws.com", "acme..b", "keys")))))
                .extracting(Violation::message).containsExactly("must not contain '..', not 'acme..b'");
        assertThat(fields(spec(s -> s.getBackup().setObjectStore(store(null, null, null))))).containsExactly(
                "spec.backup.objectStore.endpoint", "spec.backup.objectStore.bucket", "spec.backup.objectStore.credentialsSecret");
        for (String prefix : List.of("/shop", "shop/", "shop/../x", ".hidden", "a b")) {
            assertThat(fields(spec(s -> {
                s.getBackup().setObjectStore(store("https://s3.amazonaws.com", "acme", "keys"));
                s.getBackup().getObjectStore().setPrefix(prefix);
            }))).as(prefix).containsExactly("spec.backup.objectStore.prefix");
        }
    }

    private static ObjectStoreSpec store(String endpoint, String bucket, String secret) {
        ObjectStoreSpec store = new ObjectStoreSpec();
        store.setEndpoint(endpoint);
        store.setBucket(bucket);
        store.setCredentialsSecret(secret);
        return store;
    }

    @Test
    void bufferPoolSizeInMysqlSyntax() {
        DatabaseSpec db = new DatabaseSpec();
        db.setBufferPoolSize("256MB");
        assertThat(fields(spec(s -> s.setDatabase(db)))).containsExactly("spec.database.bufferPoolSize");
    }

    @Test
    void backupScheduleAndRetention() {
        BackupSpec backup = new BackupSpec();
        backup.setSchedule("0 25 * * *");
        backup.setRetention(0);
        assertThat(fields(spec(s -> s.setBackup(backup)))).containsExactly("spec.backup.schedule", "spec.backup.retention");
    }

    @Test
    void externalDatabaseNeedsHostAndSecret() {
        DatabaseSpec db = new DatabaseSpec();
        db.setExternal(new ExternalDatabaseSpec());
        assertThat(fields(spec(s -> s.setDatabase(db))))
                .containsExactly("spec.database.external.host", "spec.database.external.passwordSecret");
    }

    @Test
    void initScriptsNameAConfigMapOfTheInClusterDatabase() {
        DatabaseSpec db = new DatabaseSpec();
        db.setInitScripts("Schema Files");
        assertThat(fields(spec(s -> s.setDatabase(db)))).containsExactly("spec.database.initScripts");
        db.setInitScripts("faildaily-schema");
        assertThat(fields(spec(s -> s.setDatabase(db)))).isEmpty();
        ExternalDatabaseSpec external = new ExternalDatabaseSpec();
        external.setHost("mysql.example");
        external.setPasswordSecret("db");
        db.setExternal(external);
        assertThat(messages(spec(s -> s.setDatabase(db))))
                .containsExactly("spec.database.initScripts: " + DatabaseSpec.INIT_SCRIPTS_NEED_IN_CLUSTER);
    }

    @Test
    void nodePortNeedsANodePortService() {
        FrontendSpec frontend = new FrontendSpec();
        ServiceSpec service = new ServiceSpec();
        service.setNodePort(30080);
        frontend.setService(service);
        assertThat(fields(spec(s -> s.setFrontend(frontend)))).containsExactly("spec.frontend.service.nodePort");
        service.setType(ServiceSpec.Type.NodePort);
        assertThat(fields(spec(s -> s.setFrontend(frontend)))).isEmpty();
        service.setNodePort(80);
        assertThat(fields(spec(s -> s.setFrontend(frontend)))).containsExactly("spec.frontend.service.nodePort");
    }

    @Test
    void ingressNeedsADnsHost() {
        FrontendSpec frontend = new FrontendSpec();
        frontend.setIngress(new IngressSpec());
        assertThat(fields(spec(s -> s.setFrontend(frontend)))).containsExactly("spec.frontend.ingress.host");
        frontend.getIngress().setHost("Not A Host");
        assertThat(fields(spec(s -> s.setFrontend(frontend)))).containsExactly("spec.frontend.ingress.host");
    }

    @Test
    void extraEnvMayNotOverrideOrRepeat() {
        List<Violation> violations = SpecValidator.validate(spec(s -> s.setBackend(backend(b -> b.setEnv(List.of(
                new EnvVar("JWT_SECRET", "x", null), new EnvVar("A", "1", null), new EnvVar("A", "2", null),
                new EnvVar("bad name", "1", null)))))));
        assertThat(violations).extracting(Violation::field).containsExactly("spec.backend.env[0].name",
                "spec.backend.env[2].name", "spec.backend.env[3].name");
        assertThat(violations.get(0).message()).contains("JWT_SECRET is set by the operator");
    }

    @Test
    void extraEnvHasAtMostAHundredEntries() {
        List<EnvVar> hundred = java.util.stream.IntStream.range(0, 100).mapToObj(i -> new EnvVar("V" + i, "x", null)).toList();
        assertThat(fields(spec(s -> s.setBackend(backend(b -> b.setEnv(hundred)))))).isEmpty();
        List<EnvVar> more = new java.util.ArrayList<>(hundred);
        more.add(new EnvVar("V100", "x", null));
        List<Violation> violations = SpecValidator.validate(spec(s -> s.setBackend(backend(b -> b.setEnv(more)))));
        assertThat(violations).extracting(Violation::field).containsExactly("spec.backend.env");
        assertThat(violations.get(0).message()).isEqualTo("must have at most 100 entries, not 101");
    }

    @Test
    void imagePullSecretsAreSecretNamesEachListedOnce() {
        List<ImagePullSecret> secrets = new java.util.ArrayList<>(List.of(ImagePullSecret.named("regcred"),
                ImagePullSecret.named("Bad_Name"), ImagePullSecret.named("regcred"), new ImagePullSecret(),
                ImagePullSecret.named("a".repeat(254))));
        secrets.add(null);
        List<Violation> violations = SpecValidator.validate(spec(s -> s.setImagePullSecrets(secrets)));
        assertThat(violations).extracting(Violation::field).containsExactly("spec.imagePullSecrets[1].name",
                "spec.imagePullSecrets[2].name", "spec.imagePullSecrets[3].name", "spec.imagePullSecrets[4].name",
                "spec.imagePullSecrets[5].name");
        assertThat(violations).extracting(Violation::message).containsExactly(
                "must be the name of a Secret, not 'Bad_Name'", "regcred is listed twice", "is required",
                "must be at most 253 characters", "is required");
        assertThat(fields(spec(s -> s.setImagePullSecrets(List.of(ImagePullSecret.named("a.b-c")))))).isEmpty();
        assertThat(fields(spec(s -> s.setImagePullSecrets(List.of())))).isEmpty();
    }

    @Test
    void severalBackendPodsOnReadWriteOnceUploadsAreRefusedNamingReadWriteManyButNotOnReadWriteMany() {
        List<Violation> violations = SpecValidator.validate(spec(s -> s.setBackend(backend(b -> b.setReplicas(3)))));
        assertThat(violations).extracting(Violation::field)
                .containsExactly("spec.backend.uploads.accessModes", "spec.logs.accessModes");
        assertThat(violations.get(0).message()).contains("ReadWriteMany", "3 backend pods", "[ReadWriteOnce]");
        assertThat(violations.get(1).message()).contains("ReadWriteMany");
        // ReadWriteOncePod is no better: one pod only.
        assertThat(fields(spec(s -> {
            s.setBackend(backend(b -> {
                b.setReplicas(2);
                b.setUploads(volume(VolumeSpec.AccessMode.ReadWriteOncePod));
            }));
            s.setLogs(volume(VolumeSpec.AccessMode.ReadWriteMany));
        }))).containsExactly("spec.backend.uploads.accessModes");
        // Accepted: several pods on ReadWriteMany uploads and logs, and one pod on any.
        assertThat(SpecValidator.validate(spec(s -> {
            s.setBackend(backend(b -> {
                b.setReplicas(3);
                b.setUploads(volume(VolumeSpec.AccessMode.ReadWriteOnce, VolumeSpec.AccessMode.ReadWriteMany));
            }));
            s.setLogs(volume(VolumeSpec.AccessMode.ReadWriteMany));
            s.getFrontend().setReplicas(2);
        }))).isEmpty();
        assertThat(SpecValidator.validate(spec(s -> s.setBackend(backend(b -> b.setReplicas(1)))))).isEmpty();
        assertThat(SpecValidator.validate(spec(s -> s.setBackend(backend(b -> {
            b.setReplicas(1);
            b.setUploads(volume(VolumeSpec.AccessMode.ReadWriteOncePod));
        }))))).isEmpty();
    }

    @Test
    void readWriteOncePodGoesAloneAndNoModeIsNull() {
        List<Violation> violations = SpecValidator.validate(spec(s -> s.setLogs(
                volume(VolumeSpec.AccessMode.ReadWriteOncePod, VolumeSpec.AccessMode.ReadWriteMany))));
        assertThat(violations).extracting(Violation::field).containsExactly("spec.logs.accessModes");
        assertThat(violations.get(0).message()).contains("ReadWriteOncePod cannot be combined");
        VolumeSpec withNull = new VolumeSpec();
        withNull.setAccessModes(java.util.Arrays.asList(VolumeSpec.AccessMode.ReadWriteOnce, null));
        assertThat(fields(spec(s -> s.getBackup().setStorage(withNull)))).containsExactly("spec.backup.storage.accessModes");
    }

    private static VolumeSpec volume(VolumeSpec.AccessMode... modes) {
        VolumeSpec volume = new VolumeSpec();
        volume.setAccessModes(List.of(modes));
        return volume;
    }

    @Test
    void aBufferPoolThatLeavesNoRoomUnderTheMemoryLimitIsRefused() {
        List<Violation> atTheLimit = SpecValidator.validate(spec(s -> s.setDatabase(database("1G", null, "1Gi"))));
        assertThat(atTheLimit).extracting(Violation::field).containsExactly("spec.database.bufferPoolSize");
        assertThat(atTheLimit.get(0).message()).contains("1G leaves no memory under spec.database.resources.limits.memory 1Gi",
                "raise spec.database.resources.limits.memory");
        // Without spec.database.resources: the default limit, 1Gi.
        assertThat(fields(spec(s -> s.setDatabase(database("800M", null, null))))).containsExactly("spec.database.bufferPoolSize");
        assertThat(SpecValidator.validate(spec(s -> s.setDatabase(database("800M", null, null)))).get(0).message())
                .contains("under the default memory limit 1Gi");
        // 1536M is allocated as 2G.
        assertThat(SpecValidator.validate(spec(s -> s.setDatabase(database("1536M", null, "2Gi")))).get(0).message())
                .contains("as MySQL allocates it (2G)");
        assertThat(fields(spec(s -> s.setDatabase(database("1G", null, "2Gi"))))).isEmpty();
    }

    @Test
    void moreConnectionsThanTheMemoryLimitHoldsAreRefused() {
        List<Violation> violations = SpecValidator.validate(spec(s -> s.setDatabase(database(null, 1000, null))));
        assertThat(violations).extracting(Violation::field).containsExactly("spec.database.maxConnections");
        assertThat(violations.get(0).message()).contains("1001 connections", "at least 1216K each",
                "the default memory limit 1Gi leaves 496M after spec.database.bufferPoolSize 256M",
                "lower spec.database.maxConnections or spec.database.bufferPoolSize");
        assertThat(fields(spec(s -> s.setDatabase(database(null, 1000, "2Gi"))))).isEmpty();
    }

    @Test
    void anExternalDatabaseHasNoMemoryToBound() {
        DatabaseSpec db = database("4G", 5000, "1Gi");
        ExternalDatabaseSpec external = new ExternalDatabaseSpec();
        external.setHost("mysql.example");
        external.setPasswordSecret("db");
        db.setExternal(external);
        assertThat(fields(spec(s -> s.setDatabase(db)))).isEmpty();
    }

    @Test
    void aBadValueIsReportedOnceNotAgainAsAMemoryProblem() {
        assertThat(fields(spec(s -> s.setDatabase(database("lots", null, "256Mi")))))
                .containsExactly("spec.database.bufferPoolSize");
        assertThat(fields(spec(s -> s.setDatabase(database(null, 0, "256Mi"))))).containsExactly("spec.database.maxConnections");
        assertThat(fields(spec(s -> s.setDatabase(database(null, null, "ten gigs")))))
                .containsExactly("spec.database.resources.limits.memory");
    }

    @Test
    void aContentSecurityPolicyThatWouldBreakNginxConfIsRefusedNamingTheCharacter() {
        assertThat(messages(csp("default-src 'self'\"; add_header X-Injected 1; #"))).singleElement().asString()
                .contains("spec.frontend.nginx.contentSecurityPolicy", "double quotes", "'\"' at position 19");
        assertThat(messages(csp("default-src 'self';\n    return 200 hacked"))).singleElement().asString()
                .contains("a newline at position 20");
        assertThat(messages(csp("default-src $host"))).singleElement().asString().contains("'$' at position 13");
        assertThat(messages(csp("default-src \\'self\\'"))).singleElement().asString().contains("'\\' at position 13");
        assertThat(messages(csp("default-src 'self' } server {"))).singleElement().asString().contains("'}'");
        assertThat(messages(csp("default-src 'self'\u0000"))).singleElement().asString().contains("U+0000");
        assertThat(messages(csp("img-src https://bild.example/é"))).singleElement().asString().contains("not ASCII");
        assertThat(messages(csp("a".repeat(4097)))).singleElement().asString().contains("at most 4096 characters");
    }

    @Test
    void anyPolicyNginxCanCarryIsAccepted() {
        // Quotes of CSP keywords, hashes (+ / =), URLs with ports and paths, wildcards, ; between directives.
        for (String policy : List.of("", "default-src 'self'", io.faildaily.operator.api.Defaults.CONTENT_SECURITY_POLICY,
                io.faildaily.operator.api.Defaults.IMAGE_CONTENT_SECURITY_POLICY,
                "default-src 'none'; script-src 'self' 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC' "
                        + "https://cdn.example.com:8443/js/; img-src * data:; report-uri /csp-report?x=1&y=%20;")) {
            assertThat(SpecValidator.validate(csp(policy))).as(policy).isEmpty();
        }
    }

    private static FailDaily csp(String policy) {
        FrontendSpec frontend = new FrontendSpec();
        frontend.getNginx().setContentSecurityPolicy(policy);
        return spec(s -> s.setFrontend(frontend));
    }

    private static List<String> messages(FailDaily fd) {
        return SpecValidator.validate(fd).stream().map(v -> v.field() + ": " + v.message()).toList();
    }

    private static DatabaseSpec database(String bufferPoolSize, Integer maxConnections, String memoryLimit) {
        DatabaseSpec db = new DatabaseSpec();
        db.setBufferPoolSize(bufferPoolSize);
        db.setMaxConnections(maxConnections);
        if (memoryLimit != null) {
            db.setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                    .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity(memoryLimit)).build());
        }
        return db;
    }

    private static List<String> fields(FailDaily fd) {
        return SpecValidator.validate(fd).stream().map(Violation::field).toList();
    }

    private static FailDaily spec(Consumer<FailDailySpec> customise) {
        return FailDailies.of("ns", "fd", customise);
    }

    private static BackendSpec backend(Consumer<BackendSpec> customise) {
        BackendSpec backend = new BackendSpec();
        customise.accept(backend);
        return backend;
    }
}
