-- The log store (issue 17, specification §13): one table that the backend writes for the actions the original
-- logged and that every log view reads (the original wrote one store and read another). Entries older than
-- LOG_RETENTION_DAYS are deleted by the writer (service/ActivityLog). The list walks one of the four indexes
-- newest first; the summaries read the per-day tallies, not the entries.
CREATE TABLE system_logs (
  id          CHAR(36)     NOT NULL,
  level       VARCHAR(10)  NOT NULL,
  message     TEXT         NOT NULL,
  action      VARCHAR(100) NOT NULL,
  -- A JSON object as text, or NULL.
  details     TEXT         NULL,
  user_id     CHAR(36)     NULL,
  ip_address  VARCHAR(64)  NULL,
  user_agent  VARCHAR(255) NULL,
  created_at  DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  KEY idx_system_logs_time (created_at, id),
  KEY idx_system_logs_user (user_id, created_at, id),
  KEY idx_system_logs_action (action, created_at, id),
  KEY idx_system_logs_level (level, created_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Entries per UTC day, action, level and actor ('' = none), moved with each batch of entries written.
CREATE TABLE system_log_tallies (
  day       DATE         NOT NULL,
  action    VARCHAR(100) NOT NULL,
  level     VARCHAR(10)  NOT NULL,
  user_key  CHAR(36)     NOT NULL,
  entries   INT          NOT NULL,
  PRIMARY KEY (day, action, level, user_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
