package io.faildaily.operator.stack;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.faildaily.backend.testing.MariaDbServer;
import io.faildaily.operator.api.Defaults;
import io.faildaily.operator.api.ObjectStoreSpec;
import io.faildaily.operator.testing.S3Server;

/** What the object-store backup and restore-drill tests share: the user's store keys and the live data. */
final class BackupFixtures {
    private BackupFixtures() {}

    /** The user's Secret with the store's access key, {@code secretKey} as its secret key. */
    static Secret storeKeys(String name, String namespace, String secretKey) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToData(ObjectStoreSpec.ACCESS_KEY_ID, base64(S3Server.ACCESS_KEY))
                .addToData(ObjectStoreSpec.SECRET_ACCESS_KEY, base64(secretKey))
                .build();
    }

    /**
     * Tables fails (with {@code rows} rows whose text has what a naive reading of a dump trips on: quotes, escapes,
     * parentheses, "),(", new lines, binary), fails_audit (filled by a trigger) and empty_table.
     */
    static void seed(MariaDbServer db, Secret credentials, int rows) throws SQLException {
        try (Connection c = Stack.connect(db, credentials, Defaults.DATABASE_NAME); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE fails (id INT PRIMARY KEY, title VARCHAR(200), body TEXT, photo BLOB, created_at DATETIME)");
            st.execute("CREATE TABLE fails_audit (id INT AUTO_INCREMENT PRIMARY KEY, fail_id INT)");
            st.execute("CREATE TABLE empty_table (id INT PRIMARY KEY)");
            st.execute("CREATE TRIGGER fails_audit_insert AFTER INSERT ON fails FOR EACH ROW "
                    + "INSERT INTO fails_audit (fail_id) VALUES (NEW.id)");
            String digit = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL "
                    + "SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9)";
            st.execute("INSERT INTO fails (id, title, body, photo, created_at) "
                    + "SELECT i, CONCAT('Échec n°', i, ' — l''a dit \"(oui), (non)\"'), "
                    + "IF(i % 7 = 0, NULL, CONCAT('ligne 1\\nligne 2\\\\', REPEAT('),(', i % 5), ';')), "
                    + "IF(i % 3 = 0, UNHEX(CONCAT('27', HEX(i), '5C28')), NULL), "
                    + "TIMESTAMP('2026-01-01') + INTERVAL i SECOND FROM (SELECT 1 + a.d + 10 * b.d + 100 * e.d + 1000 * f.d "
                    + "+ 10000 * g.d AS i FROM " + digit + " a, " + digit + " b, " + digit + " e, " + digit + " f, "
                    + digit + " g) n WHERE i <= " + rows);
        }
    }

    private static String base64(String value) {
        return java.util.Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
