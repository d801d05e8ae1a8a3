package io.faildaily.operator.api;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The MySQL database: run in the cluster (default) or an existing server ({@code external}). */
@SpecData
// On the object, not the field: the rule spans two fields.
@ValidationRule(value = DatabaseSpec.INIT_SCRIPTS_RULE, message = "initScripts " + DatabaseSpec.INIT_SCRIPTS_NEED_IN_CLUSTER)
public class DatabaseSpec {
    /** Init scripts are run by the in-cluster database's image; there is none with an external database. */
    public static final String INIT_SCRIPTS_RULE = "!has(self.initScripts) || !has(self.external)";
    public static final String INIT_SCRIPTS_NEED_IN_CLUSTER =
            "needs the in-cluster database: with external the operator runs no database to initialise";
    /** Where the mysql image looks for them, as docker-compose mounted them. */
    public static final String INIT_SCRIPTS_PATH = "/docker-entrypoint-initdb.d";

    @JsonPropertyDescription("MySQL image, also run by the backup and restore Jobs. Default: the operator's default ("
            + Defaults.DATABASE_IMAGE + " unless its " + DefaultImages.DATABASE + " or " + DefaultImages.REGISTRY
            + " says otherwise). A MySQL major-version downgrade is refused.")
    @Pattern(Patterns.IMAGE)
    private String image;

    @JsonPropertyDescription("The data volume (/var/lib/mysql). Default size " + Defaults.DATABASE_STORAGE + ".")
    private VolumeSpec storage;

    @JsonPropertyDescription("innodb_buffer_pool_size, MySQL size syntax. Default " + Defaults.BUFFER_POOL_SIZE + ".")
    @Pattern(Patterns.MYSQL_SIZE)
    private String bufferPoolSize;

    @JsonPropertyDescription("max_connections. Default " + Defaults.DATABASE_MAX_CONNECTIONS + ".")
    @Min(1)
    @Max(100000)
    private Integer maxConnections;

    @JsonPropertyDescription("CPU and memory of the MySQL container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Placement and metadata of the database pod.")
    private PodPlacementSpec pod;

    @JsonPropertyDescription("Extra annotations of the database Service.")
    private Map<String, String> serviceAnnotations;

    @JsonPropertyDescription("A ConfigMap in this namespace whose .sql, .sql.gz and .sh files the mysql image runs, in "
            + "name order, once: when it initialises an empty data volume (mounted at " + INIT_SCRIPTS_PATH + ", as "
            + "docker-compose mounted them), .sql files into the database faildaily_prod. For the original FailDaily "
            + "backend, which does not create its schema: kubectl create configmap NAME --from-file=DIR. Never run "
            + "again on an initialised volume, so a later change of the ConfigMap changes nothing there and does not "
            + "restart the database. The ConfigMap must exist while this is set: the database pod does not start "
            + "without it. Not with external.")
    @Pattern(Patterns.OBJECT_NAME)
    @Size(max = 253)
    private String initScripts;

    @JsonPropertyDescription("Use an existing MySQL server instead of running one; nothing of the database is created then.")
    private ExternalDatabaseSpec external;

    public String getImage() {
        return Objects.requireNonNullElse(image, DefaultImages.current().database());
    }

    public void setImage(String image) {
        this.image = image;
    }

    public VolumeSpec getStorage() {
        if (storage == null) {
            storage = new VolumeSpec();
        }
        return storage;
    }

    public void setStorage(VolumeSpec storage) {
        this.storage = storage;
    }

    public String getBufferPoolSize() {
        return Objects.requireNonNullElse(bufferPoolSize, Defaults.BUFFER_POOL_SIZE);
    }

    public void setBufferPoolSize(String bufferPoolSize) {
        this.bufferPoolSize = bufferPoolSize;
    }

    public Integer getMaxConnections() {
        return Objects.requireNonNullElse(maxConnections, Defaults.DATABASE_MAX_CONNECTIONS);
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    /** The ConfigMap's name, or null: no init scripts. */
    public String getInitScripts() {
        return initScripts;
    }

    public void setInitScripts(String initScripts) {
        this.initScripts = initScripts;
    }

    public ExternalDatabaseSpec getExternal() {
        return external;
    }

    public void setExternal(ExternalDatabaseSpec external) {
        this.external = external;
    }

    /** True unless an external database is configured. Not a bean getter: it must not become a field. */
    public boolean inCluster() {
        return external == null;
    }

    public PodPlacementSpec getPod() {
        if (pod == null) {
            pod = new PodPlacementSpec();
        }
        return pod;
    }

    public void setPod(PodPlacementSpec pod) {
        this.pod = pod;
    }

    public Map<String, String> getServiceAnnotations() {
        return Objects.requireNonNullElse(serviceAnnotations, Map.of());
    }

    public void setServiceAnnotations(Map<String, String> serviceAnnotations) {
        this.serviceAnnotations = serviceAnnotations;
    }
}
