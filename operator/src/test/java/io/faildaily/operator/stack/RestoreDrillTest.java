package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.api.ObjectStoreSpec;
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
 * Restore drills (verify.sh) exactly as rendered: the drill CronJob's pod, run as {@link ScriptJob} and
 * {@link ObjectStoreJob} run the backup pods, on Debian's MariaDB. The script starts its own throwaway mariadbd
 * in a temp dir, on a socket only; the live database is a private MariaDB whose checksums do not change. Backups
 * are made by the rendered backup pods first (volume: the dump and its counts file; store: the dump and its
 * manifest), then altered to make each failure.
 */
class RestoreDrillTest {
    private static final String NS = "shop";
    private static final String NAME = "fd";
    private static final String BUCKET = "drill-backups";
    private static final String FOLDER = NS + "/" + NAME + "/";
    private static final String KEYS_SECRET = "store-keys";
    private static final int ROWS = 5_000;

    private static MariaDbServer db;
    private static S3Server s3;
    private static Secret credentials;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws SQLException {
        s3 = S3Server.start();
        s3.createBucket(BUCKET);
        credentials = CredentialsModel.secret(FailDailies.of(NS, NAME), RandomStrings.secure());
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
    void emptyBucket() {
        s3.empty(BUCKET);
    }

    // --- the backups volume --------------------------------------------------------------------------------

    @Test
    void theNewestBackupOnTheVolumeVerifiesAndItsCountsFileHoldsTheRowsOfEachTable() throws Exception {
        FailDaily fd = FailDailies.of(NS, NAME);
        ScriptJob jobs = new ScriptJob(work);
        List<String> before = checksums();
        String file = backUpToVolume(jobs, fd);
        Path counts = jobs.backups().resolve(file.replace(".sql.gz", ".counts"));
        assertThat(Files.readString(counts)).as("what backup.sh recorded: the rows of the dump, per table")
                .isEqualTo(liveCounts().entrySet().stream().map(e -> e.getKey() + "\t" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n")));

        List<Path> earlier = leftovers();
        ScriptJob.Run drill = jobs.runWithoutServer(drillContainer(fd));
        assertThat(drill.exitCode()).as(drill.output()).isZero();
        assertThat(drill.terminationMessage()).isEqualTo("verified=" + file + " tables=3 rows=" + (2 * ROWS));
        assertThat(drill.output()).contains("into a throwaway mariadbd (socket only, no network)");
        assertThat(checksums()).as("the live database is untouched").isEqualTo(before);
        assertThat(leftovers()).as("the throwaway server's directory is removed").isEqualTo(earlier);
    }

    @Test
    void countsThatDisagreeWithTheRestoredCopyGiveRowCountMismatch() throws Exception {
        FailDaily fd = FailDailies.of(NS, NAME);
        ScriptJob jobs = new ScriptJob(work);
        String file = backUpToVolume(jobs, fd);
        Path counts = jobs.backups().resolve(file.replace(".sql.gz", ".counts"));
        Files.writeString(counts, Files.readString(counts).replace("fails\t" + ROWS, "fails\t" + (ROWS + 1)));
        List<String> before = checksums();

        ScriptJob.Run drill = jobs.runWithoutServer(drillContainer(fd));
        assertThat(drill.exitCode()).as(drill.output()).isEqualTo(1);
        assertThat(drill.terminationMessage()).isEqualTo("error=the restored " + file + " differs from its counts file: fails: "
                + (ROWS + 1) + " rows in the backup, " + ROWS + " restored\nreason=RowCountMismatch backup=" + file);
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void aTruncatedDumpGivesBackupUnreadableAndNoBackupAtAllGivesNoBackup() throws Exception {
        FailDaily fd = FailDailies.of(NS, NAME);
        ScriptJob jobs = new ScriptJob(work);
        ScriptJob.Run none = jobs.runWithoutServer(drillContainer(fd));
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.terminationMessage()).isEqualTo("error=no backup on the backups volume to verify\nreason=NoBackup");

        String file = backUpToVolume(jobs, fd);
        byte[] whole = Files.readAllBytes(jobs.backups().resolve(file));
        String newer = "faildaily_backup_20991231_235959.sql.gz";
        Files.write(jobs.backups().resolve(newer), Arrays.copyOf(whole, whole.length / 2));
        List<String> before = checksums();
        ScriptJob.Run drill = jobs.runWithoutServer(drillContainer(fd));
        assertThat(drill.exitCode()).as(drill.output()).isEqualTo(1);
        assertThat(drill.terminationMessage()).as("the newest backup is the one verified")
                .isEqualTo("error=" + newer + " is corrupt (gzip -t fails)\nreason=BackupUnreadable backup=" + newer);
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void aDumpThatDoesNotLoadGivesBackupUnreadable() throws Exception {
        FailDaily fd = FailDailies.of(NS, NAME);
        ScriptJob jobs = new ScriptJob(work);
        String broken = "faildaily_backup_20991231_235959.sql.gz";
        // Whole as a file and complete as mysqldump's last line says, but its SQL does not load.
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(jobs.backups().resolve(broken)))) {
            out.write("-- MariaDB dump 10.19\nCREATE TABLE `t` (`id` INT PRIMARY KEY);\nINSERT INTO `t` VALUES (1),(1);\n-- Dump completed\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        ScriptJob.Run drill = jobs.runWithoutServer(drillContainer(fd));
        assertThat(drill.exitCode()).as(drill.output()).isEqualTo(1);
        assertThat(drill.terminationMessage()).startsWith("error=" + broken + " did not load into a fresh server: ")
                .contains("Duplicate entry").endsWith("\nreason=BackupUnreadable backup=" + broken);
    }

    // --- the object store ----------------------------------------------------------------------------------

    @Test
    void fromTheStoreTheNewestManifestsBackupVerifiesAgainstItsRowCounts() throws Exception {
        FailDaily fd = toStore();
        ObjectStoreJob jobs = new ObjectStoreJob(work);
        String file = backUpToStore(jobs, fd);
        List<String> before = checksums();

        ObjectStoreJob.Run drill = jobs.run(drillPod(fd), null, 0, keys());
        assertThat(drill.database().exitCode()).as(drill.toString()).isZero();
        assertThat(drill.store().exitCode()).as(drill.toString()).isZero();
        assertThat(drill.database().terminationMessage()).isEqualTo("verified=" + file + " tables=3 rows=" + (2 * ROWS));
        assertThat(drill.store().terminationMessage()).startsWith("downloaded=" + file + " size=");
        assertThat(checksums()).isEqualTo(before);
    }

    @Test
    void fromTheStoreAManifestThatDisagreesGivesRowCountMismatch() throws Exception {
        FailDaily fd = toStore();
        ObjectStoreJob jobs = new ObjectStoreJob(work);
        String file = backUpToStore(jobs, fd);
        Manifest manifest = Manifest.fromJson(s3.get(BUCKET, FOLDER + Manifest.nameFor(file)), "manifest");
        Map<String, Long> wrong = new LinkedHashMap<>(manifest.tables());
        wrong.put("fails_audit", 7L);
        s3.put(BUCKET, FOLDER + Manifest.nameFor(file), new Manifest(manifest.format(), manifest.file(), manifest.database(),
                manifest.startedAt(), manifest.finishedAt(), manifest.size(), manifest.sha256(), wrong, manifest.binlog()).toJson());

        ObjectStoreJob.Run drill = jobs.run(drillPod(fd), null, 0, keys());
        assertThat(drill.database().exitCode()).as(drill.toString()).isEqualTo(1);
        assertThat(drill.database().terminationMessage()).isEqualTo("error=the restored " + file + " differs from its "
                + "manifest: fails_audit: 7 rows in the backup, " + ROWS + " restored\nreason=RowCountMismatch backup=" + file);
    }

    @Test
    void fromTheStoreATruncatedBackupGivesBackupUnreadableAndAnEmptyFolderNoBackup() throws Exception {
        FailDaily fd = toStore();
        ObjectStoreJob jobs = new ObjectStoreJob(work);
        ObjectStoreJob.Run none = jobs.run(drillPod(fd), null, 0, keys());
        assertThat(none.store().exitCode()).as(none.toString()).isEqualTo(1);
        assertThat(none.store().terminationMessage()).startsWith("error=no complete backup in s3://" + BUCKET + "/" + NS + "/" + NAME)
                .endsWith("\ncode=NoBackup\nreason=NoBackup");
        assertThat(none.database().terminationMessage()).as("the drill side did nothing, and says so").isEqualTo("verify=skipped");

        String file = backUpToStore(jobs, fd);
        byte[] object = s3.get(BUCKET, FOLDER + file);
        s3.put(BUCKET, FOLDER + file, Arrays.copyOf(object, object.length - 100));
        List<String> before = checksums();
        ObjectStoreJob.Run drill = jobs.run(drillPod(fd), null, 0, keys());
        assertThat(drill.store().exitCode()).as(drill.toString()).isEqualTo(1);
        assertThat(drill.store().terminationMessage()).contains("is truncated or corrupt")
                .endsWith("\ncode=Corrupt\nreason=BackupUnreadable backup=" + file);
        assertThat(drill.database().exitCode()).isEqualTo(1);
        assertThat(drill.database().terminationMessage()).isEqualTo("verify=skipped");
        assertThat(checksums()).isEqualTo(before);
    }

    // --- the FailDaily and its pods --------------------------------------------------------------------------

    private static String backUpToVolume(ScriptJob jobs, FailDaily fd) {
        Container backup = BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        ScriptJob.Run run = jobs.run(backup, credentials, db.host(), db.port());
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
    }

    private static String backUpToStore(ObjectStoreJob jobs, FailDaily fd) {
        ObjectStoreJob.Run run = jobs.run(BackupModel.cronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec(),
                db.host(), db.port(), credentials, keys());
        assertThat(run.store().exitCode()).as(run.toString()).isZero();
        return run.store().terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
    }

    private static Container drillContainer(FailDaily fd) {
        return drillPod(fd).getContainers().get(0);
    }

    private static PodSpec drillPod(FailDaily fd) {
        return BackupModel.verifyCronJob(fd).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    private static FailDaily toStore() {
        return FailDailies.of(NS, NAME, spec -> {
            ObjectStoreSpec store = new ObjectStoreSpec();
            store.setEndpoint(s3.endpoint().toString());
            store.setBucket(BUCKET);
            store.setCredentialsSecret(KEYS_SECRET);
            spec.getBackup().setObjectStore(store);
        });
    }

    private static Secret keys() {
        return BackupFixtures.storeKeys(KEYS_SECRET, NS, S3Server.SECRET_KEY);
    }

    /** verify.sh's throwaway directories (mktemp under TMPDIR, else /tmp) that outlived it. */
    private static List<Path> leftovers() throws java.io.IOException {
        Path tmp = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"));
        try (var files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("verify.")).sorted().toList();
        }
    }

    // --- the live database ---------------------------------------------------------------------------------

    /** Rows per table, by name (C order, as the counts file). */
    private static Map<String, Long> liveCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("empty_table", "fails", "fails_audit")) {
            counts.put(table, Long.parseLong(query("SELECT COUNT(*) FROM " + table).get(0)));
        }
        return counts;
    }

    private static List<String> checksums() throws SQLException {
        return query("CHECKSUM TABLE empty_table, fails, fails_audit");
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection c = Stack.connect(db, credentials, Defaults.DATABASE_NAME); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                rows.add(columns == 1 ? rs.getString(1) : rs.getString(1) + "=" + rs.getString(2));
            }
            return rows;
        }
    }
}
