package io.faildaily.backend.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.faildaily.backend.http.JsonMapper;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.testing.MariaDbExtension;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.backend.testing.TestBackend;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The settings cache holds committed values only (issue 17 review). */
@ExtendWith(MariaDbExtension.class)
class AppSettingsTest {

    @Test
    void aValueReadInTheTransactionThatWroteItIsNotCachedBeyondIt(MariaDbServer db) {
        String name;
        try (TestBackend migrated = TestBackend.start(db)) {
            name = migrated.databaseName();
        }
        MysqlDataSource ds = new MysqlDataSource();
        ds.setUrl(db.jdbcUrl(name));
        ds.setUser(db.user());
        ds.setPassword(db.password());
        Jdbc jdbc = new Jdbc(ds);
        AppSettings settings = new AppSettings(jdbc, JsonMapper.create(), Clock.systemUTC());
        assertThat(settings.moderation().failReportThreshold()).isEqualTo(3); // cached from here on

        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            settings.write(c, AppSettings.MODERATION, Map.of(ModerationSettings.FAIL_THRESHOLD, 9));
            // The transaction reads what it wrote...
            assertThat(settings.moderation(c).failReportThreshold()).isEqualTo(9);
            throw new IllegalStateException("rolled back");
        })).hasMessage("rolled back");
        // ...and nobody else ever gets it from the cache.
        assertThat(settings.moderation().failReportThreshold()).isEqualTo(3);

        jdbc.inTransaction(c -> {
            settings.write(c, AppSettings.MODERATION, Map.of(ModerationSettings.FAIL_THRESHOLD, 7));
            assertThat(settings.moderation(c).failReportThreshold()).isEqualTo(7);
            return null;
        });
        assertThat(settings.moderation().failReportThreshold()).isEqualTo(7); // committed: read and cached again
    }
}
