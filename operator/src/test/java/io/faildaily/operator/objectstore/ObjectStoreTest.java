package io.faildaily.operator.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Map;
import java.util.Random;

import io.faildaily.operator.testing.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The object-store client on a real S3 server (s3proxy): multipart streaming, listing, failures as codes. */
class ObjectStoreTest {
    private static final String BUCKET = "store-test";
    private static S3Server s3;

    @BeforeAll
    static void start() {
        s3 = S3Server.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    private static StoreSettings settings(String prefix, String bucket, String secret) {
        return StoreSettings.fromEnvironment(Map.of(StoreSettings.ENDPOINT, s3.endpoint().toString(),
                StoreSettings.BUCKET, bucket, StoreSettings.PREFIX, prefix,
                StoreSettings.ACCESS_KEY_ID, S3Server.ACCESS_KEY, StoreSettings.SECRET_ACCESS_KEY, secret));
    }

    @Test
    void aStreamLargerThanAPartArrivesWholeOnlyWhenCompleted() throws Exception {
        byte[] content = new byte[MultipartUpload.MIN_PART_SIZE * 2 + 12345];
        new Random(15).nextBytes(content);
        try (ObjectStore store = ObjectStore.open(settings("multi/part", BUCKET, S3Server.SECRET_KEY))) {
            MultipartUpload upload = store.upload("big.bin", "application/octet-stream", MultipartUpload.MIN_PART_SIZE);
            for (int i = 0; i < content.length; i += 100_000) {
                upload.write(content, i, Math.min(100_000, content.length - i));
            }
            assertThat(store.list()).as("nothing before completion").isEmpty();
            upload.complete();
            assertThat(upload.size()).isEqualTo(content.length);
            assertThat(store.list()).containsExactly("big.bin");
            try (InputStream in = store.open("big.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
            assertThat(s3.keys(BUCKET)).contains("multi/part/big.bin");
        }
    }

    @Test
    void anAbortedUploadLeavesNothing() throws Exception {
        try (ObjectStore store = ObjectStore.open(settings("aborted", BUCKET, S3Server.SECRET_KEY))) {
            MultipartUpload upload = store.upload("half.bin", "application/octet-stream", MultipartUpload.MIN_PART_SIZE);
            upload.write(new byte[MultipartUpload.MIN_PART_SIZE + 10]);
            upload.abort();
            assertThat(store.list()).isEmpty();
            assertThat(store.read("half.bin")).isEmpty();
        }
    }

    @Test
    void failuresCarryTheStoresCode() {
        try (ObjectStore wrongKey = ObjectStore.open(settings("x", BUCKET, "wrong"))) {
            assertThatThrownBy(wrongKey::list).isInstanceOf(StoreFailure.class)
                    .satisfies(e -> assertThat(((StoreFailure) e).code()).isEqualTo("SignatureDoesNotMatch"));
        }
        try (ObjectStore noBucket = ObjectStore.open(settings("x", "missing-bucket", S3Server.SECRET_KEY))) {
            assertThatThrownBy(noBucket::list).isInstanceOf(StoreFailure.class)
                    .hasMessageContaining("NoSuchBucket").hasMessageNotContaining("\n");
        }
    }

    @Test
    void settingsRefuseWhatIsMissingOrMalformedNamingTheVariable() {
        assertThatThrownBy(() -> StoreSettings.fromEnvironment(Map.of())).hasMessage("OBJECT_STORE_ENDPOINT is not set");
        assertThatThrownBy(() -> StoreSettings.fromEnvironment(Map.of(StoreSettings.ENDPOINT, "ftp://x")))
                .hasMessageStartingWith("OBJECT_STORE_ENDPOINT='ftp://x'");
        StoreSettings settings = settings("a/b", BUCKET, S3Server.SECRET_KEY);
        assertThat(settings.key("f.sql.gz")).isEqualTo("a/b/f.sql.gz");
        assertThat(settings.toString()).doesNotContain(S3Server.SECRET_KEY);
        assertThat(settings("", BUCKET, S3Server.SECRET_KEY).key("f")).isEqualTo("f");
    }
}
