package io.faildaily.operator.reconciler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.faildaily.operator.api.FailDailyStatus;
import io.faildaily.operator.api.Phase;

/**
 * The Events a change of status deserves: one per transition a person acts on, never one per
 * reconciliation. A phase change to Ready, Degraded or Invalid is one; a component that starts reporting a
 * problem (a pod that cannot pull its image, cannot be scheduled, keeps crashing) is another. When both
 * happen at once, the problem's Event says the phase too, so that one failure gives one Event.
 */
final class StatusEvents {
    /** Phases whose arrival is recorded as an Event; the steps of provisioning are in the status. */
    static final Set<Phase> EVENTFUL_PHASES = java.util.EnumSet.of(Phase.Ready, Phase.Degraded, Phase.Invalid);

    private StatusEvents() {}

    static List<Notice> of(FailDailyStatus previous, FailDailyStatus next, Map<String, StatusAggregator.Part> problems) {
        List<Notice> notices = new ArrayList<>();
        Phase before = previous == null ? null : previous.getPhase();
        boolean phaseEvent = before != next.getPhase() && EVENTFUL_PHASES.contains(next.getPhase());
        String phasePrefix = phaseEvent ? "FailDaily is " + next.getPhase() + ": " : "";
        problems.forEach((type, part) -> {
            Optional<String> reasonBefore = previous == null ? Optional.empty()
                    : previous.condition(type).map(c -> c.getReason());
            if (!reasonBefore.map(part.reason()::equals).orElse(false)) {
                notices.add(new Notice(EventRecorder.Type.Warning, part.reason(), phasePrefix + part.message()));
            }
        });
        if (phaseEvent && notices.isEmpty()) {
            String message = next.condition("Ready").map(c -> Objects.requireNonNullElse(c.getMessage(), "")).orElse("");
            EventRecorder.Type type = next.getPhase() == Phase.Ready ? EventRecorder.Type.Normal : EventRecorder.Type.Warning;
            notices.add(new Notice(type, next.getPhase().name(), message));
        }
        return notices;
    }
}
