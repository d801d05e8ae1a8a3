package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * An S3-compatible object store as the backup target (AWS S3, MinIO, Ceph RGW, GCS's S3 API), instead of
 * the backups volume. The access key comes from a Secret the user owns (keys {@value #ACCESS_KEY_ID} and
 * {@value #SECRET_ACCESS_KEY}); it reaches the Job's pod by reference only.
 */
@SpecData
public class ObjectStoreSpec {
    public static final String ACCESS_KEY_ID = "accessKeyId";
    public static final String SECRET_ACCESS_KEY = "secretAccessKey";

    @JsonPropertyDescription("The store's URL, e.g. https://s3.eu-west-1.amazonaws.com or http://minio.storage:9000.")
    @Required
    @Pattern(Patterns.ENDPOINT)
    private String endpoint;

    @JsonPropertyDescription("The bucket (it must exist): 3 to 63 lower-case letters, digits, '.' and '-', "
            + "starting and ending with a letter or digit.")
    @Required
    @Pattern(Patterns.BUCKET)
    private String bucket;

    @JsonPropertyDescription("Folder of this FailDaily's backups in the bucket, without leading or trailing '/'. "
            + "Default: <namespace>/<name>.")
    @Pattern(Patterns.OBJECT_PREFIX)
    private String prefix;

    @JsonPropertyDescription("The region the requests are signed for. Default " + Defaults.OBJECT_STORE_REGION + ".")
    @Pattern("^[a-z0-9][-a-z0-9]{0,62}$")
    private String region;

    @JsonPropertyDescription("Address the bucket in the path (endpoint/bucket/key) rather than as a host name "
            + "(bucket.endpoint), as MinIO, Ceph and s3proxy expect. Default true.")
    private Boolean forcePathStyle;

    @JsonPropertyDescription("Name of a Secret in the same namespace with the keys " + ACCESS_KEY_ID + " and "
            + SECRET_ACCESS_KEY + ".")
    @Required
    @Pattern(Patterns.OBJECT_NAME)
    private String credentialsSecret;

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    /** The prefix as written; {@link #prefixFor} fills in the default. */
    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix, or {@code <namespace>/<name>}: two FailDailies sharing a bucket never share a folder. */
    public String prefixFor(String namespace, String name) {
        return prefix != null ? prefix : namespace + "/" + name;
    }

    public String getRegion() {
        return Objects.requireNonNullElse(region, Defaults.OBJECT_STORE_REGION);
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Boolean getForcePathStyle() {
        return Objects.requireNonNullElse(forcePathStyle, Boolean.TRUE);
    }

    public void setForcePathStyle(Boolean forcePathStyle) {
        this.forcePathStyle = forcePathStyle;
    }

    public String getCredentialsSecret() {
        return credentialsSecret;
    }

    public void setCredentialsSecret(String credentialsSecret) {
        this.credentialsSecret = credentialsSecret;
    }
}
