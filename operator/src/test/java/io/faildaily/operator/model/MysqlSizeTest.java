package io.faildaily.operator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** MySQL's size syntax: powers of 1024, read and written. */
class MysqlSizeTest {
    @Test
    void readsTheSuffixesAsMysqldDoes() {
        assertThat(MysqlSize.bytes("256M")).isEqualTo(268_435_456L);
        assertThat(MysqlSize.bytes("1G")).isEqualTo(1_073_741_824L);
        assertThat(MysqlSize.bytes("512K")).isEqualTo(524_288L);
        assertThat(MysqlSize.bytes("134217728")).isEqualTo(134_217_728L);
    }

    @Test
    void writesTheLargestUnitThatDividesTheValue() {
        assertThat(MysqlSize.of(MysqlSize.GIB)).isEqualTo("1G");
        assertThat(MysqlSize.of(125 * MysqlSize.MIB)).isEqualTo("125M");
        assertThat(MysqlSize.of(224 * MysqlSize.KIB)).isEqualTo("224K");
        assertThat(MysqlSize.of(1000)).isEqualTo("1000");
        assertThat(MysqlSize.of(0)).isEqualTo("0");
        assertThat(MysqlSize.bytes(MysqlSize.of(1888 * MysqlSize.KIB))).isEqualTo(1888 * MysqlSize.KIB);
    }

    @Test
    void refusesWhatIsNotAMysqlSize() {
        assertThatThrownBy(() -> MysqlSize.bytes("256MB")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MysqlSize.bytes(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MysqlSize.bytes("99999999999999G")).isInstanceOf(ArithmeticException.class);
    }
}
