package io.faildaily.operator.model;

import static io.faildaily.operator.model.MysqlSize.GIB;
import static io.faildaily.operator.model.MysqlSize.KIB;
import static io.faildaily.operator.model.MysqlSize.MIB;

import java.util.Optional;

/**
 * The memory settings of mysqld that keep its worst case under the container's memory limit, so that the
 * kernel never OOM-kills the database. Pure arithmetic on three numbers: the limit, the buffer pool and
 * max_connections. What mysqld can use at most:
 *
 * <pre>
 *   buffer pool as MySQL 8.0 sizes it             (innodb_buffer_pool_size, rounded up, see effectiveBufferPool)
 * + its page descriptors                           (1/16 of it)
 * + the server itself                              (SERVER_OVERHEAD)
 * + (max_connections + 1) x one connection's buffers (thread_stack, binlog caches, network buffer,
 *                                                  sort, join, read and read_rnd buffers)
 * + internal temporary tables in memory, all together (temptable_max_ram; one table at most tmp_table_size)
 * &lt; the limit
 * </pre>
 *
 * What is left after the buffer pool, its descriptors and the server ("the room") is shared: a quarter to
 * temporary tables, the rest to connections, each connection's buffers at most MySQL 8.0's defaults and at
 * least an eighth of them; anything a connection cannot use goes to temporary tables, up to MySQL's
 * default of 1 GiB. A room too small for every connection at its minimum and the smallest temporary table
 * space is refused ({@link #shortfall}), never squeezed.
 *
 * <p>Not counted, as in MySQL's own sizing advice: a statement that sorts or joins several times at once
 * (one buffer each), and a network buffer that grows towards max_allowed_packet for a huge row. Temporary
 * tables are bounded as MySQL 8.0's TempTable engine does it (one pool for all); MariaDB, which the stack
 * tests run the same file on, has no such pool and ignores that one line.
 */
public record MysqlMemory(long limit, long bufferPool, int maxConnections, long sortBuffer, long joinBuffer,
                          long readBuffer, long readRndBuffer, long tmpTableSize, long temptableMaxRam) {
    /**
     * mysqld whatever the load: code and libraries, data dictionary and table caches, performance_schema
     * (sized once at start-up), the InnoDB log buffer (16M) and MyISAM key buffer (8M) at their defaults,
     * and the allocator's slack.
     */
    public static final long SERVER_OVERHEAD = 256 * MIB;
    /** Each connection's thread; rendered (MySQL 8.0's default, MariaDB's is smaller) so both count the same. */
    public static final long THREAD_STACK = MIB;
    /** binlog_cache_size and binlog_stmt_cache_size: per connection while it writes, MySQL's defaults, rendered. */
    public static final long BINLOG_CACHE = 32 * KIB;
    public static final long BINLOG_STMT_CACHE = 32 * KIB;
    /** net_buffer_length at its default: the buffer a connection reads and writes its packets through. */
    public static final long NET_BUFFER = 16 * KIB;
    /** The part of a connection that does not scale. */
    public static final long FIXED_PER_CONNECTION = THREAD_STACK + BINLOG_CACHE + BINLOG_STMT_CACHE + NET_BUFFER;

    /** MySQL 8.0's defaults of the four per-query buffers: the most a connection gets. */
    public static final long SORT_BUFFER_DEFAULT = 256 * KIB;
    public static final long JOIN_BUFFER_DEFAULT = 256 * KIB;
    public static final long READ_BUFFER_DEFAULT = 128 * KIB;
    public static final long READ_RND_BUFFER_DEFAULT = 256 * KIB;
    private static final long BUFFERS_DEFAULT =
            SORT_BUFFER_DEFAULT + JOIN_BUFFER_DEFAULT + READ_BUFFER_DEFAULT + READ_RND_BUFFER_DEFAULT;
    /** Below an eighth of the defaults (32K sort buffer) queries slow down badly: refuse instead. */
    private static final long SMALLEST_SHARE = 8;
    public static final long MIN_PER_CONNECTION = FIXED_PER_CONNECTION + BUFFERS_DEFAULT / SMALLEST_SHARE;
    public static final long MAX_PER_CONNECTION = FIXED_PER_CONNECTION + BUFFERS_DEFAULT;

    /** The least room for in-memory temporary tables; MySQL's own minimum of temptable_max_ram is 2M. */
    public static final long TEMPTABLE_MIN = 8 * MIB;
    /** MySQL 8.0's default temptable_max_ram: more buys nothing for this application. */
    public static final long TEMPTABLE_MAX = GIB;
    /** MySQL's default tmp_table_size, the most one in-memory temporary table may hold. */
    public static final long TMP_TABLE_MAX = 16 * MIB;

    /** The smallest buffer pool mysqld accepts; a smaller value is raised to it. */
    private static final long BUFFER_POOL_MIN = 5 * MIB;
    private static final long BUFFER_POOL_CHUNK = 128 * MIB;
    /** Reads and sorts are done in pages; buffers are whole 4K pages (read_buffer_size must be). */
    private static final long PAGE = 4 * KIB;

    /** Why a limit cannot hold a spec. */
    public enum Reason {
        /** The buffer pool with its descriptors and the server alone reach the limit. */
        BUFFER_POOL,
        /** The rest cannot hold every connection at its minimum and the least temporary table space. */
        CONNECTIONS
    }

    /** What is missing: {@code room} is left after pool and server (negative when they exceed the limit). */
    public record Shortfall(Reason reason, long room, long needed) {}

    /** The settings for these three numbers; {@link #shortfall} must be empty. */
    public static MysqlMemory plan(long limit, long bufferPool, int maxConnections) {
        Optional<Shortfall> shortfall = shortfall(limit, bufferPool, maxConnections);
        if (shortfall.isPresent()) {
            throw new IllegalArgumentException("no memory plan for limit " + limit + ", buffer pool " + bufferPool
                    + ", " + maxConnections + " connections: " + shortfall.get());
        }
        long room = room(limit, bufferPool);
        long connections = connections(maxConnections);
        // Strictly below the room (the "- 1"s): temporary tables then get at least their share and the
        // sum stays under the limit, never at it.
        long perConnection = (room - Math.max(TEMPTABLE_MIN, room / 4) - 1) / connections;
        if (perConnection < MIN_PER_CONNECTION) {
            // Connections first: temporary tables then get only their minimum (shortfall says it fits).
            perConnection = (room - TEMPTABLE_MIN - 1) / connections;
        }
        perConnection = Math.min(MAX_PER_CONNECTION, perConnection);
        long buffers = perConnection - FIXED_PER_CONNECTION;
        long sort = share(SORT_BUFFER_DEFAULT, buffers);
        long join = share(JOIN_BUFFER_DEFAULT, buffers);
        long read = share(READ_BUFFER_DEFAULT, buffers);
        long readRnd = share(READ_RND_BUFFER_DEFAULT, buffers);
        long used = connections * (FIXED_PER_CONNECTION + sort + join + read + readRnd);
        long temptable = Math.min(TEMPTABLE_MAX, (room - used - 1) / MIB * MIB);
        return new MysqlMemory(limit, bufferPool, maxConnections, sort, join, read, readRnd,
                Math.min(TMP_TABLE_MAX, temptable), temptable);
    }

    /** Empty when {@link #plan} can fit the limit. */
    public static Optional<Shortfall> shortfall(long limit, long bufferPool, int maxConnections) {
        long room = room(limit, bufferPool);
        if (room <= 0) {
            return Optional.of(new Shortfall(Reason.BUFFER_POOL, room, 0));
        }
        long needed = TEMPTABLE_MIN + connections(maxConnections) * MIN_PER_CONNECTION;
        if (room <= needed) {
            return Optional.of(new Shortfall(Reason.CONNECTIONS, room, needed));
        }
        return Optional.empty();
    }

    /** The limit less the buffer pool, its descriptors and the server. */
    static long room(long limit, long bufferPool) {
        long pool = effectiveBufferPool(bufferPool);
        return limit - pool - descriptors(pool) - SERVER_OVERHEAD;
    }

    /**
     * The buffer pool MySQL 8.0 allocates for {@code asked}: a whole number of chunks (128M) per instance,
     * rounded up, with 8 instances from 1G on (1 below), so 300M becomes 384M and 1536M becomes 2G.
     * Below one chunk the chunk shrinks to the pool. MariaDB rounds less, so this bounds it too.
     */
    public static long effectiveBufferPool(long asked) {
        long pool = Math.max(BUFFER_POOL_MIN, asked);
        long unit = BUFFER_POOL_CHUNK * (pool >= GIB ? 8 : 1);
        return pool < unit ? pool : (pool + unit - 1) / unit * unit;
    }

    /** InnoDB's control block for each 16K page of the pool lives outside it: a few percent, allowed 1/16. */
    static long descriptors(long pool) {
        return pool / 16;
    }

    /** MySQL admits one connection beyond max_connections, for an administrator. */
    static long connections(int maxConnections) {
        return maxConnections + 1L;
    }

    /** {@code defaultSize}'s part of {@code buffers}, in whole pages, between an eighth of it and all of it. */
    private static long share(long defaultSize, long buffers) {
        long scaled = defaultSize * buffers / BUFFERS_DEFAULT / PAGE * PAGE;
        return Math.max(defaultSize / SMALLEST_SHARE, Math.min(defaultSize, scaled));
    }

    /** One connection's buffers at most. */
    public long perConnection() {
        return FIXED_PER_CONNECTION + sortBuffer + joinBuffer + readBuffer + readRndBuffer;
    }

    /** The buffer pool as MySQL 8.0 allocates it. */
    public long effectiveBufferPool() {
        return effectiveBufferPool(bufferPool);
    }

    /** The most mysqld can use with these settings: always below {@link #limit}. */
    public long total() {
        long pool = effectiveBufferPool();
        return pool + descriptors(pool) + SERVER_OVERHEAD + connections(maxConnections) * perConnection()
                + temptableMaxRam;
    }

    /** The sum in words, for the rendered file: a person reading the ConfigMap sees where the memory goes. */
    public String summary() {
        return String.format("%s buffer pool (+%s page descriptors) + %s server + %d connections x %s + %s temporary "
                        + "tables = %s of %s", mebibytes(effectiveBufferPool()), mebibytes(descriptors(effectiveBufferPool())),
                mebibytes(SERVER_OVERHEAD), connections(maxConnections), MysqlSize.of(perConnection()),
                mebibytes(temptableMaxRam), mebibytes(total()), mebibytes(limit));
    }

    private static String mebibytes(long bytes) {
        return (bytes / MIB) + "M";
    }
}
