-- FailDaily core schema. Runs unchanged on MySQL 8.0 and MariaDB 10.11: only syntax both accept
-- (no CHECK-dependent logic, no functional defaults, no JSON column type: MariaDB aliases it to LONGTEXT).
-- Ids are UUID strings as in the original (CHAR(36)); text is utf8mb4 so emoji round-trip.
-- Times are DATETIME(3) in UTC, written by the application (never NOW(): the session time zone must not matter).

CREATE TABLE users (
  id              CHAR(36)     NOT NULL,
  email           VARCHAR(255) NOT NULL,
  password_hash   VARCHAR(100) NOT NULL,
  role            VARCHAR(20)  NOT NULL DEFAULT 'user',
  account_status  VARCHAR(20)  NOT NULL DEFAULT 'active',
  created_at      DATETIME(3)  NOT NULL,
  updated_at      DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_users_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE profiles (
  user_id                CHAR(36)     NOT NULL,
  display_name           VARCHAR(100) NOT NULL,
  avatar_url             VARCHAR(500) NULL,
  bio                    TEXT         NULL,
  registration_completed TINYINT(1)   NOT NULL DEFAULT 1,
  legal_consent          TEXT         NULL,
  age_verification       TEXT         NULL,
  created_at             DATETIME(3)  NOT NULL,
  updated_at             DATETIME(3)  NOT NULL,
  PRIMARY KEY (user_id),
  -- The unique key, not a prior SELECT, is what makes two simultaneous registrations safe.
  UNIQUE KEY uk_profiles_display_name (display_name),
  CONSTRAINT fk_profiles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fails (
  id                CHAR(36)     NOT NULL,
  user_id           CHAR(36)     NOT NULL,
  title             VARCHAR(200) NOT NULL,
  description       TEXT         NOT NULL,
  category          VARCHAR(100) NOT NULL DEFAULT 'Général',
  image_url         VARCHAR(500) NULL,
  is_anonyme        TINYINT(1)   NOT NULL DEFAULT 0,
  country_code      CHAR(2)      NULL,
  -- Reaction and comment counters, kept exact by the same transaction that changes reactions/comments,
  -- so the feed never counts rows (the original ran five COUNT(*) subqueries per fail).
  courage_count     INT          NOT NULL DEFAULT 0,
  empathy_count     INT          NOT NULL DEFAULT 0,
  laugh_count       INT          NOT NULL DEFAULT 0,
  support_count     INT          NOT NULL DEFAULT 0,
  comments_count    INT          NOT NULL DEFAULT 0,
  -- NULL = never moderated (visible); 'hidden' once enough distinct users reported it.
  moderation_status VARCHAR(20)  NULL,
  created_at        DATETIME(3)  NOT NULL,
  updated_at        DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  -- The feed reads this index backwards (newest first) and stops after LIMIT rows: no scan, no filesort.
  KEY idx_fails_feed (created_at, id),
  KEY idx_fails_user (user_id, created_at),
  CONSTRAINT fk_fails_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reactions (
  id             CHAR(36)    NOT NULL,
  fail_id        CHAR(36)    NOT NULL,
  user_id        CHAR(36)    NOT NULL,
  reaction_type  VARCHAR(20) NOT NULL,
  created_at     DATETIME(3) NOT NULL,
  updated_at     DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  -- One reaction per user and fail; also the lookup for "my reaction" in the feed.
  UNIQUE KEY uk_reactions_fail_user (fail_id, user_id),
  KEY idx_reactions_user (user_id),
  CONSTRAINT fk_reactions_fail FOREIGN KEY (fail_id) REFERENCES fails (id) ON DELETE CASCADE,
  CONSTRAINT fk_reactions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE comments (
  id                CHAR(36)    NOT NULL,
  fail_id           CHAR(36)    NOT NULL,
  user_id           CHAR(36)    NOT NULL,
  content           TEXT        NOT NULL,
  is_encouragement  TINYINT(1)  NOT NULL DEFAULT 1,
  created_at        DATETIME(3) NOT NULL,
  updated_at        DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  KEY idx_comments_fail (fail_id, created_at),
  KEY idx_comments_user (user_id),
  CONSTRAINT fk_comments_fail FOREIGN KEY (fail_id) REFERENCES fails (id) ON DELETE CASCADE,
  CONSTRAINT fk_comments_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fail_reports (
  id          CHAR(36)    NOT NULL,
  fail_id     CHAR(36)    NOT NULL,
  user_id     CHAR(36)    NOT NULL,
  reason      TEXT        NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  -- A user reports a fail once: the moderation threshold counts distinct users.
  UNIQUE KEY uk_fail_reports_fail_user (fail_id, user_id),
  KEY idx_fail_reports_user (user_id),
  CONSTRAINT fk_fail_reports_fail FOREIGN KEY (fail_id) REFERENCES fails (id) ON DELETE CASCADE,
  CONSTRAINT fk_fail_reports_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_points (
  user_id       CHAR(36)    NOT NULL,
  points_total  INT         NOT NULL DEFAULT 0,
  created_at    DATETIME(3) NOT NULL,
  updated_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (user_id),
  CONSTRAINT fk_user_points_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every change of courage points, so a total can always be explained (and audited).
CREATE TABLE user_point_events (
  id             CHAR(36)     NOT NULL,
  user_id        CHAR(36)     NOT NULL,
  amount         INT          NOT NULL,
  source         VARCHAR(50)  NOT NULL,
  fail_id        CHAR(36)     NULL,
  reaction_type  VARCHAR(20)  NULL,
  reason         VARCHAR(255) NULL,
  created_at     DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY idx_point_events_user (user_id, created_at),
  CONSTRAINT fk_point_events_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE badge_definitions (
  id                 VARCHAR(64)  NOT NULL,
  name               VARCHAR(100) NOT NULL,
  description        VARCHAR(255) NOT NULL,
  icon               VARCHAR(100) NOT NULL,
  category           VARCHAR(50)  NOT NULL,
  rarity             VARCHAR(20)  NOT NULL,
  requirement_type   VARCHAR(50)  NOT NULL,
  requirement_value  INT          NOT NULL,
  created_at         DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY idx_badge_requirement (requirement_type, requirement_value)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_badges (
  id           CHAR(36)    NOT NULL,
  user_id      CHAR(36)    NOT NULL,
  badge_id     VARCHAR(64) NOT NULL,
  unlocked_at  DATETIME(3) NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_user_badges_user_badge (user_id, badge_id),
  CONSTRAINT fk_user_badges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_user_badges_badge FOREIGN KEY (badge_id) REFERENCES badge_definitions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
