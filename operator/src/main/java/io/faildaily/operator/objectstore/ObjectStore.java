package io.faildaily.operator.objectstore;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The few object-store calls a backup and a restore make, on one FailDaily's folder, with every SDK failure
 * turned into a {@link StoreFailure}. The AWS SDK's sync client over the JDK's URLConnection; path-style
 * addressing unless the spec asks otherwise; checksums only where the API requires them (stores other than
 * AWS, MinIO and s3proxy included, do not all accept the SDK's newer trailing checksums).
 */
public final class ObjectStore implements AutoCloseable {
    private final S3Client s3;
    private final StoreSettings settings;

    ObjectStore(S3Client s3, StoreSettings settings) {
        this.s3 = s3;
        this.settings = settings;
    }

    public static ObjectStore open(StoreSettings settings) {
        S3Client client = S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        return new ObjectStore(client, settings);
    }

    public StoreSettings settings() {
        return settings;
    }

    /** The names (keys without the folder) of the files directly in the folder, sorted. */
    public List<String> list() throws StoreFailure {
        try {
            List<String> names = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(settings.bucket()).prefix(settings.folder()))
                    .contents()) {
                String name = object.key().substring(settings.folder().length());
                if (!name.isEmpty() && !name.contains("/")) {
                    names.add(name);
                }
            }
            names.sort(null);
            return names;
        } catch (SdkException e) {
            throw StoreFailure.of(e, "listing " + settings.where(), settings);
        }
    }

    /** A file's content, or empty when there is none of that name. */
    public Optional<byte[]> read(String name) throws StoreFailure {
        try {
            return Optional.of(s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(settings.key(name))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw StoreFailure.of(e, "reading " + settings.where() + name, settings);
        }
    }

    /** A file's content as a stream, to be closed by the caller. */
    public InputStream open(String name) throws StoreFailure {
        try {
            return s3.getObject(r -> r.bucket(settings.bucket()).key(settings.key(name)));
        } catch (SdkException e) {
            throw StoreFailure.of(e, "reading " + settings.where() + name, settings);
        }
    }

    /** A small file, written in one request. */
    public void write(String name, byte[] content, String contentType) throws StoreFailure {
        try {
            s3.putObject(r -> r.bucket(settings.bucket()).key(settings.key(name)).contentType(contentType),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw StoreFailure.of(e, "writing " + settings.where() + name, settings);
        }
    }

    public void delete(String name) throws StoreFailure {
        try {
            s3.deleteObject(r -> r.bucket(settings.bucket()).key(settings.key(name)));
        } catch (SdkException e) {
            throw StoreFailure.of(e, "deleting " + settings.where() + name, settings);
        }
    }

    /** A multipart upload of {@code name}: nothing of that name exists until it completes. */
    public MultipartUpload upload(String name, String contentType, int partSize) throws StoreFailure {
        return MultipartUpload.start(s3, settings, name, contentType, partSize);
    }

    @Override
    public void close() {
        s3.close();
    }
}
