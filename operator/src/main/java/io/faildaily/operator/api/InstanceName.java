package io.faildaily.operator.api;

/**
 * What a FailDaily may be called, said once for the CRD's CEL rule (on FailDaily) and the operator's own
 * check (SpecValidator). Child objects are named {@code <name>-<part>}: Services need a DNS-1035 label,
 * and the longest child name, {@code <name>-backup}, must stay within the 52 characters a CronJob may have.
 */
public final class InstanceName {
    private InstanceName() {}

    public static final int MAX_LENGTH = 40;

    /** DNS-1035 label: lower-case letters, digits and '-', starting with a letter, not ending with '-'. */
    public static final String PATTERN = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

    /** What is wrong with a name that breaks the rule, as the operator reports it for metadata.name. */
    public static final String PROBLEM = "must be a lower-case DNS label of at most " + MAX_LENGTH
            + " characters starting with a letter (child objects are named <name>-<part>)";

    /**
     * The rule at the root of the CRD schema, where CEL sees metadata.name. CEL's matches() finds a match
     * anywhere, like RE2, so the pattern's anchors are what make it a whole-name match.
     */
    public static final String CEL_RULE = "self.metadata.name.size() <= " + MAX_LENGTH
            + " && self.metadata.name.matches('" + PATTERN + "')";

    /** The API server reports root rules without a field, so the message names it. */
    public static final String CEL_MESSAGE = "metadata.name " + PROBLEM;
}
