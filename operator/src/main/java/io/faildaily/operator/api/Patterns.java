package io.faildaily.operator.api;

/** Regular expressions shared by the CRD schema (through annotations) and the reconciler's checks. */
public final class Patterns {
    private Patterns() {}

    /** A Kubernetes quantity as users write storage sizes: 10Gi, 500M, 1.5Ti. */
    public static final String QUANTITY = "^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$";
    /** A MySQL size option: 256M, 1G, 134217728. */
    public static final String MYSQL_SIZE = "^[0-9]+[KMG]?$";
    /** An nginx size: 10M, 512k, 0 (no limit). */
    public static final String NGINX_SIZE = "^[0-9]+[kKmMgG]?$";
    /** A container image reference: no white space, not empty. */
    public static final String IMAGE = "^[^\\s]+$";
    /** Five cron fields, or one of the @ macros the CronJob controller accepts. */
    public static final String CRON =
            "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
                    + "|([0-9*,/?A-Za-z-]+\\s+){4}[0-9*,/?A-Za-z-]+)$";
    /** nginx worker_processes: auto or a count. */
    public static final String WORKER_PROCESSES = "^(auto|[1-9][0-9]{0,2})$";
    /** A DNS name (RFC 1123 subdomain), for hosts. */
    public static final String DNS_NAME =
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    /** A Kubernetes object name (RFC 1123 label, as Secret and StorageClass references are). */
    /** A host name or an IP address: no space, no scheme, no port, no path. */
    public static final String HOST_NAME = "^[^\\s/:]+$";
    /** A mail sender: an address, or a name and an address in angle brackets. */
    public static final String MAIL_SENDER = "^([^\\r\\n<>@]{0,100}<[^@\\s<>]+@[^@\\s<>]+>|[^@\\s<>]+@[^@\\s<>]+)$";
    /** An e-mail address (an account of ADMIN_EMAILS). */
    public static final String EMAIL = "^[^@\\s,]+@[^@\\s,]+$";
    /** A DNS-1123 label, as volume and container names must be (at most 63 characters, checked apart). */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String OBJECT_NAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
    /**
     * A file on the backups volume: a plain name, no directory, not hidden; a mysqldump, compressed (the backup
     * CronJob's .sql.gz) or plain (.sql, as the original docker-compose setup's backups are).
     */
    public static final String BACKUP_FILE = "^[A-Za-z0-9][-._A-Za-z0-9]{0,200}\\.sql(\\.gz)?$";
    /** An IPv4 or IPv6 address or CIDR block, as nginx's set_real_ip_from takes it. */
    public static final String CIDR = "^([0-9]{1,3}(\\.[0-9]{1,3}){3}(/[0-9]{1,2})?|[0-9a-fA-F:]+:[0-9a-fA-F:]*(/[0-9]{1,3})?)$";
    /**
     * A Content-Security-Policy as nginx.conf carries it, in double quotes: printable ASCII (what a header
     * value may hold) except what would end or change that string there: {@code "} ends it, {@code \\}
     * escapes, {@code $} starts a variable, braces are block syntax. A newline cannot occur, nor {@code ;}
     * outside the quotes. Nothing a policy needs is excluded.
     */
    public static final String CONTENT_SECURITY_POLICY = "^[\\x20\\x21\\x23\\x25-\\x5b\\x5d-\\x7a\\x7c\\x7e]*$";
    public static final int CONTENT_SECURITY_POLICY_MAX_LENGTH = 4096;
    /**
     * A label or annotation key (a qualified name): an optional DNS-subdomain prefix and a slash, then a name of
     * letters, digits, '-', '_' and '.', starting and ending with a letter or digit. Lengths are checked apart.
     */
    public static final String QUALIFIED_NAME = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
            + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";
    /** A label value: empty, or up to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
    public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$";
    /** An object store's URL: http or https, a host, an optional port, no path, query or white space. */
    public static final String ENDPOINT = "^https?://[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:[0-9]{1,5})?/?$";
    /**
     * An S3 bucket name (AWS's rules, which the other stores follow): 3 to 63 lower-case letters, digits,
     * '.' and '-', starting and ending with a letter or digit ("..", which the schema's RE2 cannot exclude
     * without look-ahead, is refused by the reconciler).
     */
    public static final String BUCKET = "^[a-z0-9][-a-z0-9.]{1,61}[a-z0-9]$";
    /** A folder in a bucket: segments of safe characters, none starting with '.', no leading or trailing '/'. */
    public static final String OBJECT_PREFIX = "^[-_A-Za-z0-9][-._A-Za-z0-9]{0,99}(/[-_A-Za-z0-9][-._A-Za-z0-9]{0,99}){0,9}$";
}
