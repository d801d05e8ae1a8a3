package io.faildaily.operator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 API server for tests: s3proxy in this JVM, on a free loopback port, with jclouds' "filesystem"
 * backend in a temp dir (deleted on close), checking AWS signatures (V2 and V4) against one access key.
 *
 * <p>What it does not do that AWS S3 does: one key with every right (no IAM or bucket policies, so no
 * AccessDenied for a key that may not write); path-style addressing only (no bucket.host virtual hosts, no
 * DNS); no regions (any region signs, no 301 to the bucket's region); no versioning, object lock or lifecycle
 * rules (an aborted or abandoned multipart upload is not expired by a rule, it is simply gone or kept);
 * multipart uploads are emulated by the backend (parts joined on completion); no server-side encryption;
 * no throttling (503 SlowDown) and no eventual consistency to wait out; and the filesystem backend lists each
 * folder as a key of its own ("shop/", "shop/fd/"), which {@link #keys} leaves out. The error codes the tests rely on
 * (NoSuchBucket, SignatureDoesNotMatch, InvalidAccessKeyId, NoSuchKey) are S3's.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS_KEY = "faildaily-test-access";
    public static final String SECRET_KEY = "faildaily-test-secret-2f7c1e";

    private final Path dir;
    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final URI endpoint;

    private S3Server(Path dir, BlobStoreContext context, S3Proxy proxy, URI endpoint) {
        this.dir = dir;
        this.context = context;
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static S3Server start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("s3proxy-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(properties).build(BlobStoreContext.class);
        URI endpoint = URI.create("http://127.0.0.1:" + freePort());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start within 30 s: " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start s3proxy on " + endpoint, e);
        }
        return new S3Server(dir, context, proxy, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client with the server's key, as a user's tool would reach it. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(r -> r.bucket(bucket));
        }
    }

    /** Every key of the bucket, sorted; without the filesystem backend's folder entries (keys ending in '/'). */
    public List<String> keys(String bucket) {
        try (S3Client s3 = client()) {
            return s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream().map(S3Object::key)
                    .filter(key -> !key.endsWith("/")).sorted().toList();
        }
    }

    /** Deletes every object of the bucket (between tests). */
    public void empty(String bucket) {
        try (S3Client s3 = client()) {
            for (String key : keys(bucket)) {
                s3.deleteObject(r -> r.bucket(bucket).key(key));
            }
        }
    }

    public byte[] get(String bucket, String key) {
        try (S3Client s3 = client()) {
            return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        }
    }

    public void put(String bucket, String key, byte[] content) {
        try (S3Client s3 = client()) {
            s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content));
        }
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop s3proxy", e);
        } finally {
            context.close();
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
