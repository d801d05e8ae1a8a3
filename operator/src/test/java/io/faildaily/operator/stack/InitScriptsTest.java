package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.zip.GZIPOutputStream;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.cli.FailDailyFile;
import io.faildaily.operator.model.BackendModel;
import io.faildaily.operator.model.CredentialsModel;
import io.faildaily.operator.model.DatabaseModel;
import io.faildaily.operator.model.RandomStrings;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec.database.initScripts as the original images' example sets it, on MariaDB started as the mysql image
 * starts ({@link MysqlImage}) on the volume the rendered StatefulSet mounts ({@link DataVolume}), with the
 * ConfigMap made from a folder as kubectl makes it and mounted where the rendered StatefulSet mounts it
 * ({@link ConfigMapVolume}): the files run once, on the new volume, into the database the backend is given,
 * and not again when the database starts again on the same volume, even with the ConfigMap changed.
 */
class InitScriptsTest {
    static final Path EXAMPLE = Path.of(System.getProperty("faildaily.repoRoot", "..")).toAbsolutePath().normalize()
            .resolve("examples/faildaily-original-images.yaml");
    static final String CONFIG_MAP = "faildaily-original-schema";

    @TempDir
    Path work;

    private final FailDaily fd = FailDailyFile.read(EXAMPLE);
    private final Secret secret = CredentialsModel.secret(fd, RandomStrings.secure());
    private final StatefulSet rendered = DatabaseModel.statefulSet(fd);

    @Test
    void theExampleNamesTheSchemaConfigMap() {
        assertThat(fd.getSpec().getDatabase().getInitScripts()).isEqualTo(CONFIG_MAP);
        assertThat(rendered.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getConfigMap() != null && CONFIG_MAP.equals(v.getConfigMap().getName())).isTrue());
    }

    @Test
    void theFilesRunOnceOnTheNewVolumeIntoTheBackendsDatabaseAndNeverAgain() throws Exception {
        Path schema = schemaFolder();
        assertThat(ConfigMapVolume.keys(schema)).as("what kubectl create configmap --from-file takes")
                .containsExactly(".gitkeep", "01-schema.sql", "02-badges.sql.gz", "03-record.sh", "README.md");
        Path dataDir = DataVolume.dataDirectory(work.resolve("volume"), rendered);
        boolean initialisedBefore = MysqlImage.initialised(dataDir);
        assertThat(initialisedBefore).isFalse();

        try (MariaDbServer db = RenderedMyCnf.start(fd, work.resolve("cnf"), dataDir)) {
            MysqlImage.Start first = MysqlImage.start(db, initialisedBefore, rendered, secret, Map.of(CONFIG_MAP, schema),
                    work.resolve("pod"));
            assertThat(first.initialised()).isTrue();
            assertThat(first.ran()).containsExactly("01-schema.sql", "02-badges.sql.gz", "03-record.sh");
            assertThat(first.ignored()).containsExactly("README.md");

            // In the database the backend is given (DB_NAME), read by the user it is given (DB_USER, DB_PASSWORD).
            Map<String, String> backendEnv = RenderedEnv.resolve(BackendModel.env(fd), secret).toMap();
            try (Connection app = DriverManager.getConnection(db.jdbcUrl(backendEnv.get("DB_NAME")),
                    backendEnv.get("DB_USER"), backendEnv.get("DB_PASSWORD"))) {
                assertThat(rows(app, "SELECT file, detail FROM init_runs ORDER BY file")).containsExactly(
                        "01-schema.sql faildaily_prod", "02-badges.sql.gz faildaily_prod",
                        "03-record.sh faildaily_user@faildaily_prod");
                assertThat(rows(app, "SELECT id, name FROM badge_definitions ORDER BY id"))
                        .containsExactly("first-fail Premier fail", "seven-days Une semaine de courage");
                // The DEFINER trigger of the schema was made (as root) and fires.
                assertThat(rows(app, "SELECT CHAR_LENGTH(id), role FROM users")).containsExactly("36 super_admin");
                try (Statement st = app.createStatement()) {
                    st.execute("INSERT INTO users (id, email, password_hash) VALUES ('', 'new@faildaily.example', 'x')");
                }
                assertThat(rows(app, "SELECT COUNT(*) FROM users WHERE CHAR_LENGTH(id) = 36")).containsExactly("2");
            }

        }

        // A new pod on the same volume (a restart, another node, an operator upgrade), with the ConfigMap changed
        // meanwhile: the image finds its database and runs nothing. (MariaDbServer waits for a root login without
        // password, which the first start replaced: this server skips the grant tables, nothing else differs.)
        Files.writeString(schema.resolve("04-more.sql"), "INSERT INTO init_runs VALUES ('04-more.sql', 'again');\n");
        Files.writeString(schema.resolve("01-schema.sql"), "DROP TABLE init_runs;\n");
        boolean initialisedNow = MysqlImage.initialised(dataDir);
        assertThat(initialisedNow).isTrue();
        Path cnf = RenderedMyCnf.write(RenderedMyCnf.of(fd) + "\n[mysqld]\nskip-grant-tables\n", work.resolve("cnf-again"));
        try (MariaDbServer again = MariaDbServer.start(dataDir, cnf)) {
            MysqlImage.Start second = MysqlImage.start(again, initialisedNow, rendered, secret, Map.of(CONFIG_MAP, schema),
                    work.resolve("pod"));
            assertThat(second.initialised()).isFalse();
            assertThat(second.ran()).isEmpty();
            try (Connection root = DriverManager.getConnection(again.jdbcUrl("faildaily_prod"), "root", "")) {
                assertThat(rows(root, "SELECT file FROM init_runs ORDER BY file"))
                        .containsExactly("01-schema.sql", "02-badges.sql.gz", "03-record.sh");
                assertThat(rows(root, "SELECT COUNT(*) FROM users")).containsExactly("2");
            }
        }
    }

    @Test
    void withoutTheConfigMapTheDatabaseDoesNotStartRatherThanStartWithoutItsSchema() throws IOException {
        Path dataDir = DataVolume.dataDirectory(work.resolve("volume"), rendered);
        try (MariaDbServer db = RenderedMyCnf.start(fd, work.resolve("cnf"), dataDir)) {
            assertThatThrownBy(() -> MysqlImage.start(db, false, rendered, secret, Map.of(), work.resolve("pod")))
                    .hasMessageContaining("configmap \"" + CONFIG_MAP + "\" not found");
        }
    }

    @Test
    void aFailingFileStopsTheFirstStartWithItsError() throws IOException {
        Path schema = Files.createDirectories(work.resolve("broken"));
        Files.writeString(schema.resolve("01-broken.sql"), "CREATE TABLE oops (;\n");
        Path dataDir = DataVolume.dataDirectory(work.resolve("volume"), rendered);
        try (MariaDbServer db = RenderedMyCnf.start(fd, work.resolve("cnf"), dataDir)) {
            assertThatThrownBy(() -> MysqlImage.start(db, false, rendered, secret, Map.of(CONFIG_MAP, schema),
                    work.resolve("pod"))).hasMessageContaining("01-broken.sql failed").hasMessageContaining("ERROR 1064");
        }
    }

    @Test
    void withoutInitScriptsNoFileRunsWhateverIsAround() throws Exception {
        FailDaily plain = FailDailies.of("apps", "faildaily");
        StatefulSet plainSet = DatabaseModel.statefulSet(plain);
        Path dataDir = DataVolume.dataDirectory(work.resolve("volume"), plainSet);
        try (MariaDbServer db = RenderedMyCnf.start(plain, work.resolve("cnf"), dataDir)) {
            MysqlImage.Start start = MysqlImage.start(db, false, plainSet, secret, Map.of(CONFIG_MAP, schemaFolder()),
                    work.resolve("pod"));
            assertThat(start.initialised()).isTrue();
            assertThat(start.ran()).isEmpty();
            try (Connection root = Stack.connect(db, secret, "faildaily_prod")) {
                assertThat(rows(root, "SHOW TABLES")).isEmpty();
            }
        }
    }

    /**
     * The folder a user makes the ConfigMap from: the schema, a gzipped file, a shell script, a README, a hidden
     * file (kubectl takes it, the image's glob does not see it) and a sub-folder (kubectl does not take it).
     */
    private Path schemaFolder() throws IOException {
        Path folder = Files.createDirectories(work.resolve("sql"));
        for (String name : List.of("01-schema.sql", "03-record.sh", "README.md")) {
            try (InputStream in = InitScriptsTest.class.getResourceAsStream("/init-scripts/" + name)) {
                Files.copy(in, folder.resolve(name));
            }
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve("02-badges.sql.gz")))) {
            out.write(("INSERT INTO badge_definitions VALUES ('first-fail', 'Premier fail'), "
                    + "('seven-days', 'Une semaine de courage');\n"
                    + "INSERT INTO init_runs VALUES ('02-badges.sql.gz', DATABASE());\n").getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(folder.resolve(".gitkeep"), "");
        Path old = Files.createDirectories(folder.resolve("old"));
        Files.writeString(old.resolve("00-old.sql"), "INSERT INTO init_runs VALUES ('old/00-old.sql', 'never');\n");
        return folder;
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
