package io.faildaily.operator.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;

/** The in-cluster MySQL: StatefulSet, its my.cnf ConfigMap and its internal Service. */
public final class DatabaseModel {
    public static final String CONFIG_FILE = "faildaily.cnf";
    public static final String CONTAINER = "mysql";
    public static final String INIT_SCRIPTS_VOLUME = "init-scripts";

    private DatabaseModel() {}

    public static Map<String, String> configData(FailDaily fd) {
        DatabaseSpec db = fd.getSpec().getDatabase();
        DatabaseMemory.Bound bound = DatabaseMemory.bound(db);
        MysqlMemory memory = DatabaseMemory.plan(db);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BUFFER_POOL_SIZE", db.getBufferPoolSize());
        values.put("MAX_CONNECTIONS", String.valueOf(db.getMaxConnections()));
        values.put("MEMORY_BOUND", bound.source() + " " + bound.written());
        values.put("MEMORY_SUMMARY", memory.summary());
        values.put("THREAD_STACK", MysqlSize.of(MysqlMemory.THREAD_STACK));
        values.put("BINLOG_CACHE_SIZE", MysqlSize.of(MysqlMemory.BINLOG_CACHE));
        values.put("BINLOG_STMT_CACHE_SIZE", MysqlSize.of(MysqlMemory.BINLOG_STMT_CACHE));
        values.put("SORT_BUFFER_SIZE", MysqlSize.of(memory.sortBuffer()));
        values.put("JOIN_BUFFER_SIZE", MysqlSize.of(memory.joinBuffer()));
        values.put("READ_BUFFER_SIZE", MysqlSize.of(memory.readBuffer()));
        values.put("READ_RND_BUFFER_SIZE", MysqlSize.of(memory.readRndBuffer()));
        values.put("TMP_TABLE_SIZE", MysqlSize.of(memory.tmpTableSize()));
        values.put("TEMPTABLE_MAX_RAM", MysqlSize.of(memory.temptableMaxRam()));
        return Map.of(CONFIG_FILE, Template.render("my.cnf", values));
    }

    public static ConfigMap configMap(FailDaily fd) {
        return new ConfigMapBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.DATABASE_CONFIG))
                .withData(configData(fd))
                .build();
    }

    /** Internal only (ClusterIP): the seed published 3307 on localhost alone. */
    public static Service service(FailDaily fd) {
        return new ServiceBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.DATABASE, fd.getSpec().getDatabase().getServiceAnnotations()))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(Labels.selector(fd, Component.DATABASE))
                .addNewPort().withName("mysql").withPort(Defaults.DATABASE_PORT)
                .withTargetPort(new IntOrString("mysql")).withProtocol("TCP").endPort()
                .endSpec()
                .build();
    }

    /**
     * The claim the StatefulSet controller makes from the mysql-data template for the database's pod, as
     * the operator keeps it (its size). Without the data-directory annotation: that records where the
     * data is, and only the template of a new StatefulSet may say so, never an update of a claim made before.
     */
    public static PersistentVolumeClaim dataClaim(FailDaily fd) {
        PersistentVolumeClaim claim = dataClaimTemplate(fd);
        claim.getMetadata().setName(Names.databaseClaim(fd));
        claim.getMetadata().setNamespace(fd.getMetadata().getNamespace());
        return claim;
    }

    private static PersistentVolumeClaim dataClaimTemplate(FailDaily fd) {
        return VolumeModel.claimTemplate(fd, Part.DATABASE, Names.MYSQL_DATA, fd.getSpec().getDatabase().getStorage(),
                Defaults.DATABASE_STORAGE);
    }

    /** The StatefulSet of a new database: data in {@link DataDirectory#SUBDIRECTORY}. */
    public static StatefulSet statefulSet(FailDaily fd) {
        return statefulSet(fd, DataDirectory.SUBDIRECTORY);
    }

    /** The StatefulSet with its data directory at {@code dataDirectory} on the mysql-data volume. */
    public static StatefulSet statefulSet(FailDaily fd, DataDirectory dataDirectory) {
        PersistentVolumeClaim data = dataClaimTemplate(fd);
        if (!dataDirectory.isVolumeRoot()) {
            data.getMetadata().setAnnotations(Map.of(DataDirectory.ANNOTATION, dataDirectory.subPath()));
        }
        StatefulSetBuilder builder = new StatefulSetBuilder()
                .withMetadata(ChildMetadata.of(fd, Part.DATABASE))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(Names.of(fd, Part.DATABASE))
                .withNewSelector().withMatchLabels(Labels.selector(fd, Component.DATABASE)).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Labels.of(fd, Part.DATABASE))
                .addToAnnotations(Checksums.CONFIG_ANNOTATION, Checksums.of(configData(fd)))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withSecurityContext(PodSecurity.pod(PodSecurity.MYSQL_UID))
                .withImagePullSecrets(ImagePullSecrets.of(fd))
                // mysqld flushes InnoDB on SIGTERM; give a busy server time to do it.
                .withTerminationGracePeriodSeconds(60L)
                .withContainers(container(fd, dataDirectory))
                .addNewVolume().withName("config").withNewConfigMap()
                .withName(Names.of(fd, Part.DATABASE_CONFIG)).endConfigMap().endVolume()
                .addNewVolume().withName("run").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .addNewVolume().withName("mysql-files").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .withVolumeClaimTemplates(data)
                .endSpec();
        String initScripts = fd.getSpec().getDatabase().getInitScripts();
        if (initScripts != null) {
            // Not optional (unset means required): a misspelt name must stop the first start, not initialise a
            // database without its schema. Not in the checksum: the image runs the files on an empty volume only, so a change of
            // the ConfigMap has nothing to roll for.
            builder.editSpec().editTemplate().editSpec()
                    .addNewVolume().withName(INIT_SCRIPTS_VOLUME)
                    .withNewConfigMap().withName(initScripts).endConfigMap().endVolume()
                    .editMatchingContainer(c -> c.getName().equals(CONTAINER))
                    .addNewVolumeMount().withName(INIT_SCRIPTS_VOLUME).withMountPath(DatabaseSpec.INIT_SCRIPTS_PATH)
                    .withReadOnly(true).endVolumeMount()
                    .endContainer()
                    .endSpec().endTemplate().endSpec();
        }
        StatefulSet statefulSet = builder.build();
        PodPlacement.apply(fd, Component.DATABASE, fd.getSpec().getDatabase().getPod(), statefulSet.getSpec().getTemplate());
        return statefulSet;
    }

    private static Container container(FailDaily fd, DataDirectory dataDirectory) {
        DatabaseSpec db = fd.getSpec().getDatabase();
        String secret = Names.of(fd, Part.CREDENTIALS);
        List<EnvVar> env = List.of(
                Env.fromSecret("MYSQL_ROOT_PASSWORD", secret, Names.SECRET_ROOT_PASSWORD),
                Env.value("MYSQL_DATABASE", Defaults.DATABASE_NAME),
                Env.value("MYSQL_USER", Defaults.DATABASE_USER),
                Env.fromSecret("MYSQL_PASSWORD", secret, Names.SECRET_PASSWORD));
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(db.getImage())
                .withEnv(env)
                .addNewPort().withName("mysql").withContainerPort(Defaults.DATABASE_PORT).withProtocol("TCP").endPort()
                // The first start initialises the data directory; allow it ten minutes.
                .withStartupProbe(ping(10, 5, 120))
                .withReadinessProbe(ping(30, 10, 3))
                .withLivenessProbe(ping(30, 10, 5))
                .withResources(Resources.orDefault(db.getResources(), "250m", "512Mi", DatabaseMemory.DEFAULT_LIMIT))
                .withSecurityContext(PodSecurity.container())
                .addNewVolumeMount().withName(Names.MYSQL_DATA).withMountPath(DataDirectory.MOUNT_PATH)
                .withSubPath(dataDirectory.subPath()).endVolumeMount()
                .addNewVolumeMount().withName("config").withMountPath("/etc/mysql/conf.d/" + CONFIG_FILE)
                .withSubPath(CONFIG_FILE).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("run").withMountPath("/var/run/mysqld").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .addNewVolumeMount().withName("mysql-files").withMountPath("/var/lib/mysql-files").endVolumeMount()
                .build();
    }

    /**
     * The seed's health check, {@code mysqladmin ping}. Over TCP on purpose: during the first start the
     * image runs a temporary server on the socket only, which must not count as ready.
     */
    private static Probe ping(int periodSeconds, int timeoutSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewExec().withCommand("mysqladmin", "ping", "--host=127.0.0.1",
                        "--port=" + Defaults.DATABASE_PORT, "--silent").endExec()
                .withPeriodSeconds(periodSeconds)
                .withTimeoutSeconds(timeoutSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
