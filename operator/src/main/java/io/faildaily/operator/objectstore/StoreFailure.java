package io.faildaily.operator.objectstore;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A backup or restore that the object store, or the way to it, refused: one line naming the store's error
 * code (NoSuchBucket, InvalidAccessKeyId, SignatureDoesNotMatch, AccessDenied, …) or "Unreachable", which is
 * what a person needs to fix it, and what ends up in the FailDaily's status.
 */
public final class StoreFailure extends Exception {
    private final String code;

    public StoreFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The one-line failure of an SDK call made for {@code doing} (e.g. "listing s3://b/p/"). */
    static StoreFailure of(SdkException e, String doing, StoreSettings settings) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code == null || code.isBlank()) {
                code = "Http" + service.statusCode();
            }
            String message = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorMessage();
            return new StoreFailure(code, "the object store answered " + code + " (HTTP " + service.statusCode() + ") "
                    + doing + hint(code) + (message == null || message.isBlank() ? "" : ": " + firstLine(message)));
        }
        if (e instanceof SdkClientException) {
            return new StoreFailure("Unreachable", "cannot reach the object store at " + settings.endpoint() + " " + doing
                    + ": " + firstLine(rootMessage(e)));
        }
        return new StoreFailure("ClientError", doing + " failed: " + firstLine(rootMessage(e)));
    }

    private static String hint(String code) {
        return switch (code) {
            case "NoSuchBucket" -> " (the bucket does not exist: create it, or fix spec.backup.objectStore.bucket)";
            case "InvalidAccessKeyId" -> " (the accessKeyId of the credentials Secret is not known to the store)";
            case "SignatureDoesNotMatch" -> " (the secretAccessKey of the credentials Secret is wrong)";
            case "AccessDenied", "Http403" -> " (the key may not use this bucket or folder)";
            default -> "";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static String firstLine(String message) {
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }
}
