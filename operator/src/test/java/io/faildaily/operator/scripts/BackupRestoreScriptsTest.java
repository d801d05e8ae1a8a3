package io.faildaily.operator.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.faildaily.backend.testing.MariaDbServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's backup.sh and restore.sh on a real MariaDB (MySQL-protocol compatible, Debian's
 * mariadb-server): a round trip keeps every table, trigger, view and routine; retention; failures leave
 * nothing behind; bad files are refused with the database untouched.
 */
class BackupRestoreScriptsTest {
    private static final String DB = "faildaily_prod";
    /** Stands in for MySQL's root: every privilege, password by MYSQL_PWD. */
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "Adm1n-pw";
    /** A user with rights on the restore target only: DEFINER=`root`@… would fail for it unless stripped. */
    private static final String APP = "app";
    private static final String APP_PASSWORD = "App-pw-1";
    private static final int ROWS = 100_000;

    private static MariaDbServer db;

    @TempDir
    Path work;
    private ScriptRunner scripts;

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
        db.execute("CREATE USER '" + ADMIN + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'");
        db.execute("GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION");
        db.execute("CREATE USER '" + APP + "'@'%' IDENTIFIED BY '" + APP_PASSWORD + "'");
        db.createDatabase(DB);
        seed();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void scripts() throws IOException {
        scripts = new ScriptRunner(work);
    }

    @Test
    void aRoundTripKeepsEveryRowTriggerViewAndRoutine() throws Exception {
        ScriptRunner.Run backup = scripts.backup(db, ADMIN, ADMIN_PASSWORD, DB, 7);
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        List<Path> files = backupFiles();
        assertThat(files).singleElement().satisfies(f ->
                assertThat(f.getFileName().toString()).matches("faildaily_backup_\\d{8}_\\d{6}\\.sql\\.gz"));
        Path file = files.get(0);
        assertThat(backup.terminationMessage())
                .isEqualTo("file=" + file.getFileName() + " size=" + Files.size(file));
        assertThat(gzipTest(file)).isZero();

        db.createDatabase("restored_admin");
        ScriptRunner.Run restore = scripts.restore(db, ADMIN, ADMIN_PASSWORD, "restored_admin", file.getFileName().toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.terminationMessage()).startsWith("restored=" + file.getFileName() + " safety=pre-restore_");
        assertSameContent(DB, "restored_admin");
    }

    @Test
    void definerClausesDoNotStopARestoreByAUserWithoutSuperPrivileges() throws Exception {
        ScriptRunner.Run backup = scripts.backup(db, ADMIN, ADMIN_PASSWORD, DB, 7);
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        String file = backupFiles().get(0).getFileName().toString();
        assertThat(gunzip(backupFiles().get(0))).as("the dump carries DEFINER clauses").contains("DEFINER=");

        db.createDatabase("restored_app");
        db.execute("GRANT ALL PRIVILEGES ON restored_app.* TO '" + APP + "'@'%'");
        ScriptRunner.Run restore = scripts.restore(db, APP, APP_PASSWORD, "restored_app", file);
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertSameContent(DB, "restored_app");
    }

    @Test
    void retentionKeepsTheNewestFilesAndNothingElse() throws Exception {
        List<String> old = new ArrayList<>();
        for (int day = 1; day <= 9; day++) {
            String name = String.format("faildaily_backup_202601%02d_030000.sql.gz", day);
            writeGzip(scripts.backups().resolve(name), "-- old backup " + day);
            old.add(name);
        }
        writeGzip(scripts.backups().resolve("pre-restore_20260101_000000.sql.gz"), "-- safety copy");
        ScriptRunner.Run backup = scripts.backup(db, ADMIN, ADMIN_PASSWORD, DB, 3);
        assertThat(backup.exitCode()).as(backup.output()).isZero();

        List<String> kept = backupFiles().stream().map(p -> p.getFileName().toString()).sorted().toList();
        String newest = backup.terminationMessage().replaceAll("^file=(\\S+) .*$", "$1");
        assertThat(kept).containsExactly(old.get(7), old.get(8), newest);
        assertThat(scripts.backups().resolve("pre-restore_20260101_000000.sql.gz")).exists();
    }

    @Test
    void retentionOfOneNeverDeletesTheBackupJustWritten() {
        ScriptRunner.Run first = scripts.backup(db, ADMIN, ADMIN_PASSWORD, DB, 1);
        assertThat(first.exitCode()).isZero();
        assertThat(backupFiles()).hasSize(1);
        assertThat(backupFiles().get(0).getFileName().toString())
                .isEqualTo(first.terminationMessage().replaceAll("^file=(\\S+) .*$", "$1"));
    }

    @Test
    void aFailedDumpExitsNonZeroAndLeavesNoFile() {
        ScriptRunner.Run wrongPassword = scripts.backup(db, ADMIN, "not-the-password", DB, 7);
        assertThat(wrongPassword.exitCode()).isNotZero();
        assertThat(wrongPassword.terminationMessage()).startsWith("error=mysqldump of " + DB + " failed");
        assertThat(allFiles()).isEmpty();

        db.stop();
        try {
            ScriptRunner.Run serverDown = scripts.backup(db, ADMIN, ADMIN_PASSWORD, DB, 7);
            assertThat(serverDown.exitCode()).isNotZero();
            assertThat(serverDown.terminationMessage()).startsWith("error=");
            assertThat(allFiles()).as("no file, partial or final").isEmpty();
        } finally {
            db.restart();
        }
    }

    @Test
    void aCorruptFileIsRefusedAndTheDatabaseIsUntouched() throws Exception {
        List<String> before = checksums(DB);
        Files.write(scripts.backups().resolve("faildaily_backup_20260101_030000.sql.gz"),
                "this is not gzip at all".getBytes());
        ScriptRunner.Run restore = scripts.restore(db, ADMIN, ADMIN_PASSWORD, DB, "faildaily_backup_20260101_030000.sql.gz");
        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(restore.terminationMessage()).contains("is corrupt").contains("the database was not touched");
        assertThat(checksums(DB)).isEqualTo(before);
        assertThat(allFiles()).as("no safety copy either: nothing was done").hasSize(1);
    }

    @Test
    void aTruncatedArchiveIsRefusedToo() throws Exception {
        ScriptRunner.Run backup = scripts.backup(db, ADMIN, ADMIN_PASSWORD, DB, 7);
        Path file = backupFiles().get(0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        List<String> before = checksums(DB);
        ScriptRunner.Run restore = scripts.restore(db, ADMIN, ADMIN_PASSWORD, DB, file.getFileName().toString());
        assertThat(backup.exitCode()).isZero();
        assertThat(restore.exitCode()).isEqualTo(2);
        assertThat(checksums(DB)).isEqualTo(before);
    }

    @Test
    void missingFilesAndPathsOutsideTheVolumeAreRefused() {
        ScriptRunner.Run missing = scripts.restore(db, ADMIN, ADMIN_PASSWORD, DB, "faildaily_backup_20990101_000000.sql.gz");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.terminationMessage()).contains("no backup named faildaily_backup_20990101_000000.sql.gz");
        ScriptRunner.Run traversal = scripts.restore(db, ADMIN, ADMIN_PASSWORD, DB, "../../etc/passwd");
        assertThat(traversal.exitCode()).isEqualTo(2);
        assertThat(traversal.terminationMessage()).contains("is not a file name on the backups volume");
    }

    // --- the database -----------------------------------------------------------------------------------

    /** A FailDaily-like schema with everything a dump must carry: rows, a trigger, a view, routines, an event. */
    private static void seed() {
        sql(DB, "CREATE TABLE fails (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL, "
                + "category VARCHAR(50) NOT NULL, created_at DATETIME(3) NOT NULL, INDEX (created_at))");
        sql(DB, "CREATE TABLE audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, fail_id BIGINT NOT NULL)");
        String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
                + "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
        sql(DB, "INSERT INTO fails (id, title, category, created_at) "
                + "SELECT i, CONCAT('Échec n°', i, ' — ', REPEAT('x', i % 50)), ELT(1 + i % 3, 'Général', 'Travail', 'Amour'), "
                + "TIMESTAMP('2026-01-01') + INTERVAL i SECOND FROM (SELECT 1 + a.d + 10 * b.d + 100 * c.d + 1000 * e.d "
                + "+ 10000 * f.d AS i FROM " + digit + " a, " + digit + " b, " + digit + " c, " + digit + " e, " + digit
                + " f) n WHERE i <= " + ROWS);
        sql(DB, "CREATE TRIGGER fails_audit AFTER INSERT ON fails FOR EACH ROW INSERT INTO audit (fail_id) VALUES (NEW.id)");
        sql(DB, "CREATE VIEW fails_per_category AS SELECT category, COUNT(*) AS total FROM fails GROUP BY category");
        sql(DB, "CREATE PROCEDURE count_fails(OUT total BIGINT) SELECT COUNT(*) INTO total FROM fails");
        sql(DB, "CREATE FUNCTION shout(s VARCHAR(200)) RETURNS VARCHAR(200) DETERMINISTIC RETURN UPPER(s)");
        sql(DB, "CREATE EVENT purge_audit ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit");
        sql(DB, "INSERT INTO fails (id, title, category, created_at) VALUES (" + (ROWS + 1) + ", 'after', 'Général', NOW())");
    }

    private static void assertSameContent(String source, String copy) throws SQLException {
        assertThat(checksums(copy)).isEqualTo(checksums(source));
        assertThat(objects(copy)).isEqualTo(objects(source));
        assertThat(query(copy, "SELECT COUNT(*) FROM fails")).containsExactly(String.valueOf(ROWS + 1));
        assertThat(query(copy, "SELECT total FROM fails_per_category WHERE category = 'Général'"))
                .isEqualTo(query(source, "SELECT total FROM fails_per_category WHERE category = 'Général'"));
        assertThat(query(copy, "SELECT shout('échec')")).containsExactly("ÉCHEC");
        // The restored trigger fires.
        sql(copy, "INSERT INTO fails (id, title, category, created_at) VALUES (999999999, 't', 'c', NOW())");
        assertThat(query(copy, "SELECT COUNT(*) FROM audit WHERE fail_id = 999999999")).containsExactly("1");
        sql(copy, "DELETE FROM fails WHERE id = 999999999");
        sql(copy, "DELETE FROM audit WHERE fail_id = 999999999");
    }

    private static List<String> checksums(String database) throws SQLException {
        return query(database, "CHECKSUM TABLE fails, audit");
    }

    /** Triggers, views, routines and events of a schema, by name. */
    private static List<String> objects(String database) throws SQLException {
        List<String> names = new ArrayList<>();
        names.addAll(query(database, "SELECT CONCAT('trigger ', TRIGGER_NAME) FROM information_schema.TRIGGERS "
                + "WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1"));
        names.addAll(query(database, "SELECT CONCAT('view ', TABLE_NAME) FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"));
        names.addAll(query(database, "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME) FROM information_schema.ROUTINES "
                + "WHERE ROUTINE_SCHEMA = DATABASE() ORDER BY 1"));
        names.addAll(query(database, "SELECT CONCAT('event ', EVENT_NAME) FROM information_schema.EVENTS "
                + "WHERE EVENT_SCHEMA = DATABASE() ORDER BY 1"));
        assertThat(names).hasSize(5);
        return names;
    }

    private static void sql(String database, String statement) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
             Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    /** Each row's columns after the first joined by tabs (CHECKSUM TABLE gives name, checksum). */
    private static List<String> query(String database, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(database), db.user(), db.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(statement)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(columns == 1 ? rs.getString(1) : "");
                for (int i = 2; i <= columns; i++) {
                    row.append(i > 2 ? "\t" : "").append(rs.getString(i));
                }
                rows.add(columns > 1 ? rs.getString(1).replaceAll("^[^.]*\\.", "") + "=" + row : row.toString());
            }
            return rows;
        }
    }

    // --- the backups volume -----------------------------------------------------------------------------

    private List<Path> backupFiles() {
        return allFiles().stream().filter(p -> p.getFileName().toString().startsWith("faildaily_backup_")).toList();
    }

    private List<Path> allFiles() {
        try (Stream<Path> files = Files.list(scripts.backups())) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeGzip(Path file, String text) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes());
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static int gzipTest(Path file) throws IOException, InterruptedException {
        return new ProcessBuilder("gzip", "-t", file.toString()).start().waitFor();
    }
}
