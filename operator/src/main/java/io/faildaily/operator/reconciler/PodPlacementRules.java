package io.faildaily.operator.reconciler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.faildaily.operator.api.Patterns;
import io.faildaily.operator.api.PodPlacementSpec;
import io.faildaily.operator.model.Checksums;
import io.faildaily.operator.model.Labels;
import io.faildaily.operator.model.PartLabels;

/**
 * The rules of a {@code spec.<component>.pod} and of Service annotations: what the API server would refuse in
 * the pod template (so that an apply is never refused halfway through the workflow), unknown fields, and the
 * labels and annotations the operator sets itself, which its selectors and rollouts rely on.
 */
final class PodPlacementRules {
    /** Labels of every pod the operator makes: its selectors and informers select on them. */
    static final Set<String> OPERATOR_LABELS = Set.of(Labels.NAME, Labels.INSTANCE, Labels.COMPONENT, Labels.PART_OF,
            PartLabels.MANAGED_BY_KEY, PartLabels.PART_KEY);
    /** Annotations of pod templates the operator sets: the checksum that rolls pods on a configuration change. */
    static final Set<String> OPERATOR_ANNOTATIONS = Set.of(Checksums.CONFIG_ANNOTATION);
    private static final Set<String> TOLERATION_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Set<String> WHEN_UNSATISFIABLE = Set.of("DoNotSchedule", "ScheduleAnyway");
    private static final Set<String> INCLUSION_POLICIES = Set.of("Honor", "Ignore");
    private static final Set<String> NODE_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt");
    private static final Set<String> LABEL_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private final List<Violation> violations = new ArrayList<>();

    private PodPlacementRules() {}

    /** What is wrong in {@code placement}, found at {@code field} (e.g. spec.backend.pod). */
    static List<Violation> check(String field, PodPlacementSpec placement) {
        PodPlacementRules rules = new PodPlacementRules();
        rules.placement(field, placement);
        return rules.violations;
    }

    /** What is wrong in an annotations map at {@code field} (a Service's). */
    static List<Violation> annotations(String field, Map<String, String> annotations) {
        PodPlacementRules rules = new PodPlacementRules();
        rules.keys(field, annotations, Set.of(), false);
        return rules.violations;
    }

    private void placement(String field, PodPlacementSpec placement) {
        keys(field + ".nodeSelector", placement.getNodeSelector(), Set.of(), true);
        keys(field + ".labels", placement.getLabels(), OPERATOR_LABELS, true);
        keys(field + ".annotations", placement.getAnnotations(), OPERATOR_ANNOTATIONS, false);
        String priority = placement.getPriorityClassName();
        if (priority != null && (!priority.matches(Patterns.OBJECT_NAME) || priority.length() > 253)) {
            add(field + ".priorityClassName", "must be the name of a PriorityClass, not '" + abbreviate(priority) + "'");
        }
        List<Toleration> tolerations = placement.getTolerations();
        for (int i = 0; i < tolerations.size(); i++) {
            toleration(field + ".tolerations[" + i + "]", tolerations.get(i));
        }
        spread(field + ".topologySpreadConstraints", placement.getTopologySpreadConstraints());
        affinity(field + ".affinity", placement.getAffinity());
        unknown(field + ".tolerations", placement.getTolerations());
        unknown(field + ".topologySpreadConstraints", placement.getTopologySpreadConstraints());
        unknown(field + ".affinity", placement.getAffinity());
    }

    /** Keys as qualified names, none of {@code reserved}; values as label values when {@code labelValues}. */
    private void keys(String field, Map<String, String> map, Set<String> reserved, boolean labelValues) {
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(map).entrySet()) {
            String key = entry.getKey();
            String at = field + "[" + key + "]";
            if (reserved.contains(key)) {
                add(at, key + " is set by the operator, which relies on it, and cannot be overridden");
            } else if (!qualifiedName(key)) {
                add(at, "the key must be a qualified name (an optional DNS prefix and '/', then at most 63 letters, "
                        + "digits, '-', '_' or '.'), not '" + abbreviate(key) + "'");
            }
            String value = entry.getValue();
            if (value == null) {
                add(at, "must have a value");
            } else if (labelValues && !value.matches(Patterns.LABEL_VALUE)) {
                add(at, "must be a label value (at most 63 letters, digits, '-', '_' or '.', starting and ending with a "
                        + "letter or digit), not '" + abbreviate(value) + "'");
            }
        }
    }

    static boolean qualifiedName(String key) {
        if (key == null || !key.matches(Patterns.QUALIFIED_NAME)) {
            return false;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key.length() <= 63 : slash <= 253 && key.length() - slash - 1 <= 63;
    }

    /** As the API server's ValidateTolerations. */
    private void toleration(String field, Toleration t) {
        if (t == null) {
            add(field, "must not be null");
            return;
        }
        String key = t.getKey() == null ? "" : t.getKey();
        String operator = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
        if (!key.isEmpty() && !qualifiedName(key)) {
            add(field + ".key", "must be a qualified name, not '" + abbreviate(key) + "'");
        }
        if (key.isEmpty() && !operator.equals("Exists")) {
            add(field + ".operator", "must be Exists when key is empty (tolerate every taint)");
        }
        if (operator.equals("Exists")) {
            if (t.getValue() != null && !t.getValue().isEmpty()) {
                add(field + ".value", "must be empty with operator Exists");
            }
        } else if (!operator.equals("Equal")) {
            add(field + ".operator", "must be Equal or Exists, not '" + abbreviate(operator) + "'");
        } else if (t.getValue() != null && !t.getValue().matches(Patterns.LABEL_VALUE)) {
            add(field + ".value", "must be a label value, not '" + abbreviate(t.getValue()) + "'");
        }
        String effect = t.getEffect();
        if (effect != null && !effect.isEmpty() && !TOLERATION_EFFECTS.contains(effect)) {
            add(field + ".effect", "must be NoSchedule, PreferNoSchedule or NoExecute, not '" + abbreviate(effect) + "'");
        }
        if (t.getTolerationSeconds() != null && !"NoExecute".equals(effect)) {
            add(field + ".tolerationSeconds", "needs effect NoExecute");
        }
    }

    /** As the API server's validation of topologySpreadConstraints, which it keys by topologyKey and whenUnsatisfiable. */
    private void spread(String field, List<TopologySpreadConstraint> constraints) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < constraints.size(); i++) {
            String at = field + "[" + i + "]";
            TopologySpreadConstraint c = constraints.get(i);
            if (c == null) {
                add(at, "must not be null");
                continue;
            }
            if (c.getMaxSkew() == null || c.getMaxSkew() < 1) {
                add(at + ".maxSkew", "is required and must be at least 1");
            }
            if (c.getTopologyKey() == null || !qualifiedName(c.getTopologyKey())) {
                add(at + ".topologyKey", "is required: a node label key such as topology.kubernetes.io/zone");
            }
            if (c.getWhenUnsatisfiable() == null || !WHEN_UNSATISFIABLE.contains(c.getWhenUnsatisfiable())) {
                add(at + ".whenUnsatisfiable", "is required: DoNotSchedule or ScheduleAnyway");
            }
            if (c.getMinDomains() != null && (c.getMinDomains() < 1 || !"DoNotSchedule".equals(c.getWhenUnsatisfiable()))) {
                add(at + ".minDomains", "must be at least 1, and only with whenUnsatisfiable DoNotSchedule");
            }
            policy(at + ".nodeAffinityPolicy", c.getNodeAffinityPolicy());
            policy(at + ".nodeTaintsPolicy", c.getNodeTaintsPolicy());
            selector(at + ".labelSelector", c.getLabelSelector());
            if (!seen.add(c.getTopologyKey() + "/" + c.getWhenUnsatisfiable())) {
                add(at, "another constraint has the same topologyKey and whenUnsatisfiable");
            }
        }
    }

    private void policy(String field, String value) {
        if (value != null && !INCLUSION_POLICIES.contains(value)) {
            add(field, "must be Honor or Ignore, not '" + abbreviate(value) + "'");
        }
    }

    private void affinity(String field, Affinity affinity) {
        if (affinity == null) {
            return;
        }
        if (affinity.getNodeAffinity() != null) {
            String nodes = field + ".nodeAffinity";
            var required = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
            if (required != null) {
                List<NodeSelectorTerm> terms = orEmpty(required.getNodeSelectorTerms());
                String at = nodes + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms";
                if (terms.isEmpty()) {
                    add(at, "must list at least one term");
                }
                for (int i = 0; i < terms.size(); i++) {
                    nodeTerm(at + "[" + i + "]", terms.get(i));
                }
            }
            List<PreferredSchedulingTerm> preferred = orEmpty(affinity.getNodeAffinity()
                    .getPreferredDuringSchedulingIgnoredDuringExecution());
            for (int i = 0; i < preferred.size(); i++) {
                String at = nodes + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
                PreferredSchedulingTerm term = preferred.get(i);
                weight(at + ".weight", term == null ? null : term.getWeight());
                if (term == null || term.getPreference() == null) {
                    add(at + ".preference", "is required");
                } else {
                    nodeTerm(at + ".preference", term.getPreference());
                }
            }
        }
        if (affinity.getPodAffinity() != null) {
            podTerms(field + ".podAffinity", orEmpty(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()),
                    orEmpty(affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()));
        }
        if (affinity.getPodAntiAffinity() != null) {
            podTerms(field + ".podAntiAffinity",
                    orEmpty(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()),
                    orEmpty(affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()));
        }
    }

    private void nodeTerm(String field, NodeSelectorTerm term) {
        if (term == null) {
            add(field, "must not be null");
            return;
        }
        List<NodeSelectorRequirement> expressions = orEmpty(term.getMatchExpressions());
        for (int i = 0; i < expressions.size(); i++) {
            NodeSelectorRequirement r = expressions.get(i);
            String at = field + ".matchExpressions[" + i + "]";
            requirement(at, r == null ? null : r.getKey(), r == null ? null : r.getOperator(),
                    r == null ? List.of() : orEmpty(r.getValues()), NODE_OPERATORS);
        }
        List<NodeSelectorRequirement> fields = orEmpty(term.getMatchFields());
        for (int i = 0; i < fields.size(); i++) {
            NodeSelectorRequirement r = fields.get(i);
            String at = field + ".matchFields[" + i + "]";
            if (r == null || !"metadata.name".equals(r.getKey())) {
                add(at + ".key", "must be metadata.name, the only node field a selector may name");
            } else {
                requirement(at, r.getKey(), r.getOperator(), orEmpty(r.getValues()), Set.of("In", "NotIn"));
            }
        }
    }

    private void podTerms(String field, List<PodAffinityTerm> required, List<WeightedPodAffinityTerm> preferred) {
        for (int i = 0; i < required.size(); i++) {
            podTerm(field + ".requiredDuringSchedulingIgnoredDuringExecution[" + i + "]", required.get(i));
        }
        for (int i = 0; i < preferred.size(); i++) {
            String at = field + ".preferredDuringSchedulingIgnoredDuringExecution[" + i + "]";
            WeightedPodAffinityTerm term = preferred.get(i);
            weight(at + ".weight", term == null ? null : term.getWeight());
            if (term == null || term.getPodAffinityTerm() == null) {
                add(at + ".podAffinityTerm", "is required");
            } else {
                podTerm(at + ".podAffinityTerm", term.getPodAffinityTerm());
            }
        }
    }

    private void podTerm(String field, PodAffinityTerm term) {
        if (term == null) {
            add(field, "must not be null");
            return;
        }
        if (term.getTopologyKey() == null || !qualifiedName(term.getTopologyKey())) {
            add(field + ".topologyKey", "is required: a node label key such as kubernetes.io/hostname");
        }
        selector(field + ".labelSelector", term.getLabelSelector());
        selector(field + ".namespaceSelector", term.getNamespaceSelector());
    }

    private void selector(String field, LabelSelector selector) {
        if (selector == null) {
            return;
        }
        keys(field + ".matchLabels", selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels(), Set.of(), true);
        List<LabelSelectorRequirement> expressions = orEmpty(selector.getMatchExpressions());
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement r = expressions.get(i);
            requirement(field + ".matchExpressions[" + i + "]", r == null ? null : r.getKey(),
                    r == null ? null : r.getOperator(), r == null ? List.of() : orEmpty(r.getValues()), LABEL_OPERATORS);
        }
    }

    /** A selector requirement: In and NotIn need values, Exists and DoesNotExist none, Gt and Lt one integer. */
    private void requirement(String field, String key, String operator, List<String> values, Set<String> operators) {
        if (key == null || !qualifiedName(key)) {
            add(field + ".key", "is required: a label key");
        }
        if (operator == null || !operators.contains(operator)) {
            add(field + ".operator", "must be one of " + new java.util.TreeSet<>(operators) + ", not '"
                    + (operator == null ? "" : abbreviate(operator)) + "'");
            return;
        }
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    add(field + ".values", "must not be empty with operator " + operator);
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    add(field + ".values", "must be empty with operator " + operator);
                }
            }
            default -> {
                if (values.size() != 1 || values.get(0) == null || !values.get(0).matches("^-?[0-9]{1,18}$")) {
                    add(field + ".values", "must be one integer with operator " + operator);
                }
            }
        }
    }

    private void weight(String field, Integer weight) {
        if (weight == null || weight < 1 || weight > 100) {
            add(field, "is required: between 1 and 100");
        }
    }

    private void unknown(String field, Object value) {
        UnknownFields.of(field, value).forEach(path -> add(path, "is not a field of this Kubernetes type"));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void add(String field, String message) {
        violations.add(new Violation(field, message));
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
