package io.faildaily.operator.model;

import static io.faildaily.operator.model.MysqlSize.GIB;
import static io.faildaily.operator.model.MysqlSize.KIB;
import static io.faildaily.operator.model.MysqlSize.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The arithmetic of the database's memory bound: every plan stays under its limit, and only an impossible spec is refused. */
class MysqlMemoryTest {
    private static final List<Long> LIMITS = List.of(256 * MIB, 512 * MIB, 768 * MIB, GIB, 1536 * MIB, 2 * GIB,
            4 * GIB, 16 * GIB, 64 * GIB);
    private static final List<Long> POOLS = List.of(MIB, 5 * MIB, 64 * MIB, 128 * MIB, 256 * MIB, 300 * MIB,
            512 * MIB, GIB, 1536 * MIB, 3 * GIB, 8 * GIB);
    private static final List<Integer> CONNECTIONS = List.of(1, 10, 50, 151, 200, 500, 1000, 5000, 100000);

    @Test
    void theDefaultsNoLongerExceedTheDefaultLimit() {
        long limit = GIB;
        // MySQL 8.0's own defaults for 200 connections: temptable_max_ram alone is the whole limit.
        long mysqlDefaults = MysqlMemory.effectiveBufferPool(256 * MIB) + 16 * MIB + MysqlMemory.SERVER_OVERHEAD
                + 201 * MysqlMemory.MAX_PER_CONNECTION + GIB;
        assertThat(mysqlDefaults).isGreaterThan(limit);

        MysqlMemory plan = MysqlMemory.plan(limit, 256 * MIB, 200);
        assertThat(plan.sortBuffer()).isEqualTo(224 * KIB);
        assertThat(plan.joinBuffer()).isEqualTo(224 * KIB);
        assertThat(plan.readBuffer()).isEqualTo(112 * KIB);
        assertThat(plan.readRndBuffer()).isEqualTo(224 * KIB);
        assertThat(plan.tmpTableSize()).isEqualTo(16 * MIB);
        assertThat(plan.temptableMaxRam()).isEqualTo(125 * MIB);
        assertThat(plan.perConnection()).isEqualTo((1024 + 32 + 32 + 16 + 224 + 224 + 112 + 224) * KIB);
        // 256M + 16M + 256M + 201 x 1888K + 125M
        assertThat(plan.total()).isEqualTo(256 * MIB + 16 * MIB + 256 * MIB + 201 * 1888 * KIB + 125 * MIB)
                .isLessThan(limit);
        assertThat(plan.summary()).isEqualTo("256M buffer pool (+16M page descriptors) + 256M server + 201 connections"
                + " x 1888K + 125M temporary tables = 1023M of 1024M");
    }

    @Test
    void withRoomToSpareConnectionsGetMysqlsDefaultsAndTemporaryTablesTheRest() {
        MysqlMemory production = MysqlMemory.plan(2 * GIB, 512 * MIB, 200);
        assertThat(List.of(production.sortBuffer(), production.joinBuffer(), production.readBuffer(),
                production.readRndBuffer())).containsExactly(256 * KIB, 256 * KIB, 128 * KIB, 256 * KIB);
        assertThat(production.temptableMaxRam()).isEqualTo(855 * MIB);
        assertThat(production.total()).isLessThan(2 * GIB);

        MysqlMemory large = MysqlMemory.plan(16 * GIB, GIB, 200);
        assertThat(large.temptableMaxRam()).as("MySQL's default, no more").isEqualTo(GIB);
        assertThat(large.perConnection()).isEqualTo(MysqlMemory.MAX_PER_CONNECTION);
    }

    @Test
    void everyPlanOfTheGridStaysUnderItsLimitAndOnlyImpossibleSpecsAreRefused() {
        int planned = 0;
        int refused = 0;
        for (long limit : LIMITS) {
            for (long pool : POOLS) {
                for (int connections : CONNECTIONS) {
                    String spec = "limit " + limit + ", pool " + pool + ", " + connections + " connections";
                    long atTheMinimum = MysqlMemory.effectiveBufferPool(pool)
                            + MysqlMemory.effectiveBufferPool(pool) / 16 + MysqlMemory.SERVER_OVERHEAD
                            + (connections + 1L) * MysqlMemory.MIN_PER_CONNECTION + MysqlMemory.TEMPTABLE_MIN;
                    if (MysqlMemory.shortfall(limit, pool, connections).isPresent()) {
                        refused++;
                        assertThat(atTheMinimum).as("refused only when even the minimum does not fit: " + spec)
                                .isGreaterThanOrEqualTo(limit);
                        continue;
                    }
                    planned++;
                    assertThat(atTheMinimum).as(spec).isLessThan(limit);
                    assertWithinBounds(MysqlMemory.plan(limit, pool, connections), spec);
                }
            }
        }
        assertThat(planned).as("plans in the grid").isGreaterThan(200);
        assertThat(refused).as("refusals in the grid").isGreaterThan(100);
    }

    @Test
    void theLastConnectionThatFitsIsPlannedAndOneMoreIsRefused() {
        int fits = 0;
        while (MysqlMemory.shortfall(GIB, 256 * MIB, fits + 1).isEmpty()) {
            fits++;
        }
        int most = fits;
        assertThat(most).isBetween(300, 500);
        MysqlMemory tight = MysqlMemory.plan(GIB, 256 * MIB, most);
        assertWithinBounds(tight, "the most connections");
        assertThat(tight.perConnection()).isGreaterThanOrEqualTo(MysqlMemory.MIN_PER_CONNECTION);
        assertThat(tight.temptableMaxRam()).as("temporary tables down to about their minimum")
                .isBetween(MysqlMemory.TEMPTABLE_MIN, 2 * MysqlMemory.TEMPTABLE_MIN);
        assertThat(MysqlMemory.shortfall(GIB, 256 * MIB, most + 1)).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(MysqlMemory.Reason.CONNECTIONS);
            assertThat(s.needed()).isGreaterThanOrEqualTo(s.room());
        });
        assertThatThrownBy(() -> MysqlMemory.plan(GIB, 256 * MIB, most + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONNECTIONS");
    }

    @Test
    void aBufferPoolThatLeavesNoRoomIsRefusedForItself() {
        for (long pool : List.of(GIB, 2 * GIB, 700 * MIB)) {
            assertThat(MysqlMemory.shortfall(GIB, pool, 1)).as("pool %d in 1Gi", pool)
                    .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(MysqlMemory.Reason.BUFFER_POOL));
        }
        // 1536M is allocated as 2G (1G chunks from 1G on): it fills a 2Gi limit although it looks as if it fitted.
        assertThat(MysqlMemory.shortfall(2 * GIB, 1536 * MIB, 10))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(MysqlMemory.Reason.BUFFER_POOL));
        assertThat(MysqlMemory.shortfall(3 * GIB, 1536 * MIB, 10)).isEmpty();
    }

    @Test
    void theBufferPoolIsCountedAsMysql80AllocatesIt() {
        assertThat(MysqlMemory.effectiveBufferPool(MIB)).as("raised to the minimum").isEqualTo(5 * MIB);
        assertThat(MysqlMemory.effectiveBufferPool(64 * MIB)).as("below one chunk").isEqualTo(64 * MIB);
        assertThat(MysqlMemory.effectiveBufferPool(128 * MIB)).isEqualTo(128 * MIB);
        assertThat(MysqlMemory.effectiveBufferPool(129 * MIB)).isEqualTo(256 * MIB);
        assertThat(MysqlMemory.effectiveBufferPool(300 * MIB)).isEqualTo(384 * MIB);
        assertThat(MysqlMemory.effectiveBufferPool(GIB)).isEqualTo(GIB);
        assertThat(MysqlMemory.effectiveBufferPool(1536 * MIB)).as("8 instances x 128M").isEqualTo(2 * GIB);
    }

    /** The invariants of a plan: under the limit, each buffer between an eighth of MySQL's default and all of it. */
    private static void assertWithinBounds(MysqlMemory plan, String spec) {
        assertThat(plan.total()).as("total of " + spec).isLessThan(plan.limit());
        assertThat(plan.sortBuffer()).as(spec).isBetween(32 * KIB, 256 * KIB);
        assertThat(plan.joinBuffer()).as(spec).isBetween(32 * KIB, 256 * KIB);
        assertThat(plan.readBuffer()).as(spec).isBetween(16 * KIB, 128 * KIB);
        assertThat(plan.readRndBuffer()).as(spec).isBetween(32 * KIB, 256 * KIB);
        assertThat(List.of(plan.sortBuffer(), plan.joinBuffer(), plan.readBuffer(), plan.readRndBuffer()))
                .as("whole 4K pages: " + spec).allSatisfy(b -> assertThat(b % (4 * KIB)).isZero());
        assertThat(plan.temptableMaxRam()).as(spec).isBetween(MysqlMemory.TEMPTABLE_MIN, GIB);
        assertThat(plan.temptableMaxRam() % MIB).isZero();
        assertThat(plan.tmpTableSize()).as("one table within all of them: " + spec)
                .isLessThanOrEqualTo(plan.temptableMaxRam()).isLessThanOrEqualTo(16 * MIB);
    }
}
