package io.faildaily.operator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reserved names are read from the CEL literal; a literal that is not a plain list of names is a bug. */
class ReservedEnvTest {
    @Test
    void readsTheNamesOfACelList() {
        assertThat(ReservedEnv.parse("['A', 'B_2','C']")).containsExactlyInAnyOrder("A", "B_2", "C");
        assertThat(ReservedEnv.NAMES).hasSize(ReservedEnv.CEL_LIST.split(",").length);
    }

    @Test
    void refusesWhatIsNotAListOfQuotedNames() {
        assertThatThrownBy(() -> ReservedEnv.parse("'A', 'B'")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReservedEnv.parse("['A', B]")).hasMessageContaining("B");
        assertThatThrownBy(() -> ReservedEnv.parse("['A', 'b c']")).hasMessageContaining("b c");
    }
}
