package io.faildaily.backend.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimesTest {
    /** What JavaScript's toISOString() prints, written with the JDK's formatter. */
    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    @Test
    void printsTimesAsJavaScriptsToIsoString() {
        assertThat(Times.iso(LocalDateTime.of(2026, 1, 31, 12, 34, 56, 789_000_000))).isEqualTo("2026-01-31T12:34:56.789Z");
        assertThat(Times.iso(LocalDateTime.of(999, 12, 1, 0, 0, 0, 7_000_000))).isEqualTo("0999-12-01T00:00:00.007Z");
        assertThat(Times.iso(LocalDateTime.of(2026, 1, 1, 0, 0, 0, 999_999_999))).isEqualTo("2026-01-01T00:00:00.999Z");
        assertThat(Times.iso(null)).isNull();
    }

    @Test
    void agreesWithTheJdkFormatterOnRandomTimes() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000), ZoneOffset.UTC);
            assertThat(Times.iso(t)).as(t.toString()).isEqualTo(REFERENCE.format(t));
        }
    }
}
