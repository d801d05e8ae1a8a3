package io.faildaily.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What DumpFacts reads from a mysqldump as it streams past, whatever the chunks it arrives in. */
class DumpFactsTest {
    private static final String DUMP = """
            -- MariaDB dump 10.19  Distrib 10.11.11-MariaDB, for debian-linux-gnu (x86_64)
            --
            -- CHANGE MASTER TO MASTER_LOG_FILE='mysql-bin.000042', MASTER_LOG_POS=1337;
            DROP TABLE IF EXISTS `fails`;
            CREATE TABLE `fails` (
              `id` int(11) NOT NULL,
              `title` varchar(200) DEFAULT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            LOCK TABLES `fails` WRITE;
            INSERT INTO `fails` VALUES (1,'a (b), c'),(2,'it\\'s \\\\'),(3,'),(4,\\'x'),(5,NULL);
            INSERT INTO `fails` VALUES (6,'(('),(7,'l''a');
            UNLOCK TABLES;
            CREATE TABLE `empty` (
              `id` int(11) NOT NULL
            );
            /*!50001 CREATE VIEW `per_day` AS SELECT 1 AS `n` */;
            INSERT INTO `other` VALUES (1,0x28),(2,_binary 'x\\0(');
            -- Dump completed on 2026-12-02  3:00:00
            """;

    @Test
    void countsRowsPerTableReadsTheBinlogPositionAndSeesTheClosingLine() {
        DumpFacts whole = read(DUMP, DUMP.length());
        assertThat(whole.rows()).containsExactly(Map.entry("fails", 6L), Map.entry("empty", 0L), Map.entry("other", 2L));
        assertThat(whole.binlogFile()).isEqualTo("mysql-bin.000042");
        assertThat(whole.binlogPosition()).isEqualTo(1337L);
        assertThat(whole.completed()).isTrue();
    }

    @Test
    void theSameFactsWhateverTheChunks() {
        DumpFacts whole = read(DUMP, DUMP.length());
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            DumpFacts split = read(DUMP, chunk);
            assertThat(split.rows()).as("chunks of %d bytes", chunk).isEqualTo(whole.rows());
            assertThat(split.completed()).isTrue();
            assertThat(split.binlogPosition()).isEqualTo(1337L);
        }
    }

    @Test
    void mariaDbsLayoutATupleALineCountsTheSame() {
        String dump = """
                INSERT INTO `fails` VALUES
                (1,'a;b'),
                (2,'it\\'s (x);'),
                (3,NULL);
                INSERT INTO `fails` VALUES
                (4,'d');
                CREATE TABLE `later` (
                  `id` int(11) NOT NULL
                );
                -- Dump completed on 2026-12-02  3:00:00
                """;
        for (int chunk : new int[] {1, 5, 4096}) {
            DumpFacts facts = read(dump, chunk);
            assertThat(facts.rows()).as("chunks of %d bytes", chunk)
                    .containsExactly(Map.entry("fails", 4L), Map.entry("later", 0L));
            assertThat(facts.completed()).isTrue();
        }
    }

    @Test
    void aTruncatedDumpIsNotCompleted() {
        String cut = DUMP.substring(0, DUMP.indexOf("-- Dump completed"));
        assertThat(read(cut, 100).completed()).isFalse();
        assertThat(read(DUMP + "INSERT INTO `late` VALUES (1);\n", 100).completed()).as("a line after the closing one").isFalse();
    }

    @Test
    void mysqlsReplicationSourceWordingAndLongLinesToo() {
        String longRow = "x".repeat(10_000);
        String dump = "-- CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE='binlog.000002', SOURCE_LOG_POS=157;\n"
                + "INSERT INTO `t` VALUES (1,'" + longRow + "'),(2,'" + longRow + "');\n"
                + "-- Dump completed on 2026-12-02 03:00:00\n";
        DumpFacts facts = read(dump, 4096);
        assertThat(facts.rows()).containsExactly(Map.entry("t", 2L));
        assertThat(facts.binlogFile()).isEqualTo("binlog.000002");
        assertThat(facts.completed()).isTrue();
    }

    private static DumpFacts read(String text, int chunk) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        DumpFacts facts = new DumpFacts();
        for (int i = 0; i < bytes.length; i += chunk) {
            facts.accept(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return facts;
    }
}
