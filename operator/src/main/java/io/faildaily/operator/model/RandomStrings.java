package io.faildaily.operator.model;

import java.security.SecureRandom;

/** Where generated credentials come from; a parameter, so that builders stay pure and tests repeatable. */
@FunctionalInterface
public interface RandomStrings {
    String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** A string of {@code length} characters from {@link #ALPHABET}: safe in shells, URLs and my.cnf. */
    String next(int length);

    static RandomStrings secure() {
        SecureRandom random = new SecureRandom();
        return length -> {
            StringBuilder out = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            return out.toString();
        };
    }
}
