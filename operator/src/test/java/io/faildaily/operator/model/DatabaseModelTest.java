package io.faildaily.operator.model;

import static io.faildaily.operator.model.ModelAssertions.env;
import static io.faildaily.operator.model.ModelAssertions.mount;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.VolumeSpec;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;

/** The seed's database: MySQL 8.0, mysql-data volume, generated passwords, my.cnf, mysqladmin ping. */
class DatabaseModelTest {
    private final FailDaily fd = FailDailies.of("shop", "fd");
    private final StatefulSet statefulSet = DatabaseModel.statefulSet(fd);
    private final Container mysql = statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0);

    @Test
    void oneMysql80PodPinnedToAPatchRelease() {
        assertThat(statefulSet.getMetadata().getName()).isEqualTo("fd-database");
        assertThat(statefulSet.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(1);
        assertThat(mysql.getImage()).matches("mysql:8\\.0\\.\\d+");
        assertThat(mysql.getPorts()).singleElement().satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(3306));
    }

    @Test
    void dataLivesOnTheMysqlDataClaimTemplate() {
        PersistentVolumeClaim template = statefulSet.getSpec().getVolumeClaimTemplates().get(0);
        assertThat(template.getMetadata().getName()).isEqualTo("mysql-data");
        assertThat(template.getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("10Gi"));
        assertThat(template.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(mount(mysql, "/var/lib/mysql").getName()).isEqualTo("mysql-data");
        assertThat(Names.databaseClaim(fd)).isEqualTo("mysql-data-fd-database-0");
    }

    @Test
    void aNewDatabaseKeepsItsDataInASubdirectoryOfTheVolume() {
        // A new ext4 volume holds lost+found at its root; the mysql image refuses to initialise there.
        assertThat(mount(mysql, "/var/lib/mysql").getSubPath()).isEqualTo("mysql-data");
        // The claim the controller makes from the template says so, for a StatefulSet made again later.
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getAnnotations())
                .containsEntry(DataDirectory.ANNOTATION, "mysql-data");
        // Growing the claim never says where its data is: on a claim made before, that would misplace it later.
        assertThat(DatabaseModel.dataClaim(fd).getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(DatabaseModel.dataClaim(fd).getMetadata().getName()).isEqualTo("mysql-data-fd-database-0");
        // A database made before keeps its data at the volume root, and its template says nothing.
        StatefulSet before = DatabaseModel.statefulSet(fd, DataDirectory.VOLUME_ROOT);
        Container container = before.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(mount(container, "/var/lib/mysql").getSubPath()).isNull();
        assertThat(before.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void storageComesFromTheSpec() {
        FailDaily custom = FailDailies.of("shop", "fd");
        custom.getSpec().setDatabase(new io.faildaily.operator.api.DatabaseSpec());
        VolumeSpec storage = new VolumeSpec("50Gi");
        storage.setStorageClassName("fast");
        custom.getSpec().getDatabase().setStorage(storage);
        PersistentVolumeClaim template = DatabaseModel.statefulSet(custom).getSpec().getVolumeClaimTemplates().get(0);
        assertThat(template.getSpec().getResources().getRequests().get("storage")).isEqualTo(new Quantity("50Gi"));
        assertThat(template.getSpec().getStorageClassName()).isEqualTo("fast");
    }

    @Test
    void environmentAsTheSeedWithPasswordsByReference() {
        assertThat(env(mysql, "MYSQL_DATABASE").getValue()).isEqualTo("faildaily_prod");
        assertThat(env(mysql, "MYSQL_USER").getValue()).isEqualTo("faildaily_user");
        for (String name : new String[] {"MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD"}) {
            assertThat(env(mysql, name).getValue()).as(name + " has no plain value").isNull();
            assertThat(env(mysql, name).getValueFrom().getSecretKeyRef().getName()).isEqualTo("fd-credentials");
        }
        assertThat(env(mysql, "MYSQL_ROOT_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo(Names.SECRET_ROOT_PASSWORD);
        assertThat(env(mysql, "MYSQL_PASSWORD").getValueFrom().getSecretKeyRef().getKey())
                .isEqualTo(Names.SECRET_PASSWORD);
    }

    @Test
    void myCnfHasTheSeedsPerformanceSettingsButNoQueryCache() {
        String cnf = DatabaseModel.configMap(fd).getData().get(DatabaseModel.CONFIG_FILE);
        assertThat(cnf).contains("[mysqld]", "innodb_buffer_pool_size = 256M", "max_connections = 200");
        assertThat(cnf.lines().filter(l -> !l.startsWith("#"))).noneMatch(l -> l.contains("query_cache"));
        assertThat(mount(mysql, "/etc/mysql/conf.d/faildaily.cnf").getSubPath()).isEqualTo("faildaily.cnf");
    }

    @Test
    void myCnfFollowsTheSpecAndItsChecksumRollsThePod() {
        FailDaily tuned = FailDailies.of("shop", "fd");
        tuned.getSpec().setDatabase(new io.faildaily.operator.api.DatabaseSpec());
        tuned.getSpec().getDatabase().setBufferPoolSize("1G");
        tuned.getSpec().getDatabase().setMaxConnections(500);
        // A 1G pool and 500 connections do not fit the default 1Gi limit (SpecValidator refuses that).
        tuned.getSpec().getDatabase().setResources(new ResourceRequirementsBuilder()
                .addToLimits("memory", new Quantity("4Gi")).build());
        assertThat(DatabaseModel.configMap(tuned).getData().get(DatabaseModel.CONFIG_FILE))
                .contains("innodb_buffer_pool_size = 1G", "max_connections = 500");
        String before = statefulSet.getSpec().getTemplate().getMetadata().getAnnotations().get(Checksums.CONFIG_ANNOTATION);
        String after = DatabaseModel.statefulSet(tuned).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Checksums.CONFIG_ANNOTATION);
        assertThat(before).hasSize(64).isNotEqualTo(after);
    }

    @Test
    void myCnfBoundsConnectionsAndTemporaryTablesByTheDefaultLimit() {
        String cnf = DatabaseModel.configMap(fd).getData().get(DatabaseModel.CONFIG_FILE);
        assertThat(mysql.getResources().getLimits().get("memory")).isEqualTo(new Quantity("1Gi"));
        assertThat(cnf).contains("the default memory limit 1Gi", "thread_stack = 1M", "binlog_cache_size = 32K",
                "binlog_stmt_cache_size = 32K", "sort_buffer_size = 224K", "join_buffer_size = 224K",
                "read_buffer_size = 112K", "read_rnd_buffer_size = 224K", "tmp_table_size = 16M",
                "loose_temptable_max_ram = 125M", "= 1023M of 1024M");
        assertThat(cnf.lines()).as("MariaDB would refuse to start on it without the loose_ prefix")
                .noneMatch(line -> line.startsWith("temptable_max_ram"));
    }

    @Test
    void myCnfFollowsTheMemoryLimitAndAChangeOfItRollsThePod() {
        FailDaily bigger = withDatabase(db -> {
            db.setBufferPoolSize("512M");
            db.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("2Gi")).build());
        });
        String cnf = DatabaseModel.configMap(bigger).getData().get(DatabaseModel.CONFIG_FILE);
        assertThat(cnf).contains("spec.database.resources.limits.memory 2Gi", "innodb_buffer_pool_size = 512M",
                "sort_buffer_size = 256K", "join_buffer_size = 256K", "read_buffer_size = 128K",
                "read_rnd_buffer_size = 256K", "tmp_table_size = 16M", "loose_temptable_max_ram = 855M");
        assertThat(checksum(bigger)).isNotEqualTo(checksum(fd));

        FailDaily requestOnly = withDatabase(db -> db.setResources(new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("896Mi")).build()));
        assertThat(DatabaseModel.configMap(requestOnly).getData().get(DatabaseModel.CONFIG_FILE))
                .contains("spec.database.resources.requests.memory (no memory limit is set) 896Mi",
                        "sort_buffer_size = 84K", "loose_temptable_max_ram = 93M");
    }

    @Test
    void everyRenderedSizeIsWhatThePlanSays() {
        MysqlMemory plan = DatabaseMemory.plan(fd.getSpec().getDatabase());
        String cnf = DatabaseModel.configMap(fd).getData().get(DatabaseModel.CONFIG_FILE);
        java.util.Map<String, Long> expected = java.util.Map.of("sort_buffer_size", plan.sortBuffer(),
                "join_buffer_size", plan.joinBuffer(), "read_buffer_size", plan.readBuffer(),
                "read_rnd_buffer_size", plan.readRndBuffer(), "tmp_table_size", plan.tmpTableSize(),
                "loose_temptable_max_ram", plan.temptableMaxRam(), "thread_stack", MysqlMemory.THREAD_STACK);
        expected.forEach((name, bytes) -> assertThat(cnf.lines().filter(l -> l.startsWith(name + " = ")))
                .singleElement().satisfies(l -> assertThat(MysqlSize.bytes(l.substring(name.length() + 3)))
                        .as(name).isEqualTo(bytes)));
    }

    @Test
    void healthCheckIsMysqladminPingEvery30sWithA10sTimeout() {
        assertThat(mysql.getReadinessProbe().getExec().getCommand()).startsWith("mysqladmin", "ping");
        assertThat(mysql.getReadinessProbe().getPeriodSeconds()).isEqualTo(30);
        assertThat(mysql.getReadinessProbe().getTimeoutSeconds()).isEqualTo(10);
        assertThat(mysql.getLivenessProbe().getExec().getCommand()).startsWith("mysqladmin", "ping");
        assertThat(mysql.getStartupProbe()).as("first start initialises the data directory").isNotNull();
    }

    @Test
    void runsAsTheMysqlUserNotRoot() {
        var pod = statefulSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(999L);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(mysql.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(mount(mysql, "/var/run/mysqld")).isNotNull();
        assertThat(mount(mysql, "/tmp")).isNotNull();
    }

    private static FailDaily withDatabase(java.util.function.Consumer<DatabaseSpec> customise) {
        FailDaily custom = FailDailies.of("shop", "fd");
        DatabaseSpec db = new DatabaseSpec();
        customise.accept(db);
        custom.getSpec().setDatabase(db);
        return custom;
    }

    private static String checksum(FailDaily fd) {
        return DatabaseModel.statefulSet(fd).getSpec().getTemplate().getMetadata().getAnnotations()
                .get(Checksums.CONFIG_ANNOTATION);
    }

    @Test
    void anInternalServiceOn3306() {
        Service service = DatabaseModel.service(fd);
        assertThat(service.getMetadata().getName()).isEqualTo("fd-database");
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(3306));
        assertThat(service.getSpec().getSelector()).isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());
    }

    @Test
    void initScriptsAreTheNamedConfigMapWhereTheMysqlImageLooksForThem() {
        assertThat(mysql.getVolumeMounts()).noneMatch(m -> m.getMountPath().equals("/docker-entrypoint-initdb.d"));
        assertThat(statefulSet.getSpec().getTemplate().getSpec().getVolumes()).noneMatch(v -> v.getName().equals("init-scripts"));

        FailDaily withScripts = FailDailies.of("shop", "fd", spec -> spec.getDatabase().setInitScripts("faildaily-schema"));
        StatefulSet rendered = DatabaseModel.statefulSet(withScripts);
        Container container = rendered.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(mount(container, "/docker-entrypoint-initdb.d").getName()).isEqualTo("init-scripts");
        assertThat(mount(container, "/docker-entrypoint-initdb.d").getReadOnly()).isTrue();
        assertThat(rendered.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getName().equals("init-scripts"))
                .singleElement().satisfies(v -> {
                    assertThat(v.getConfigMap().getName()).isEqualTo("faildaily-schema");
                    // Required: a misspelt name stops the first start instead of initialising an empty schema.
                    assertThat(v.getConfigMap().getOptional()).isNotEqualTo(Boolean.TRUE);
                });
        // Everything else as without: data, config, env (the .sql files run into MYSQL_DATABASE).
        assertThat(container.getVolumeMounts()).containsAll(mysql.getVolumeMounts());
        assertThat(container.getEnv()).isEqualTo(mysql.getEnv());
        assertThat(env(container, "MYSQL_DATABASE").getValue()).isEqualTo("faildaily_prod");
    }

    @Test
    void theInitScriptsAreNotInTheChecksumTheImageRunsThemOnAnEmptyVolumeOnly() {
        FailDaily withScripts = FailDailies.of("shop", "fd", spec -> spec.getDatabase().setInitScripts("faildaily-schema"));
        FailDaily otherScripts = FailDailies.of("shop", "fd", spec -> spec.getDatabase().setInitScripts("faildaily-schema-v2"));
        assertThat(checksum(withScripts)).isEqualTo(checksum(fd)).isEqualTo(checksum(otherScripts));
        assertThat(DatabaseModel.configMap(withScripts).getData()).isEqualTo(DatabaseModel.configMap(fd).getData());
    }
}
