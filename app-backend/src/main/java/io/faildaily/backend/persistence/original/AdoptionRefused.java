package io.faildaily.backend.persistence.original;

/**
 * The original schema cannot be adopted as it is, for a reason the message gives with what to do about it.
 * Waiting does not help (unlike an unreachable database), so the backend does not retry: it stops.
 */
public final class AdoptionRefused extends RuntimeException {
    public AdoptionRefused(String message) {
        super(message);
    }
}
