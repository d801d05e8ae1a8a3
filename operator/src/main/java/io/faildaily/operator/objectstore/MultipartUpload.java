package io.faildaily.operator.objectstore;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A stream written to the store as a multipart upload, one part per {@code partSize} bytes held in memory:
 * any size, never a local copy. The object appears only on {@link #complete()}; {@link #abort()} (or a
 * failure) leaves nothing under its name.
 */
public final class MultipartUpload extends OutputStream {
    /** The store's smallest part but the last (S3's rule: 5 MiB). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final StoreSettings settings;
    private final String name;
    private final String uploadId;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long size;
    private boolean finished;

    private MultipartUpload(S3Client s3, StoreSettings settings, String name, String uploadId, int partSize) {
        this.s3 = s3;
        this.settings = settings;
        this.name = name;
        this.uploadId = uploadId;
        this.buffer = new byte[partSize];
    }

    static MultipartUpload start(S3Client s3, StoreSettings settings, String name, String contentType, int partSize)
            throws StoreFailure {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("a part is at least " + MIN_PART_SIZE + " bytes, not " + partSize);
        }
        try {
            String id = s3.createMultipartUpload(r -> r.bucket(settings.bucket()).key(settings.key(name))
                    .contentType(contentType)).uploadId();
            return new MultipartUpload(s3, settings, name, id, partSize);
        } catch (SdkException e) {
            throw StoreFailure.of(e, "starting the upload of " + settings.where() + name, settings);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("the upload of " + name + " has ended");
        }
        while (length > 0) {
            int n = Math.min(length, buffer.length - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            size += n;
            if (filled == buffer.length) {
                sendPart();
            }
        }
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** Sends what is buffered as the last part and makes the object appear. */
    public void complete() throws StoreFailure {
        try {
            if (filled > 0 || parts.isEmpty()) {
                sendPart();
            }
            s3.completeMultipartUpload(r -> r.bucket(settings.bucket()).key(settings.key(name)).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            finished = true;
        } catch (IOException e) {
            throw (StoreFailure) e.getCause();
        } catch (SdkException e) {
            throw StoreFailure.of(e, "completing the upload of " + settings.where() + name, settings);
        }
    }

    /** Discards the parts sent: nothing of this name appears. Best effort; a store that keeps parts expires them. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            s3.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(settings.key(name)).uploadId(uploadId));
        } catch (SdkException e) {
            // The upload was never completed, so no object of this name exists either way.
        }
    }

    /** Ending the stream is not completing the upload: that is {@link #complete()}, once the dump is known good. */
    @Override
    public void close() {
    }

    private void sendPart() throws IOException {
        int number = parts.size() + 1;
        byte[] part = Arrays.copyOf(buffer, filled);
        try {
            UploadPartResponse response = s3.uploadPart(r -> r.bucket(settings.bucket()).key(settings.key(name))
                    .uploadId(uploadId).partNumber(number).contentLength((long) part.length), RequestBody.fromBytes(part));
            parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
            filled = 0;
        } catch (SdkException e) {
            throw new IOException(StoreFailure.of(e, "uploading part " + number + " of " + settings.where() + name, settings));
        }
    }
}
