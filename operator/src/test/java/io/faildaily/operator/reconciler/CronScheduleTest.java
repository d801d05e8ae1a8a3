package io.faildaily.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {
    @ParameterizedTest
    @ValueSource(strings = {"0 3 * * *", "*/15 * * * *", "0 0 1 1 *", "30 2 * * MON-FRI", "0 0 1-15/2 JAN,JUL ?",
            "@daily", "@hourly", "59 23 31 12 7"})
    void accepts(String schedule) {
        assertThat(CronSchedule.problem(schedule)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"60 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 * 13 *", "0 0 * * 8", "* * * *",
            "* * * * * *", "@sometimes", "5-1 * * * *", "*/0 * * * *", "TZ=UTC 0 3 * * *", "0 3 * * FUNDAY"})
    void refuses(String schedule) {
        assertThat(CronSchedule.problem(schedule)).isPresent();
    }
}
