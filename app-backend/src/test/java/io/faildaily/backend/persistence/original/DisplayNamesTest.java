package io.faildaily.backend.persistence.original;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import org.junit.jupiter.api.Test;

/** The candidates for an original account's display name: never empty, always within VARCHAR(100). */
class DisplayNamesTest {

    @Test
    void theBaseIsTheDisplayNameElseTheUsernameElseTheOriginalsFallback() {
        assertThat(DisplayNames.base("  Léo Dubois ", "leo")).isEqualTo("Léo Dubois");
        assertThat(DisplayNames.base(" \t", "bruno_test")).isEqualTo("bruno_test");
        assertThat(DisplayNames.base(null, null)).isEqualTo("Utilisateur");
        assertThat(DisplayNames.base("", "  ")).isEqualTo("Utilisateur");
    }

    @Test
    void candidatesAreNumberedAsTheOriginalOfferedThemAndFitTheColumn() {
        Iterator<String> short_ = DisplayNames.candidates("Camille");
        assertThat(short_.next()).isEqualTo("Camille");
        assertThat(short_.next()).isEqualTo("Camille 1");
        assertThat(short_.next()).isEqualTo("Camille 2");

        // 120 characters, emoji among them (two UTF-16 units each, one character for MySQL).
        String longName = "🙂".repeat(20) + "x".repeat(100);
        String base = DisplayNames.base(longName, null);
        assertThat(base.codePointCount(0, base.length())).isEqualTo(100);
        Iterator<String> long_ = DisplayNames.candidates(base);
        assertThat(long_.next()).isEqualTo(base);
        for (int i = 1; i <= 12; i++) {
            String next = long_.next();
            assertThat(next).endsWith(" " + i);
            assertThat(next.codePointCount(0, next.length())).isEqualTo(100);
            assertThat(next).startsWith("🙂".repeat(20));
        }
    }
}
