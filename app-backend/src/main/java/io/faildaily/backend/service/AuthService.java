package io.faildaily.backend.service;

import static io.faildaily.backend.service.ApiException.badRequest;
import static io.faildaily.backend.service.ApiException.conflict;
import static io.faildaily.backend.service.ApiException.notFound;
import static io.faildaily.backend.service.ApiException.unauthorized;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.faildaily.backend.auth.ActiveUserCache;
import io.faildaily.backend.auth.AuthUser;
import io.faildaily.backend.auth.JwtCodec;
import io.faildaily.backend.auth.PasswordHasher;
import io.faildaily.backend.persistence.DataAccessException;
import io.faildaily.backend.persistence.Jdbc;
import io.faildaily.backend.persistence.Times;
import io.faildaily.backend.service.Views.UserSummary;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Accounts: registration with the original's age rules, login, tokens, profile and password. */
public final class AuthService {
    public static final int MIN_PASSWORD = 6;
    public static final int MAX_DISPLAY_NAME = 50;
    public static final int MAX_BIO = 500;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final Jdbc jdbc;
    private final PasswordHasher hasher;
    private final JwtCodec jwt;
    private final Clock clock;
    private final ObjectMapper json;
    /** Compared against when the e-mail is unknown, so a miss costs as much as a wrong password. */
    private final String decoyHash;
    private final ActiveUserCache activeUsers;
    /** ADMIN_EMAILS: these addresses register as administrators. */
    private final List<String> adminEmails;

    private final BadgeService badges;

    public AuthService(Jdbc jdbc, PasswordHasher hasher, JwtCodec jwt, Clock clock, ObjectMapper json,
                       ActiveUserCache activeUsers, List<String> adminEmails, BadgeService badges) {
        this.badges = badges;
        this.activeUsers = activeUsers;
        this.adminEmails = adminEmails;
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.jwt = jwt;
        this.clock = clock;
        this.json = json;
        this.decoyHash = hasher.hash("decoy-password-never-used");
    }

    public record Registration(String email, String password, String displayName, String birthDate,
                               Boolean agreeToTerms) {}

    public record Session(UserSummary user, String token) {}

    public Session register(Registration r) {
        if (isBlank(r.email()) || isBlank(r.password()) || isBlank(r.displayName())) {
            throw badRequest("MISSING_FIELDS", "Email, mot de passe et nom d'affichage sont requis");
        }
        String email = r.email().trim().toLowerCase(Locale.ROOT);
        if (email.length() > 255 || !EMAIL.matcher(email).matches()) {
            throw badRequest("INVALID_EMAIL", "Adresse email invalide");
        }
        checkPassword(r.password(), "PASSWORD_TOO_SHORT");
        String displayName = r.displayName().trim();
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw badRequest("DISPLAY_NAME_TOO_LONG", "Le nom d'affichage ne peut pas dépasser 50 caractères");
        }

        String accountStatus = "active";
        int registrationCompleted = 1;
        Map<String, Object> ageVerification = new LinkedHashMap<>();
        ageVerification.put("birthDate", r.birthDate());
        ageVerification.put("verified", r.birthDate() != null);
        if (!isBlank(r.birthDate())) {
            int age = ageOn(parseBirthDate(r.birthDate()), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            if (age < 13) {
                throw badRequest("AGE_RESTRICTION", "Âge minimum requis: 13 ans");
            }
            ageVerification.put("age", age);
            if (age <= 16) {
                // 13-16: the account exists but stays pending until a parent approves it.
                accountStatus = "pending";
                registrationCompleted = 0;
                ageVerification.put("needsParentalConsent", true);
                ageVerification.put("parentalConsentStatus", "pending");
            }
        }

        String hash = hasher.hash(r.password());
        String userId = Ids.newId();
        LocalDateTime now = Times.now(clock);
        Map<String, Object> consent = new LinkedHashMap<>();
        consent.put("birthDate", r.birthDate());
        consent.put("agreeToTerms", r.agreeToTerms() == null || r.agreeToTerms());
        consent.put("acceptedAt", Times.iso(now));
        String status = accountStatus;
        int completed = registrationCompleted;
        String role = adminEmails.contains(email) ? "admin" : "user";
        try {
            jdbc.inTransaction(c -> {
                if (Jdbc.count(c, "SELECT COUNT(*) FROM users WHERE email = ?", email) > 0) {
                    throw conflict("EMAIL_EXISTS", "Cet email est déjà utilisé");
                }
                if (Jdbc.count(c, "SELECT COUNT(*) FROM profiles WHERE display_name = ?", displayName) > 0) {
                    throw conflict("DISPLAY_NAME_EXISTS", "Ce nom d'utilisateur est déjà pris");
                }
                Jdbc.update(c, "INSERT INTO users (id, email, password_hash, role, account_status, created_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", userId, email, hash, role, status, now, now);
                Jdbc.update(c, "INSERT INTO profiles (user_id, display_name, registration_completed, legal_consent, "
                        + "age_verification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        userId, displayName, completed, toJson(consent), toJson(ageVerification), now, now);
                return null;
            });
        } catch (DataAccessException e) {
            // Two registrations raced past the SELECTs: the unique keys decide, with the same answers.
            throw duplicateOr(e);
        }
        return new Session(new UserSummary(userId, email, displayName, null, role), jwt.issue(userId, email));
    }

    public Session login(String rawEmail, String password) {
        if (isBlank(rawEmail) || isBlank(password)) {
            throw badRequest("MISSING_CREDENTIALS", "Email et mot de passe requis");
        }
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        record Row(String id, String email, String hash, String role, String status, String name, String avatar) {}
        Optional<Row> row = jdbc.read(c -> Jdbc.queryOne(c, "SELECT u.id, u.email, u.password_hash, u.role, "
                + "u.account_status, p.display_name, p.avatar_url FROM users u "
                + "LEFT JOIN profiles p ON p.user_id = u.id WHERE u.email = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), email));
        boolean valid = hasher.matches(password, row.map(Row::hash).orElse(decoyHash));
        if (row.isEmpty() || !valid) {
            throw unauthorized("INVALID_CREDENTIALS", "Email ou mot de passe incorrect");
        }
        Row u = row.get();
        if (!"active".equals(u.status())) {
            throw unauthorized("USER_INACTIVE", "Compte utilisateur désactivé");
        }
        jdbc.read(c -> {
            BadgeProgress.loggedIn(c, u.id(), Times.now(clock).toLocalDate());
            return null;
        });
        badges.unlockEarned(u.id(), BadgeTrigger.LOGGED_IN, BadgeService.Context.NONE);
        return new Session(new UserSummary(u.id(), u.email(), u.name(), u.avatar(), u.role()), jwt.issue(u.id(), u.email()));
    }

    /** The caller behind a bearer token, checked against the database as the original did on every request. */
    public AuthUser authenticate(String token) {
        JwtCodec.Claims claims = jwt.verify(token); // throws TokenException
        Optional<AuthUser> cached = activeUsers.get(claims.userId());
        if (cached.isPresent()) {
            return cached.get();
        }
        record Row(String id, String email, String role, String status) {}
        Optional<Row> row = jdbc.read(c -> Jdbc.queryOne(c,
                "SELECT id, email, role, account_status FROM users WHERE id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), claims.userId()));
        if (row.isEmpty()) {
            throw unauthorized("USER_NOT_FOUND", "Utilisateur introuvable");
        }
        if (!"active".equals(row.get().status())) {
            throw unauthorized("USER_INACTIVE", "Compte utilisateur désactivé");
        }
        AuthUser user = new AuthUser(row.get().id(), row.get().email(), row.get().role());
        activeUsers.put(user);
        return user;
    }

    public UserSummary summary(String userId) {
        return jdbc.read(c -> Jdbc.queryOne(c, "SELECT u.id, u.email, p.display_name, p.avatar_url, u.role "
                + "FROM users u LEFT JOIN profiles p ON p.user_id = u.id WHERE u.id = ?",
                rs -> new UserSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)), userId))
                .orElseThrow(() -> notFound("USER_NOT_FOUND", "Utilisateur introuvable"));
    }

    public Map<String, Object> profile(String userId) {
        return jdbc.read(c -> Jdbc.queryOne(c, "SELECT u.id, u.email, u.role, u.account_status, u.created_at, "
                + "p.display_name, p.avatar_url, p.bio, p.registration_completed, p.legal_consent, "
                + "p.age_verification, COALESCE(up.points_total, 0), COALESCE(p.fails_count, 0), "
                + "(SELECT COUNT(*) FROM user_badges ub WHERE ub.user_id = u.id) FROM users u "
                + "LEFT JOIN profiles p ON p.user_id = u.id LEFT JOIN user_points up ON up.user_id = u.id "
                + "WHERE u.id = ?", rs -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getString(1));
                    m.put("email", rs.getString(2));
                    m.put("displayName", rs.getString(6));
                    m.put("avatarUrl", rs.getString(7));
                    m.put("bio", rs.getString(8));
                    m.put("role", rs.getString(3));
                    m.put("accountStatus", rs.getString(4));
                    m.put("registrationCompleted", rs.getInt(9) == 1);
                    m.put("legalConsent", parseJson(rs.getString(10)));
                    m.put("ageVerification", parseJson(rs.getString(11)));
                    m.put("createdAt", Times.iso(rs.getObject(5, LocalDateTime.class)));
                    m.put("couragePoints", rs.getLong(12));
                    // E5: failsCount and totalFails are the same figure (every fail the user has, anonymous and
                    // hidden ones included), as the original sent both.
                    Map<String, Object> stats = new LinkedHashMap<>();
                    stats.put("failsCount", rs.getLong(13));
                    stats.put("totalFails", rs.getLong(13));
                    stats.put("badgesCount", rs.getLong(14));
                    m.put("stats", stats);
                    return m;
                }, userId))
                .orElseThrow(() -> notFound("PROFILE_NOT_FOUND", "Profil utilisateur non trouvé"));
    }

    public record ProfileChange(String displayName, boolean displayNameSet, String bio, boolean bioSet,
                                String avatarUrl, boolean avatarUrlSet) {}

    public Map<String, Object> updateProfile(String userId, ProfileChange change) {
        if (!change.displayNameSet() && !change.bioSet() && !change.avatarUrlSet()) {
            throw badRequest("NO_UPDATE_DATA", "Aucune donnée à mettre à jour");
        }
        String name = change.displayName() == null ? null : change.displayName().trim();
        if (change.displayNameSet() && (name == null || name.isEmpty())) {
            throw badRequest("MISSING_FIELDS", "Le nom d'affichage ne peut pas être vide");
        }
        if (name != null && name.length() > MAX_DISPLAY_NAME) {
            throw badRequest("DISPLAY_NAME_TOO_LONG", "Le nom d'affichage ne peut pas dépasser 50 caractères");
        }
        if (change.bio() != null && change.bio().length() > MAX_BIO) {
            throw badRequest("BIO_TOO_LONG", "La bio ne peut pas dépasser 500 caractères");
        }
        if (change.avatarUrl() != null && change.avatarUrl().length() > 500) {
            throw badRequest("AVATAR_URL_TOO_LONG", "L'URL de l'avatar ne peut pas dépasser 500 caractères");
        }
        try {
            jdbc.inTransaction(c -> {
                if (name != null && Jdbc.count(c, "SELECT COUNT(*) FROM profiles WHERE display_name = ? "
                        + "AND user_id <> ?", name, userId) > 0) {
                    throw conflict("DISPLAY_NAME_EXISTS", "Ce nom d'utilisateur est déjà pris");
                }
                LocalDateTime now = Times.now(clock);
                // Each column is updated by its own fixed statement: no SQL is assembled from input.
                if (change.displayNameSet()) {
                    Jdbc.update(c, "UPDATE profiles SET display_name = ?, updated_at = ? WHERE user_id = ?",
                            name, now, userId);
                }
                if (change.bioSet()) {
                    Jdbc.update(c, "UPDATE profiles SET bio = ?, updated_at = ? WHERE user_id = ?",
                            change.bio(), now, userId);
                }
                if (change.avatarUrlSet()) {
                    Jdbc.update(c, "UPDATE profiles SET avatar_url = ?, updated_at = ? WHERE user_id = ?",
                            change.avatarUrl(), now, userId);
                }
                return null;
            });
        } catch (DataAccessException e) {
            throw duplicateOr(e);
        }
        badges.unlockEarned(userId, BadgeTrigger.PROFILE_CHANGED, BadgeService.Context.NONE);
        Map<String, Object> full = profile(userId);
        Map<String, Object> updated = new LinkedHashMap<>();
        for (String k : new String[] {"id", "email", "displayName", "avatarUrl", "bio", "role"}) {
            updated.put(k, full.get(k));
        }
        updated.put("updatedAt", Times.iso(Times.now(clock)));
        return updated;
    }

    public void changePassword(String userId, String current, String next) {
        if (isBlank(current) || isBlank(next)) {
            throw badRequest("MISSING_PASSWORDS", "Mot de passe actuel et nouveau mot de passe requis");
        }
        checkPassword(next, "PASSWORD_TOO_SHORT");
        String hash = jdbc.read(c -> Jdbc.queryOne(c, "SELECT password_hash FROM users WHERE id = ?",
                rs -> rs.getString(1), userId))
                .orElseThrow(() -> notFound("USER_NOT_FOUND", "Utilisateur non trouvé"));
        if (!hasher.matches(current, hash)) {
            throw unauthorized("INVALID_CURRENT_PASSWORD", "Mot de passe actuel incorrect");
        }
        String newHash = hasher.hash(next);
        jdbc.read(c -> Jdbc.update(c, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                newHash, Times.now(clock), userId));
    }

    public boolean emailExists(String rawEmail) {
        if (isBlank(rawEmail)) {
            throw badRequest("MISSING_EMAIL", "Email requis");
        }
        String email = rawEmail.trim().toLowerCase(Locale.ROOT);
        return jdbc.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM users WHERE email = ?", email) > 0);
    }

    /**
     * Whether a profile has this display name (the column's collation decides: case and accents do not count),
     * other than {@code excludeUserId}'s own: editing one's profile keeps one's name available (E3).
     */
    public boolean displayNameExists(String displayName, String excludeUserId) {
        if (isBlank(displayName)) {
            throw badRequest("MISSING_DISPLAY_NAME", "Nom d'affichage requis");
        }
        String name = displayName.trim();
        return jdbc.read(c -> Jdbc.count(c, "SELECT COUNT(*) FROM profiles WHERE display_name = ? AND user_id <> ?",
                name, excludeUserId == null ? "" : excludeUserId) > 0);
    }

    /**
     * A free display name from {@code base} (E4): the base itself, else "base 1" … "base 999", the first one no
     * profile has; the base is shortened so that the name keeps within {@link #MAX_DISPLAY_NAME}. Nothing is
     * reserved: registration checks again.
     */
    public String freeDisplayName(String base) {
        if (isBlank(base)) {
            throw badRequest("MISSING_DISPLAY_NAME", "Nom d'affichage de base requis");
        }
        String trimmed = base.trim();
        List<String> candidates = new ArrayList<>();
        candidates.add(DisplayNameCandidates.shortened(trimmed, 0));
        for (int n = 1; n <= DisplayNameCandidates.MAX_SUFFIX; n++) {
            candidates.add(DisplayNameCandidates.shortened(trimmed, n));
        }
        return jdbc.read(c -> DisplayNameCandidates.firstFree(c, candidates))
                .orElseThrow(() -> badRequest("DISPLAY_NAME_UNAVAILABLE",
                        "Aucun nom d'affichage disponible à partir de « " + trimmed + " »"));
    }

    static int ageOn(LocalDate birth, LocalDate today) {
        return Period.between(birth, today).getYears();
    }

    private LocalDate parseBirthDate(String text) {
        try {
            // The web client sends "YYYY-MM-DD"; ISO date-times ("YYYY-MM-DDT...") are read by their date part.
            LocalDate date = LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
            if (date.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)) || date.getYear() < 1900) {
                throw badRequest("INVALID_BIRTH_DATE", "Date de naissance invalide");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw badRequest("INVALID_BIRTH_DATE", "Date de naissance invalide (format attendu: AAAA-MM-JJ)");
        }
    }

    static void checkPassword(String password, String tooShortCode) {
        if (password.length() < MIN_PASSWORD) {
            throw badRequest(tooShortCode, "Le mot de passe doit contenir au moins 6 caractères");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw badRequest("PASSWORD_TOO_LONG", "Le mot de passe ne peut pas dépasser 72 octets");
        }
    }

    private static RuntimeException duplicateOr(DataAccessException e) {
        SQLException sql = e.sqlCause();
        if (Jdbc.isDuplicateKey(sql)) {
            String msg = String.valueOf(sql.getMessage());
            if (msg.contains("uk_users_email")) {
                return conflict("EMAIL_EXISTS", "Cet email est déjà utilisé");
            }
            if (msg.contains("uk_profiles_display_name")) {
                return conflict("DISPLAY_NAME_EXISTS", "Ce nom d'utilisateur est déjà pris");
            }
        }
        return e;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object parseJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

}
