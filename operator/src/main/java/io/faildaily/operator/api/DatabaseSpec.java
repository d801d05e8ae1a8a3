package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The MySQL database: run in the cluster (default) or an existing server ({@code external}). */
@SpecData
public class DatabaseSpec {
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
}
