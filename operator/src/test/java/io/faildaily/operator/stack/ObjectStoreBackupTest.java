package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.api.RestoreSpec;
import io.faildaily.operator.model.BackupModel;
import io.faildaily.operator.model.CredentialsModel;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.objectstore.Manifest;
import io.faildaily.operator.testing.FailDailies;
import io.faildaily.operator.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups to an object store and restores from it, end to end with the real parts: the backup and restore
 * Job pods exactly as the operator renders them (both containers: the database image's script with Debian's
 * mysqldump and mysql, and the operator's object-store command), run side by side by {@link ObjectStoreJob}
 * against a private MariaDB and a real S3 server (s3proxy, {@link S3Server}). A round trip gives equal
 * CHECKSUM TABLE for every table; wrong keys, a missing bucket, a failed dump and a truncated object each
 * end in one clear line, with nothing half-written listed as a backup and the live database untouched.
 */
class ObjectStoreBackupTest {
    private static final String NS = "shop";
    private static final String NAME = "fd";
    private static final String BUCKET = "faildaily-backups";
    private static final String FOLDER = NS + "/" + NAME + "/";
    private static final String KEYS_SECRET = "store-keys";
    private static final int ROWS = 20_000;

    private static S3Server s3;
    private static MariaDbServer db;
    private static Secret credentials;

    @TempDir
    Path work;
    private ObjectStoreJob jobs;

    @BeforeAll
    static void start() throws SQLException {
        s3 = S3Server.start();
        s3.createBucket(BUCKET);
        credentials = CredentialsModel.secret(failDaily(spec -> { }), RandomStrings.secure());
        db = MariaDbServer.start();
        Stack.prepareAsTheMysqlImage(db, credentials);
        BackupFixtures.seed(db, credentials, ROWS);
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @BeforeEach
    void emptyFolder() {
        jobs = new ObjectStoreJob(work);
        s3.empty(BUCKET);
    }

    @Test
    void aBackupStreamsToTheStoreWithAManifestAndRestoresIntoAFreshDatabaseWithEqualChecksums() throws Exception {
        FailDaily fd = failDaily(spec -> { });
        ObjectStoreJob.Run backup = jobs.run(backupPod(fd), db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(backup.database().exitCode()).as(backup.toString()).isZero();
        assertThat(backup.store().exitCode()).as(backup.toString()).isZero();
        assertThat(backup.database().terminationMessage()).isEqualTo("dump=complete");
        assertThat(backup.store().terminationMessage())
                .matches("file=faildaily_backup_\\d{8}_\\d{6}\\.sql\\.gz size=\\d+ sha256=[0-9a-f]{64} location=s3://"
                        + BUCKET + "/" + FOLDER);
        String file = backup.store().terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
        assertThat(s3.keys(BUCKET)).containsExactlyInAnyOrder(FOLDER + file, FOLDER + Manifest.nameFor(file));
        Path pipe = backup.streamDir().resolve("dump.pipe");
        assertThat(Files.isRegularFile(pipe)).as("the dump passed through a pipe, no file").isFalse();
        assertThat(Files.size(pipe)).isZero();

        byte[] object = s3.get(BUCKET, FOLDER + file);
        Manifest manifest = Manifest.fromJson(s3.get(BUCKET, FOLDER + Manifest.nameFor(file)), "manifest");
        assertThat(manifest.file()).isEqualTo(file);
        assertThat(manifest.database()).isEqualTo(Defaults.DATABASE_NAME);
        assertThat(manifest.size()).isEqualTo(object.length);
        assertThat(manifest.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(object)));
        assertThat(manifest.tables()).isEqualTo(rowCounts(db));
        assertThat(manifest.tables()).containsEntry("fails", (long) ROWS).containsEntry("empty_table", 0L);
        assertThat(manifest.binlog()).as("the test server runs without binary logs").isNull();
        assertThat(gunzip(object)).contains("-- Dump completed");

        try (MariaDbServer fresh = MariaDbServer.start()) {
            Stack.prepareAsTheMysqlImage(fresh, credentials);
            ObjectStoreJob.Run restore = jobs.run(restorePod(fd, file), fresh.host(), fresh.port(), credentials,
                    keys(S3Server.SECRET_KEY));
            assertThat(restore.database().exitCode()).as(restore.toString()).isZero();
            assertThat(restore.store().exitCode()).as(restore.toString()).isZero();
            assertThat(restore.database().terminationMessage()).startsWith("restored=" + file + " safety=pre-restore_");
            assertThat(restore.store().terminationMessage()).isEqualTo("downloaded=" + file + " size=" + object.length
                    + " sha256=" + manifest.sha256());
            assertThat(checksums(fresh)).isEqualTo(checksums(db)).hasSize(3);
            assertThat(query(fresh, "SELECT COUNT(*) FROM fails_audit")).containsExactly(String.valueOf(ROWS));
        }
    }

    @Test
    void retentionKeepsTheNewestCompleteBackupsInTheStoreAndDropsOrphans() throws Exception {
        for (String name : List.of("faildaily_backup_20260101_030000", "faildaily_backup_20260102_030000",
                "faildaily_backup_20260103_030000")) {
            s3.put(BUCKET, FOLDER + name + ".sql.gz", new byte[] {1});
            s3.put(BUCKET, FOLDER + name + ".manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
        }
        s3.put(BUCKET, FOLDER + "faildaily_backup_20260102_120000.sql.gz", new byte[] {2}); // an upload that never got its manifest
        s3.put(BUCKET, "elsewhere/faildaily_backup_20250101_030000.manifest.json", new byte[] {3}); // another folder

        ObjectStoreJob.Run backup = jobs.run(backupPod(failDaily(spec -> spec.getBackup().setRetention(2))),
                db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(backup.store().exitCode()).as(backup.toString()).isZero();
        String file = backup.store().terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
        assertThat(s3.keys(BUCKET)).containsExactlyInAnyOrder(
                "elsewhere/faildaily_backup_20250101_030000.manifest.json",
                FOLDER + "faildaily_backup_20260103_030000.sql.gz", FOLDER + "faildaily_backup_20260103_030000.manifest.json",
                FOLDER + file, FOLDER + Manifest.nameFor(file));
    }

    @Test
    void aWrongSecretKeyFailsWithTheStoresErrorCodeAndWritesNothing() {
        ObjectStoreJob.Run backup = jobs.run(backupPod(failDaily(spec -> { })), db.host(), db.port(), credentials,
                keys("not-the-secret-key"));
        assertThat(backup.store().exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.store().terminationMessage()).startsWith("error=the object store answered SignatureDoesNotMatch")
                .contains("secretAccessKey").endsWith("\ncode=SignatureDoesNotMatch");
        assertThat(backup.database().exitCode()).isEqualTo(1);
        assertThat(backup.database().terminationMessage()).as("the dump side did nothing, and says so").isEqualTo("dump=skipped");
        assertThat(s3.keys(BUCKET)).isEmpty();
    }

    @Test
    void aMissingBucketFailsWithNoSuchBucket() {
        FailDaily fd = failDaily(spec -> spec.getBackup().getObjectStore().setBucket("no-such-bucket"));
        ObjectStoreJob.Run backup = jobs.run(backupPod(fd), db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(backup.store().exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.store().terminationMessage()).startsWith("error=the object store answered NoSuchBucket")
                .endsWith("\ncode=NoSuchBucket");
        assertThat(backup.store().terminationMessage().lines().count()).isEqualTo(2);
        assertThat(backup.database().terminationMessage()).isEqualTo("dump=skipped");
    }

    @Test
    void anUnreachableStoreFailsWithUnreachable() {
        FailDaily fd = failDaily(spec -> spec.getBackup().getObjectStore().setEndpoint("http://127.0.0.1:" + LocalProcesses.freePort()));
        ObjectStoreJob.Run backup = jobs.run(backupPod(fd), db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(backup.store().exitCode()).as(backup.toString()).isEqualTo(1);
        assertThat(backup.store().terminationMessage()).startsWith("error=cannot reach the object store at http://127.0.0.1:")
                .endsWith("\ncode=Unreachable");
    }

    @Test
    void aFailedDumpAbortsTheUploadAndTheNewestBackupStaysTheLastCompleteOne() throws Exception {
        FailDaily fd = failDaily(spec -> { });
        ObjectStoreJob.Run good = jobs.run(backupPod(fd), db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(good.store().exitCode()).as(good.toString()).isZero();
        List<String> before = s3.keys(BUCKET);

        Thread.sleep(1100); // another second, another name: the failed backup must not take the good one's place
        int noDatabase = LocalProcesses.freePort();
        ObjectStoreJob.Run failed = jobs.run(backupPod(fd), db.host(), noDatabase, credentials, keys(S3Server.SECRET_KEY));
        assertThat(failed.database().exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.database().terminationMessage()).startsWith("error=mysqldump of " + Defaults.DATABASE_NAME + " failed");
        assertThat(failed.store().exitCode()).isEqualTo(1);
        assertThat(failed.store().terminationMessage()).as("only the cause reports an error").isEqualTo("upload=aborted");
        assertThat(s3.keys(BUCKET)).as("no object of the failed backup, complete or partial").isEqualTo(before);
    }

    @Test
    void aTruncatedObjectIsRefusedBeforeTheDatabaseIsTouched() throws Exception {
        FailDaily fd = failDaily(spec -> { });
        ObjectStoreJob.Run backup = jobs.run(backupPod(fd), db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(backup.store().exitCode()).as(backup.toString()).isZero();
        String file = backup.store().terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
        byte[] object = s3.get(BUCKET, FOLDER + file);
        s3.put(BUCKET, FOLDER + file, Arrays.copyOf(object, object.length / 2));

        List<String> before = checksums(db);
        ObjectStoreJob.Run restore = jobs.run(restorePod(fd, file), db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(restore.store().exitCode()).as(restore.toString()).isEqualTo(1);
        assertThat(restore.store().terminationMessage()).startsWith("error=" + file + " is truncated or corrupt: "
                + object.length / 2 + " bytes").endsWith("\ncode=Corrupt");
        assertThat(restore.database().exitCode()).isEqualTo(2);
        assertThat(restore.database().terminationMessage()).startsWith("error=" + file + " is truncated or corrupt")
                .endsWith("; the database was not touched");
        assertThat(checksums(db)).isEqualTo(before);
        try (Stream<Path> files = Files.list(jobs.backups())) {
            assertThat(files).as("no safety copy either: nothing was done").isEmpty();
        }
    }

    @Test
    void aBackupWithoutManifestIsNotRestorable() throws Exception {
        s3.put(BUCKET, FOLDER + "faildaily_backup_20260105_030000.sql.gz", new byte[] {1, 2, 3});
        List<String> before = checksums(db);
        ObjectStoreJob.Run restore = jobs.run(restorePod(failDaily(spec -> { }), "faildaily_backup_20260105_030000.sql.gz"),
                db.host(), db.port(), credentials, keys(S3Server.SECRET_KEY));
        assertThat(restore.store().terminationMessage()).startsWith("error=no complete backup named "
                + "faildaily_backup_20260105_030000.sql.gz in s3://" + BUCKET + "/" + FOLDER);
        assertThat(restore.database().exitCode()).isEqualTo(2);
        assertThat(checksums(db)).isEqualTo(before);
    }

    // --- the FailDaily, its Job pods, its Secrets --------------------------------------------------------

    private static FailDaily failDaily(Consumer<io.faildaily.operator.api.FailDailySpec> customise) {
        return FailDailies.of(NS, NAME, spec -> {
            ObjectStoreSpec store = new ObjectStoreSpec();
            store.setEndpoint(s3 == null ? "http://127.0.0.1:9" : s3.endpoint().toString());
            store.setBucket(BUCKET);
            store.setCredentialsSecret(KEYS_SECRET);
            spec.getBackup().setObjectStore(store);
            customise.accept(spec);
        });
    }

    private static PodSpec backupPod(FailDaily fd) {
        return BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    private static PodSpec restorePod(FailDaily fd, String file) {
        RestoreSpec restore = new RestoreSpec();
        restore.setFrom(file);
        fd.getSpec().setRestore(restore);
        return BackupModel.restoreJob(fd).getSpec().getTemplate().getSpec();
    }

    /** The user's Secret with the store's access key. */
    private static Secret keys(String secretKey) {
        return BackupFixtures.storeKeys(KEYS_SECRET, NS, secretKey);
    }

    // --- the database --------------------------------------------------------------------------------------

    private static Map<String, Long> rowCounts(MariaDbServer server) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("empty_table", "fails", "fails_audit")) {
            counts.put(table, Long.parseLong(query(server, "SELECT COUNT(*) FROM " + table).get(0)));
        }
        return counts;
    }

    /** CHECKSUM TABLE of every base table of the database. */
    private static List<String> checksums(MariaDbServer server) throws SQLException {
        List<String> tables = query(server, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1");
        return query(server, "CHECKSUM TABLE " + String.join(", ", tables));
    }

    private static List<String> query(MariaDbServer server, String sql) throws SQLException {
        try (Connection c = Stack.connect(server, credentials, Defaults.DATABASE_NAME); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows.add(columns == 1 ? rs.getString(1) : rs.getString(1) + "=" + rs.getString(2));
            }
            return rows;
        }
    }

    private static String gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
