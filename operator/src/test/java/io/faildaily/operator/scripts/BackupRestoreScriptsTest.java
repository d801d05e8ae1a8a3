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
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.OriginalInstallation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's backup.sh and restore.sh on a real MariaDB (MySQL-protocol compatible, Debian's
 * mariadb-server): a round trip keeps every table, trigger, view and routine; the original setup's plain dump
 * and a dump of a database of another name are restored as they are; retention; failures leave nothing behind;
 * bad files are refused with the database untouched.
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
        assertThat(scripts.backups().resolve(newest.replace(".sql.gz", ".counts"))).as("the new dump's row counts beside it")
                .content().contains("fails\t" + (ROWS + 1));
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

    @Test
    void theOriginalSetupsPlainDumpIsRestoredAsItIsAndReplacesWhatWasThere() throws Exception {
        Path sample = OriginalInstallation.writeDump(scripts.backups().resolve(OriginalInstallation.DUMP));
        assertThat(Files.readString(sample)).as("the deploy script's file: plain SQL, triggers with DEFINER, no USE")
                .startsWith("/*M!999999\\- enable the sandbox mode */").contains("DEFINER=`root`@`localhost`")
                .doesNotContain("\nUSE `");
        OriginalInstallation.load(db, "reference_original");

        db.createDatabase("restored_original");
        db.execute("GRANT ALL PRIVILEGES ON restored_original.* TO '" + APP + "'@'%'");
        sql("restored_original", "CREATE TABLE leftover (id INT PRIMARY KEY)");
        ScriptRunner.Run restore = scripts.restore(db, APP, APP_PASSWORD, "restored_original", OriginalInstallation.DUMP);
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("restoring " + OriginalInstallation.DUMP + " into restored_original");

        List<String> tables = query("reference_original", "SELECT TABLE_NAME FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1");
        assertThat(tables).hasSize(32).contains("users", "fails", "badge_definitions");
        String all = String.join(", ", tables);
        assertThat(query("restored_original", "CHECKSUM TABLE " + all)).isEqualTo(query("reference_original", "CHECKSUM TABLE " + all));
        assertThat(originalObjects("restored_original")).isEqualTo(originalObjects("reference_original"))
                .contains("trigger users_after_insert", "view user_profiles_complete");
        assertThat(query("restored_original", "SELECT COUNT(*) FROM badge_definitions")).containsExactly("65");
        // A restore gives the backup's state: the table the backup does not have is gone, kept in the safety copy.
        assertThat(query("restored_original", "SELECT COUNT(*) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'leftover'")).containsExactly("0");
        Path safety = scripts.backups().resolve(restore.terminationMessage().replaceAll("^.* safety=(\\S+)$", "$1"));
        assertThat(gunzip(safety)).contains("CREATE TABLE `leftover`");
    }

    @Test
    void mariaDbsSandboxLineDoesNotStopTheMysqlClientOfTheMysqlImage() throws Exception {
        // The mysql client of the mysql:8.0 image stops on the first line MariaDB's mysqldump writes, with
        // "Unknown command '\-'". This stand-in refuses such a first line the same way, and runs Debian's client
        // otherwise.
        Path bin = Files.createDirectories(work.resolve("mysql8-client"));
        Path standIn = Files.writeString(bin.resolve("mysql"), """
                #!/bin/bash
                case " $* " in *" -e "*|*" --execute"*) exec /usr/bin/mysql "$@" ;; esac
                input="$(mktemp)"; trap 'rm -f "$input"' EXIT
                cat > "$input"
                if head -n 1 "$input" | grep -q '\\\\-'; then echo "ERROR at line 1: Unknown command '\\-'." >&2; exit 1; fi
                /usr/bin/mysql "$@" < "$input"
                """);
        standIn.toFile().setExecutable(true);
        Process raw = new ProcessBuilder(standIn.toString(), "--host=" + db.host(), "--port=" + db.port(), "--user=root",
                "mysql").redirectErrorStream(true).start();
        raw.getOutputStream().write(OriginalInstallation.dump());
        raw.getOutputStream().close();
        assertThat(new String(raw.getInputStream().readAllBytes())).as("the stand-in refuses the file as it is")
                .contains("Unknown command");
        assertThat(raw.waitFor()).isEqualTo(1);

        OriginalInstallation.writeDump(scripts.backups().resolve(OriginalInstallation.DUMP));
        db.createDatabase("restored_by_mysql8");
        ScriptRunner.Run restore = scripts.restore(db, ADMIN, ADMIN_PASSWORD, "restored_by_mysql8", OriginalInstallation.DUMP,
                Map.of("PATH", bin + ":" + System.getenv("PATH")));
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(query("restored_by_mysql8", "SELECT COUNT(*) FROM users")).containsExactly("7");
    }

    @Test
    void aDumpMadeWithDatabasesLandsInTheTargetWhateverTheNameItWasDumpedFrom() throws Exception {
        List<String> before = checksums(DB);
        Path file = mysqldump("faildaily_other_name.sql", "--databases", DB);
        assertThat(Files.readString(file)).contains("CREATE DATABASE", "USE `" + DB + "`;");

        db.createDatabase("renamed_copy");
        ScriptRunner.Run restore = scripts.restore(db, ADMIN, ADMIN_PASSWORD, "renamed_copy", file.getFileName().toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("(dumped from database " + DB + ") into renamed_copy");
        assertSameContent(DB, "renamed_copy");
        assertThat(checksums(DB)).isEqualTo(before);
    }

    @Test
    void filesThatAreNotADumpOfOneWholeDatabaseAreRefusedAndTheDatabaseIsUntouched() throws Exception {
        db.createDatabase("second_database");
        sql("second_database", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)");
        mysqldump("two_databases.sql", "--databases", DB, "second_database");
        Files.writeString(scripts.backups().resolve("not_a_dump.sql"), "DROP TABLE fails;\n");
        byte[] sample = OriginalInstallation.dump();
        Files.write(scripts.backups().resolve("truncated.sql"), java.util.Arrays.copyOf(sample, sample.length / 2));
        writeGzip(scripts.backups().resolve("compressed.sql"), new String(sample, java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(scripts.backups().resolve("notes.txt"), "-- MySQL dump\n-- Dump completed\n");
        Map<String, String> refusals = Map.of(
                "two_databases.sql", "two_databases.sql holds 2 databases (" + DB + " second_database): restore a dump of one database",
                "not_a_dump.sql", "not_a_dump.sql does not look like a mysqldump",
                "truncated.sql", "truncated.sql is incomplete: it does not end with mysqldump's '-- Dump completed' line",
                "compressed.sql", "compressed.sql is gzip-compressed: name it compressed.sql.gz",
                "notes.txt", "notes.txt is neither a .sql nor a .sql.gz file");
        List<String> before = checksums(DB);
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            ScriptRunner.Run restore = scripts.restore(db, ADMIN, ADMIN_PASSWORD, DB, refusal.getKey());
            assertThat(restore.exitCode()).as(refusal.getKey() + ": " + restore.output()).isEqualTo(2);
            assertThat(restore.terminationMessage()).as(refusal.getKey())
                    .contains(refusal.getValue()).endsWith("the database was not touched");
        }
        assertThat(checksums(DB)).isEqualTo(before);
        assertThat(allFiles()).as("no safety copy: nothing was done").noneMatch(p -> p.getFileName().toString().startsWith("pre-restore_"));
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

    /** Triggers and views of a schema, by name. */
    private static List<String> originalObjects(String database) throws SQLException {
        List<String> names = new ArrayList<>(query(database, "SELECT CONCAT('trigger ', TRIGGER_NAME) FROM "
                + "information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() ORDER BY 1"));
        names.addAll(query(database, "SELECT CONCAT('view ', TABLE_NAME) FROM information_schema.VIEWS "
                + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1"));
        return names;
    }

    // --- the backups volume -----------------------------------------------------------------------------

    /** mysqldump as the administrator, with {@code args}, into {@code name} on the backups volume. */
    private Path mysqldump(String name, String... args) throws IOException, InterruptedException {
        Path file = scripts.backups().resolve(name);
        List<String> command = new ArrayList<>(List.of("mysqldump", "--host=" + db.host(), "--port=" + db.port(),
                "--user=" + ADMIN, "--single-transaction", "--routines", "--triggers", "--events"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(file.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("MYSQL_PWD", ADMIN_PASSWORD);
        assertThat(pb.start().waitFor()).as("mysqldump " + String.join(" ", args)).isZero();
        return file;
    }


    private List<Path> backupFiles() {
        return allFiles().stream().filter(p -> p.getFileName().toString().startsWith("faildaily_backup_")
                && p.getFileName().toString().endsWith(".sql.gz")).toList();
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
