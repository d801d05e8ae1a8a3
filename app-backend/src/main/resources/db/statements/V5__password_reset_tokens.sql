-- Password reset links (the original's password_reset_tokens, E1/E2). The token itself is only in the mail: the
-- row keeps its SHA-256, so a copy of the database opens no account. A link is used once (used_at) and lives
-- one hour (expires_at, written by the application in UTC). An adopted original database keeps its old table as
-- original_password_reset_tokens; links sent before the move are not carried over (they lived an hour).
CREATE TABLE password_reset_tokens (
  id          CHAR(36)    NOT NULL,
  user_id     CHAR(36)    NOT NULL,
  token_hash  CHAR(64)    NOT NULL,
  expires_at  DATETIME(3) NOT NULL,
  used_at     DATETIME(3) NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_password_reset_tokens_hash (token_hash),
  KEY idx_password_reset_tokens_user (user_id, used_at),
  CONSTRAINT fk_password_reset_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
