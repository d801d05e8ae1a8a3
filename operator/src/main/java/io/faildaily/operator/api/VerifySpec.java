package io.faildaily.operator.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/**
 * Restore drills: on a schedule, the newest backup is restored into a throwaway database inside a Job (never
 * the live one), checked with CHECK TABLE and its row counts compared with what the backup recorded.
 */
@SpecData
public class VerifySpec {
    @JsonPropertyDescription("Run restore drills (only while backups are enabled). Default true.")
    private Boolean enabled;

    @JsonPropertyDescription("Cron schedule of the drills, in the CronJob's time zone. Default '" + Defaults.VERIFY_SCHEDULE
            + "' (weekly, after the nightly backup).")
    @Pattern(Patterns.CRON)
    private String schedule;

    public Boolean getEnabled() {
        return Objects.requireNonNullElse(enabled, Boolean.TRUE);
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public String getSchedule() {
        return Objects.requireNonNullElse(schedule, Defaults.VERIFY_SCHEDULE);
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }
}
