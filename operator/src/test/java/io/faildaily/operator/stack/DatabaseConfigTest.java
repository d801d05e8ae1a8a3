package io.faildaily.operator.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.DatabaseSpec;
import io.faildaily.operator.api.FailDaily;
import io.faildaily.operator.model.DatabaseMemory;
import io.faildaily.operator.model.MysqlMemory;
import io.faildaily.operator.model.MysqlSize;
import io.faildaily.operator.testing.FailDailies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rendered faildaily.cnf as a real server's only option file (MariaDB 10.11, the stand-in for MySQL 8.0
 * here): it starts, and every memory bound the operator derived is the value the server runs with. The one
 * MySQL-only setting, temptable_max_ram, is written with the loose_ prefix; without it MariaDB refuses to start.
 */
class DatabaseConfigTest {
    private static final Path WORK = LocalProcesses.tempDir("faildaily-mycnf-");

    @AfterAll
    static void clean() {
        LocalProcesses.deleteRecursively(WORK);
    }

    @Test
    void theDefaultConfigStartsMariaDbWithEveryBoundInForce() throws SQLException {
        assertRunsWithThePlan(FailDailies.of("apps", "faildaily"), "default");
    }

    @Test
    void aLargerLimitWithMoreConnectionsToo() throws SQLException {
        FailDaily fd = FailDailies.of("apps", "faildaily", spec -> {
            DatabaseSpec db = new DatabaseSpec();
            db.setBufferPoolSize("512M");
            db.setMaxConnections(400);
            db.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("2Gi")).build());
            spec.setDatabase(db);
        });
        assertRunsWithThePlan(fd, "larger");
    }

    @Test
    void withoutTheLoosePrefixMariaDbRefusesTheMysqlOnlySetting() {
        String rendered = RenderedMyCnf.of(FailDailies.of("apps", "faildaily"));
        String strict = rendered.replace("loose_temptable_max_ram", "temptable_max_ram");
        assertThat(strict).isNotEqualTo(rendered);
        Path file = RenderedMyCnf.write(strict, WORK.resolve("strict"));
        assertThatThrownBy(() -> MariaDbServer.startWithDefaultsFile(file).close())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("temptable_max_ram");
    }

    private static void assertRunsWithThePlan(FailDaily fd, String dir) throws SQLException {
        DatabaseSpec db = fd.getSpec().getDatabase();
        MysqlMemory plan = DatabaseMemory.plan(db);
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("max_connections", (long) db.getMaxConnections());
        expected.put("innodb_buffer_pool_size", MysqlSize.bytes(db.getBufferPoolSize()));
        expected.put("thread_stack", MysqlMemory.THREAD_STACK);
        expected.put("binlog_cache_size", MysqlMemory.BINLOG_CACHE);
        expected.put("binlog_stmt_cache_size", MysqlMemory.BINLOG_STMT_CACHE);
        expected.put("sort_buffer_size", plan.sortBuffer());
        expected.put("join_buffer_size", plan.joinBuffer());
        expected.put("read_buffer_size", plan.readBuffer());
        expected.put("read_rnd_buffer_size", plan.readRndBuffer());
        expected.put("tmp_table_size", plan.tmpTableSize());
        try (MariaDbServer server = RenderedMyCnf.start(fd, WORK.resolve(dir));
             Connection c = DriverManager.getConnection(server.jdbcUrl(""), server.user(), server.password());
             Statement st = c.createStatement()) {
            for (Map.Entry<String, Long> variable : expected.entrySet()) {
                try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL." + variable.getKey())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(variable.getKey()).isEqualTo(variable.getValue());
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT @@GLOBAL.character_set_server, @@GLOBAL.skip_name_resolve")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("utf8mb4");
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
            // MariaDB has no TempTable engine: the line it was told to ignore names nothing here.
            try (ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES LIKE 'temptable_max_ram'")) {
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
