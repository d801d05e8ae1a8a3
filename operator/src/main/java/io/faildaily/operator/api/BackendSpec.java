package io.faildaily.operator.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The backend API (port 3000), reached only through the frontend's nginx. */
@SpecData
@SchemaCustomizer(value = SchemaMergePatch.class, input = BackendSpec.ENV_IS_A_MAP_LIST)
// On the object, not the field: the rule spans env and the fields that make the operator set variables.
@ValidationRule(value = BackendSpec.ENV_OWNED_RULE, message = BackendSpec.ENV_OWNED_MESSAGE)
public class BackendSpec {
    /** With smtp the operator sets SMTP_* and APP_WEB_URL, with adminEmails ADMIN_EMAILS: env may not then. */
    public static final String ENV_OWNED_RULE = "!has(self.env) || ((!has(self.smtp) || self.env.all(e, !(e.name in "
            + SmtpSpec.CEL_NAMES + "))) && (!has(self.adminEmails) || self.env.all(e, e.name != 'ADMIN_EMAILS')))";
    public static final String ENV_OWNED_MESSAGE = "env must not set SMTP_*, APP_WEB_URL with smtp, nor ADMIN_EMAILS "
            + "with adminEmails: the operator sets them from those fields";
    /**
     * env is keyed by name, as a container's env is: the API server then refuses two entries of one name
     * (and server-side apply merges entries by name). A map list's key must be present in every entry, so
     * name becomes required. The generator has no annotation for list types, hence the schema patch; it is
     * applied to this class's schema after the annotations.
     */
    static final String ENV_IS_A_MAP_LIST = "{\"properties\": {\"env\": {\"x-kubernetes-list-type\": \"map\", "
            + "\"x-kubernetes-list-map-keys\": [\"name\"], \"items\": {\"required\": [\"name\"]}}}}";

    @JsonPropertyDescription("Backend image: app-backend, or the original Node.js image (its environment as "
            + "docker-compose gave it; its schema from database.initScripts). Default: the operator's default ("
            + Defaults.BACKEND_IMAGE + ", built from app-backend/, unless its " + DefaultImages.BACKEND + " or "
            + DefaultImages.REGISTRY + " says otherwise).")
    @Pattern(Patterns.IMAGE)
    private String image;

    @JsonPropertyDescription("A HorizontalPodAutoscaler (autoscaling/v2) for the backend; replicas is then the autoscaler's, never written by the operator. Needs ReadWriteMany uploads and logs volumes.")
    private AutoscalingSpec autoscaling;

    @JsonPropertyDescription("Number of backend pods. Default 1; more than 1 needs ReadWriteMany uploads and logs volumes. Not used while autoscaling is set.")
    @Min(0)
    @Max(Defaults.MAX_REPLICAS)
    private Integer replicas;

    @JsonPropertyDescription("Port the backend listens on (PORT). Default " + Defaults.BACKEND_PORT + ".")
    @Min(1024)
    @Max(65535)
    private Integer port;

    @JsonPropertyDescription("CORS_ORIGIN: allowed browser origins, comma separated. Default: the application's URL.")
    private String corsOrigin;

    @JsonPropertyDescription("Idle keep-alive timeout of the HTTP server, in seconds. Default " + Defaults.BACKEND_KEEP_ALIVE_SECONDS + ".")
    @Min(1)
    @Max(3600)
    private Integer keepAliveTimeout;

    @JsonPropertyDescription("Most concurrent connections the HTTP server accepts. Default " + Defaults.BACKEND_MAX_CONNECTIONS + ".")
    @Min(1)
    @Max(100000)
    private Integer maxConnections;

    @JsonPropertyDescription("Extra environment variables. Names the operator sets (DB_*, JWT_SECRET, PORT, ...) are refused.")
    // The API server refuses a CEL rule whose estimated cost is over budget, and without maxItems it estimates
    // as many entries as fit in a request: the bound is what lets the CRD carry the rule.
    @Size(max = Defaults.MAX_BACKEND_ENV)
    @ValidationRule(value = ReservedEnv.CEL_RULE, message = ReservedEnv.CEL_MESSAGE)
    private List<EnvVar> env;

    @JsonPropertyDescription("The SMTP server the backend sends its mails through (password reset links). None: no mail "
            + "is sent. Sets SMTP_*, and APP_WEB_URL to the application's URL, which spec.backend.env may not set then.")
    private SmtpSpec smtp;

    @JsonPropertyDescription("ADMIN_EMAILS: the accounts that are administrators (made so at start and when they "
            + "register); how a new installation gets its first administrator. Taking an address off demotes nobody.")
    @Size(max = Defaults.MAX_ADMIN_EMAILS)
    private List<String> adminEmails;

    @JsonPropertyDescription("CPU and memory of the backend container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Placement and metadata of the backend pods.")
    private PodPlacementSpec pod;

    @JsonPropertyDescription("Extra annotations of the backend Service.")
    private Map<String, String> serviceAnnotations;

    @JsonPropertyDescription("The uploads volume (/app/uploads). Several backend pods share it: ReadWriteMany then. Default size " + Defaults.UPLOADS_STORAGE + ".")
    private VolumeSpec uploads;

    public String getImage() {
        return Objects.requireNonNullElse(image, DefaultImages.current().backend());
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return Objects.requireNonNullElse(replicas, Defaults.REPLICAS);
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getPort() {
        return Objects.requireNonNullElse(port, Defaults.BACKEND_PORT);
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getCorsOrigin() {
        return corsOrigin;
    }

    public void setCorsOrigin(String corsOrigin) {
        this.corsOrigin = corsOrigin;
    }

    public Integer getKeepAliveTimeout() {
        return Objects.requireNonNullElse(keepAliveTimeout, Defaults.BACKEND_KEEP_ALIVE_SECONDS);
    }

    public void setKeepAliveTimeout(Integer keepAliveTimeout) {
        this.keepAliveTimeout = keepAliveTimeout;
    }

    public Integer getMaxConnections() {
        return Objects.requireNonNullElse(maxConnections, Defaults.BACKEND_MAX_CONNECTIONS);
    }

    public void setMaxConnections(Integer maxConnections) {
        this.maxConnections = maxConnections;
    }

    public List<EnvVar> getEnv() {
        return Objects.requireNonNullElse(env, List.of());
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public VolumeSpec getUploads() {
        if (uploads == null) {
            uploads = new VolumeSpec();
        }
        return uploads;
    }

    public void setUploads(VolumeSpec uploads) {
        this.uploads = uploads;
    }

    /** The SMTP server, or null: no mail. */
    public SmtpSpec getSmtp() {
        return smtp;
    }

    public void setSmtp(SmtpSpec smtp) {
        this.smtp = smtp;
    }

    public List<String> getAdminEmails() {
        return Objects.requireNonNullElse(adminEmails, List.of());
    }

    public void setAdminEmails(List<String> adminEmails) {
        this.adminEmails = adminEmails;
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

    /** The autoscaler asked for, or null: replicas as the spec says. */
    public AutoscalingSpec getAutoscaling() {
        return autoscaling;
    }

    public void setAutoscaling(AutoscalingSpec autoscaling) {
        this.autoscaling = autoscaling;
    }
}
