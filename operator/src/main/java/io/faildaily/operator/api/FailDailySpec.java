package io.faildaily.operator.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;

/** What the user asks for. Every field is optional: {@code spec: {}} gives a working FailDaily. */
@SpecData
@SchemaCustomizer(value = SchemaMergePatch.class, input = FailDailySpec.PULL_SECRETS_ARE_A_MAP_LIST)
public class FailDailySpec {
    /** Keyed by name, as a pod's imagePullSecrets are: the API server refuses a name listed twice. */
    static final String PULL_SECRETS_ARE_A_MAP_LIST = "{\"properties\": {\"imagePullSecrets\": "
            + "{\"x-kubernetes-list-type\": \"map\", \"x-kubernetes-list-map-keys\": [\"name\"]}}}";

    @JsonPropertyDescription("The MySQL database.")
    private DatabaseSpec database;

    @JsonPropertyDescription("The backend API.")
    private BackendSpec backend;

    @JsonPropertyDescription("The nginx frontend, the only public part.")
    private FrontendSpec frontend;

    @JsonPropertyDescription("The app-logs volume of the backend (/app/logs); every pod also logs to stdout. Several backend pods share it: ReadWriteMany then. Default size " + Defaults.LOGS_STORAGE + ".")
    private VolumeSpec logs;

    @JsonPropertyDescription("Scheduled database backups.")
    private BackupSpec backup;

    @JsonPropertyDescription("Restore the database from a backup file; runs once per request.")
    private RestoreSpec restore;

    @JsonPropertyDescription("Network isolation between the parts.")
    private NetworkPoliciesSpec networkPolicies;

    @JsonPropertyDescription("Secrets in this namespace that every pod (database, backend, frontend, backup and restore "
            + "Jobs) pulls its images with. Default: the operator's " + DefaultImages.PULL_SECRETS + " (none unless set); "
            + "[] for none.")
    private List<ImagePullSecret> imagePullSecrets;

    @JsonPropertyDescription("Retain (default): volumes and the credentials Secret outlive the FailDaily. Delete: they are deleted with it.")
    private DeletionPolicy deletionPolicy;

    /** Why the spec as stored could not be read (wrong types), or null. */
    @JsonIgnore
    private String unreadable;

    /** The stored spec that could not be read, written back as it was (see SpecSerializer). */
    @JsonIgnore
    private JsonNode unreadableSource;

    /** An empty spec standing for one that could not be read; {@code source} is what was stored. */
    public static FailDailySpec unreadable(String problem, JsonNode source) {
        FailDailySpec spec = new FailDailySpec();
        spec.unreadable = problem;
        spec.unreadableSource = source;
        return spec;
    }

    /** Why the stored spec could not be read, or null. Not a bean getter: it must not become a field. */
    public String readProblem() {
        return unreadable;
    }

    /** The stored spec that could not be read, or null. */
    public JsonNode unreadableSource() {
        return unreadableSource;
    }

    public DatabaseSpec getDatabase() {
        if (database == null) {
            database = new DatabaseSpec();
        }
        return database;
    }

    public void setDatabase(DatabaseSpec database) {
        this.database = database;
    }

    public BackendSpec getBackend() {
        if (backend == null) {
            backend = new BackendSpec();
        }
        return backend;
    }

    public void setBackend(BackendSpec backend) {
        this.backend = backend;
    }

    public FrontendSpec getFrontend() {
        if (frontend == null) {
            frontend = new FrontendSpec();
        }
        return frontend;
    }

    public void setFrontend(FrontendSpec frontend) {
        this.frontend = frontend;
    }

    public VolumeSpec getLogs() {
        if (logs == null) {
            logs = new VolumeSpec();
        }
        return logs;
    }

    public void setLogs(VolumeSpec logs) {
        this.logs = logs;
    }

    public BackupSpec getBackup() {
        if (backup == null) {
            backup = new BackupSpec();
        }
        return backup;
    }

    public void setBackup(BackupSpec backup) {
        this.backup = backup;
    }

    public RestoreSpec getRestore() {
        return restore;
    }

    public void setRestore(RestoreSpec restore) {
        this.restore = restore;
    }

    public NetworkPoliciesSpec getNetworkPolicies() {
        if (networkPolicies == null) {
            networkPolicies = new NetworkPoliciesSpec();
        }
        return networkPolicies;
    }

    public void setNetworkPolicies(NetworkPoliciesSpec networkPolicies) {
        this.networkPolicies = networkPolicies;
    }

    /** The spec's list when it has one, even an empty one; otherwise the operator's default. */
    public List<ImagePullSecret> getImagePullSecrets() {
        if (imagePullSecrets != null) {
            return imagePullSecrets;
        }
        return DefaultImages.current().pullSecrets().stream().map(ImagePullSecret::named).toList();
    }

    public void setImagePullSecrets(List<ImagePullSecret> imagePullSecrets) {
        this.imagePullSecrets = imagePullSecrets;
    }

    public DeletionPolicy getDeletionPolicy() {
        return Objects.requireNonNullElse(deletionPolicy, DeletionPolicy.Retain);
    }

    public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }
}
