package io.faildaily.operator.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

/**
 * A Kubernetes quantity in the form kube-apiserver stores it (resource.Quantity's canonical form), so
 * that what the operator writes is what it reads back: {@code 1.5Gi} is stored as {@code 1536Mi},
 * {@code 0.5} as {@code 500m}, {@code 1024Mi} as {@code 1Gi}. A quantity written in another form never
 * equals the stored one, and a server-side apply of it would be sent again on every reconcile.
 *
 * <p>The rules (k8s.io/apimachinery resource.Quantity.CanonicalizeBytes): a binary suffix (Ki, Mi, ...)
 * stays binary when the value is a whole number of at least 1024, with the largest power of 1024 that
 * divides it; otherwise the value is written with a decimal SI suffix (or, for input in exponent form,
 * an exponent), the exponent a multiple of 3 as large as keeps the number whole, and never below nano
 * (smaller digits round up, as the server rounds them).
 */
public final class CanonicalQuantity {
    private static final java.util.regex.Pattern FORM =
            java.util.regex.Pattern.compile("^([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?$");
    private static final List<String> BINARY = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei");
    private static final Map<String, Integer> DECIMAL = Map.of("n", -9, "u", -6, "m", -3, "", 0, "k", 3,
            "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);
    private static final BigDecimal KIBI = BigDecimal.valueOf(1024);

    private CanonicalQuantity() {}

    /** The canonical form of a quantity; an unparseable one is returned as given (validation refuses it). */
    public static String of(String quantity) {
        Matcher m = FORM.matcher(quantity == null ? "" : quantity.trim());
        if (!m.matches()) {
            return quantity;
        }
        String suffix = m.group(2) == null ? "" : m.group(2);
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        if (BINARY.contains(suffix) && !suffix.isEmpty()) {
            BigDecimal value = number.multiply(KIBI.pow(BINARY.indexOf(suffix)));
            if (value.abs().compareTo(KIBI) >= 0 && isWhole(value)) {
                return binary(value.toBigIntegerExact());
            }
            return decimal(value, false);
        }
        if (suffix.startsWith("e") || suffix.startsWith("E") && suffix.length() > 1) {
            return decimal(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))), true);
        }
        return decimal(number.scaleByPowerOfTen(DECIMAL.get(suffix)), false);
    }

    public static Quantity quantity(String quantity) {
        return new Quantity(of(quantity));
    }

    /** Every request and limit in canonical form; null stays null. */
    public static ResourceRequirements of(ResourceRequirements resources) {
        if (resources == null) {
            return null;
        }
        ResourceRequirementsBuilder canonical = new ResourceRequirementsBuilder(resources);
        if (resources.getRequests() != null) {
            canonical.withRequests(canonical(resources.getRequests()));
        }
        if (resources.getLimits() != null) {
            canonical.withLimits(canonical(resources.getLimits()));
        }
        return canonical.build();
    }

    private static Map<String, Quantity> canonical(Map<String, Quantity> quantities) {
        Map<String, Quantity> canonical = new java.util.LinkedHashMap<>();
        quantities.forEach((name, q) -> canonical.put(name, q == null ? null : quantity(q.toString())));
        return canonical;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static String binary(BigInteger value) {
        int power = 0;
        BigInteger kibi = BigInteger.valueOf(1024);
        while (power < BINARY.size() - 1 && value.signum() != 0 && value.mod(kibi).signum() == 0) {
            value = value.divide(kibi);
            power++;
        }
        return value + BINARY.get(power);
    }

    private static String decimal(BigDecimal value, boolean exponentForm) {
        if (value.signum() == 0) {
            return "0";
        }
        // Nothing finer than nano: the server rounds up (away from zero) to it.
        BigDecimal nanos = value.scaleByPowerOfTen(9).setScale(0, value.signum() > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
        BigInteger mantissa = nanos.toBigIntegerExact();
        int exponent = -9;
        BigInteger thousand = BigInteger.valueOf(1000);
        while (exponent < 18 && mantissa.mod(thousand).signum() == 0) {
            mantissa = mantissa.divide(thousand);
            exponent += 3;
        }
        if (exponentForm) {
            return mantissa + (exponent == 0 ? "" : "e" + exponent);
        }
        int power = exponent;
        String suffix = DECIMAL.entrySet().stream().filter(e -> e.getValue() == power)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        return mantissa + suffix;
    }
}
