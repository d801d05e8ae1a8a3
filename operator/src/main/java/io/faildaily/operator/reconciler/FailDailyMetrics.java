package io.faildaily.operator.reconciler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.faildaily.operator.api.Phase;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The operator's own metrics, next to JOSDK's: {@code faildaily_instances{phase}} (how many FailDaily
 * objects are in each phase), {@code faildaily_reconcile_duration_seconds}, and per FailDaily its backups and
 * restore drills ({@link BackupMetrics}). Names, phases and backup figures only: never a value from a spec or a
 * Secret.
 */
public class FailDailyMetrics {
    private final Map<ResourceID, Phase> phases = new ConcurrentHashMap<>();
    private final Timer reconcileDuration;
    private final BackupMetrics backups;

    public FailDailyMetrics(MeterRegistry registry) {
        for (Phase phase : Phase.values()) {
            Gauge.builder("faildaily.instances", phases, m -> m.values().stream().filter(phase::equals).count())
                    .description("FailDaily objects by phase")
                    .tag("phase", phase.name())
                    .register(registry);
        }
        reconcileDuration = Timer.builder("faildaily.reconcile.duration")
                .description("Time to reconcile one FailDaily")
                .publishPercentileHistogram()
                .register(registry);
        backups = new BackupMetrics(registry);
    }

    /** Metrics that record nothing, for code run without a registry. */
    public static FailDailyMetrics none() {
        return new FailDailyMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    public void phase(ResourceID id, Phase phase) {
        if (phase != null) {
            phases.put(id, phase);
        }
    }

    /** The backup figures of a FailDaily's status, after a reconciliation. */
    public void backups(ResourceID id, io.faildaily.operator.api.FailDailyStatus status) {
        backups.observe(id, status);
    }

    public void backupFailed(ResourceID id) {
        backups.backupFailed(id);
    }

    public void deleted(ResourceID id) {
        phases.remove(id);
        backups.deleted(id);
    }

    public void reconciled(Duration duration) {
        reconcileDuration.record(duration);
    }
}
