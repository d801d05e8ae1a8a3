package io.faildaily.backend.auth;

/** The caller of a request, once its token has been checked against the users table. */
public record AuthUser(String id, String email, String role) {}
