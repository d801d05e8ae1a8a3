package io.faildaily.operator.reconciler;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import io.faildaily.operator.api.BackupRecord;
import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.VerificationRecord;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Per FailDaily (labels namespace and name), read from its status after each reconciliation: the newest
 * successful backup's time, size and duration, the backups that failed, the newest restore drill's result and
 * time. A gauge appears once its value is known (no NaN series an alert would have to guard against), and all go
 * when the FailDaily is deleted. The alerts of the chart's PrometheusRule are written against these names.
 * Point-in-time recovery will add {@code faildaily_backup_pitr_lag_seconds} here (the rule's PITR alert already
 * names it, and stays inert until it exists).
 */
final class BackupMetrics {
    /** One FailDaily's values; NaN until known. */
    private static final class Values {
        volatile double lastSuccess = Double.NaN;
        volatile double size = Double.NaN;
        volatile double duration = Double.NaN;
        volatile double verified = Double.NaN;
        volatile double verifiedAt = Double.NaN;
        final List<Meter> meters = new ArrayList<>();
        final Map<String, Boolean> registered = new ConcurrentHashMap<>();
        Counter failures;
    }

    private final MeterRegistry registry;
    private final Map<ResourceID, Values> values = new ConcurrentHashMap<>();

    BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void observe(ResourceID id, FailDailyStatus status) {
        Values v = values.computeIfAbsent(id, this::register);
        if (status == null) {
            return;
        }
        BackupRecord success = status.getLastSuccessfulBackup();
        if (success != null) {
            v.lastSuccess = epochSeconds(success.getTime());
            v.size = success.getSize() == null ? Double.NaN : success.getSize();
            v.duration = success.getDurationSeconds() == null ? Double.NaN : success.getDurationSeconds();
        }
        VerificationRecord verification = status.getLastVerification();
        if (verification != null) {
            v.verified = verification.succeeded() ? 1 : 0;
            v.verifiedAt = epochSeconds(verification.getTime());
        }
        gauge(id, v, "faildaily.backup.last.success.timestamp", "seconds",
                "When the newest successful backup finished (Unix time)", x -> x.lastSuccess);
        gauge(id, v, "faildaily.backup.last.success.size", "bytes", "Size of the newest successful backup", x -> x.size);
        gauge(id, v, "faildaily.backup.last.success.duration", "seconds", "How long the newest successful backup ran",
                x -> x.duration);
        gauge(id, v, "faildaily.backup.verification.succeeded", null,
                "1 when the newest restore drill verified its backup, 0 when it failed", x -> x.verified);
        gauge(id, v, "faildaily.backup.verification.timestamp", "seconds", "When the newest restore drill finished (Unix time)",
                x -> x.verifiedAt);
    }

    /** A backup that failed: counted once, when it is first recorded in the status. */
    void backupFailed(ResourceID id) {
        values.computeIfAbsent(id, this::register).failures.increment();
    }

    void deleted(ResourceID id) {
        Values v = values.remove(id);
        if (v != null) {
            v.meters.forEach(registry::remove);
        }
    }

    private Values register(ResourceID id) {
        Values v = new Values();
        v.failures = Counter.builder("faildaily.backup.failures").description("Backups that failed")
                .tags(tags(id)).register(registry);
        v.meters.add(v.failures);
        return v;
    }

    private void gauge(ResourceID id, Values v, String name, String unit, String description, ToDoubleFunction<Values> value) {
        if (Double.isNaN(value.applyAsDouble(v)) || v.registered.putIfAbsent(name, Boolean.TRUE) != null) {
            return;
        }
        Gauge.Builder<Values> builder = Gauge.builder(name, v, value).description(description).tags(tags(id));
        if (unit != null) {
            builder.baseUnit(unit);
        }
        v.meters.add(builder.register(registry));
    }

    private static Tags tags(ResourceID id) {
        return Tags.of("namespace", id.getNamespace().orElse(""), "name", id.getName());
    }

    private static double epochSeconds(String time) {
        try {
            return time == null ? Double.NaN : Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }
}
