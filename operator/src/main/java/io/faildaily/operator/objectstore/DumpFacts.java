package io.faildaily.operator.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mysqldump says about itself, read as it streams past, byte by byte, with a few bytes of memory: the
 * rows of each table (the value tuples of its {@code INSERT INTO `t` VALUES (…),(…);} lines, quotes and
 * escapes respected), whether its last line is mysqldump's "-- Dump completed", and the binary log position
 * it was taken at, when it was dumped with --source-data=2 / --master-data=2 (a "-- CHANGE … TO" comment).
 */
public final class DumpFacts {
    private static final byte[] INSERT = "INSERT INTO `".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATE = "CREATE TABLE `".getBytes(StandardCharsets.US_ASCII);
    private static final int HEAD = 512;
    private static final Pattern POSITION = Pattern.compile(
            "^-- CHANGE (?:MASTER|REPLICATION SOURCE) TO (?:MASTER|SOURCE)_LOG_FILE='([^']+)', (?:MASTER|SOURCE)_LOG_POS=(\\d+)");

    private enum State { HEAD, VALUES, SKIP }

    private final Map<String, Long> rows = new LinkedHashMap<>();
    private final byte[] head = new byte[HEAD];
    private int headLength;
    private State state = State.HEAD;
    private String table;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean completed;
    private String binlogFile;
    private Long binlogPosition;

    public void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            accept(bytes[i]);
        }
    }

    private void accept(byte b) {
        switch (state) {
            case HEAD -> {
                // MySQL's mysqldump writes "INSERT INTO `t` VALUES (…),(…);" on one line, MariaDB's puts a new
                // line after VALUES and after each tuple: a statement ends at its ';', not at a line's end.
                if (b == '\n') {
                    if (valuesFollow("\n")) {
                        enterValues();
                    } else {
                        endOfHead();
                    }
                    return;
                }
                if (headLength < HEAD) {
                    head[headLength++] = b;
                }
                if (b == ' ' && valuesFollow(" ")) {
                    enterValues();
                } else if (headLength == HEAD) {
                    lineIsContent();
                    state = State.SKIP;
                }
            }
            case VALUES -> values(b);
            case SKIP -> {
                if (b == '\n') {
                    headLength = 0;
                    state = State.HEAD;
                }
            }
        }
    }

    private void enterValues() {
        table = tableAfter(INSERT);
        rows.putIfAbsent(table, 0L);
        depth = 0;
        inString = false;
        escaped = false;
        completed = false;
        state = State.VALUES;
    }

    private void values(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '\'') {
                inString = false;
            }
            return;
        }
        switch (b) {
            case '\'' -> inString = true;
            case '(' -> {
                if (depth++ == 0) {
                    rows.merge(table, 1L, Long::sum);
                }
            }
            case ')' -> depth--;
            case ';' -> {
                if (depth == 0) {
                    state = State.SKIP;
                }
            }
            default -> {
            }
        }
    }

    private void endOfHead() {
        String line = new String(head, 0, headLength, StandardCharsets.UTF_8).strip();
        headLength = 0;
        if (line.isEmpty()) {
            return;
        }
        completed = line.startsWith("-- Dump completed");
        String created = line.startsWith("CREATE TABLE `") ? line.substring(CREATE.length, Math.max(CREATE.length,
                line.indexOf('`', CREATE.length))) : null;
        if (created != null && !created.isEmpty()) {
            rows.putIfAbsent(created, 0L);
        }
        Matcher position = POSITION.matcher(line);
        if (position.find()) {
            binlogFile = position.group(1);
            binlogPosition = Long.parseLong(position.group(2));
        }
    }

    /** A line longer than the head buffer is content: it is not the closing line. */
    private void lineIsContent() {
        completed = false;
        String start = new String(head, 0, headLength, StandardCharsets.UTF_8);
        if (start.startsWith("CREATE TABLE `")) {
            int end = start.indexOf('`', CREATE.length);
            if (end > CREATE.length) {
                rows.putIfAbsent(start.substring(CREATE.length, end), 0L);
            }
        }
    }

    /**
     * True when the line so far is "INSERT INTO `t` VALUES" and {@code next} (a space or a new line, not yet
     * in the head when it is a new line) follows it.
     */
    private boolean valuesFollow(String next) {
        if (tableAfter(INSERT) == null) {
            return false;
        }
        return next.equals("\n") ? endsWith(" VALUES") : endsWith(" VALUES ");
    }

    private String tableAfter(byte[] prefix) {
        if (headLength <= prefix.length) {
            return null;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return null;
            }
        }
        for (int i = prefix.length; i < headLength; i++) {
            if (head[i] == '`') {
                return new String(head, prefix.length, i - prefix.length, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private boolean endsWith(String suffix) {
        byte[] s = suffix.getBytes(StandardCharsets.US_ASCII);
        if (headLength < s.length) {
            return false;
        }
        for (int i = 0; i < s.length; i++) {
            if (head[headLength - s.length + i] != s[i]) {
                return false;
            }
        }
        return true;
    }

    /** Rows per table, in the order the dump creates them; a table without rows counts 0. */
    public Map<String, Long> rows() {
        return new LinkedHashMap<>(rows);
    }

    /** True when the last line seen so far is mysqldump's "-- Dump completed …". */
    public boolean completed() {
        return completed;
    }

    public String binlogFile() {
        return binlogFile;
    }

    public Long binlogPosition() {
        return binlogPosition;
    }
}
