-- Moderation as the original's staff pages work it (issue 17): settings an administrator changes at run time
-- (the original's app_config), comment reports, and on each fail and comment the number of its reports, with the
-- indexes the moderation queue walks (a page of the queue reads its own rows, whatever the table size).

CREATE TABLE app_config (
  id            CHAR(36)     NOT NULL,
  config_key    VARCHAR(100) NOT NULL,
  -- A JSON object as text, read over the application's defaults (service/AppSettings).
  config_value  TEXT         NOT NULL,
  description   VARCHAR(255) NULL,
  created_at    DATETIME(3)  NOT NULL,
  updated_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_app_config_key (config_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The original's seeds.
INSERT INTO app_config (id, config_key, config_value, description, created_at, updated_at) VALUES
  ('6a1f0c9e-0000-4000-8000-000000000001', 'points',
   '{"failCreate":10,"commentCreate":2,"reactionRemovePenalty":true}',
   'Points gagnés par action', '2026-12-02 00:00:00.000', '2026-12-02 00:00:00.000'),
  ('6a1f0c9e-0000-4000-8000-000000000002', 'reaction_points',
   '{"courage":5,"laugh":3,"empathy":2,"support":3}',
   'Points reçus par l''auteur pour chaque réaction', '2026-12-02 00:00:00.000', '2026-12-02 00:00:00.000'),
  ('6a1f0c9e-0000-4000-8000-000000000003', 'moderation',
   '{"failReportThreshold":3,"commentReportThreshold":3,"panelAutoRefreshSec":20}',
   'Seuils de masquage automatique et rafraîchissement du panneau', '2026-12-02 00:00:00.000',
   '2026-12-02 00:00:00.000');

CREATE TABLE comment_reports (
  id          CHAR(36)    NOT NULL,
  comment_id  CHAR(36)    NOT NULL,
  user_id     CHAR(36)    NOT NULL,
  reason      TEXT        NULL,
  created_at  DATETIME(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uk_comment_reports_comment_user (comment_id, user_id),
  KEY idx_comment_reports_user (user_id),
  CONSTRAINT fk_comment_reports_comment FOREIGN KEY (comment_id) REFERENCES comments (id) ON DELETE CASCADE,
  CONSTRAINT fk_comment_reports_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE fails
  ADD COLUMN reports_count INT NOT NULL DEFAULT 0,
  ADD INDEX idx_fails_reported (reports_count, created_at, id, moderation_status),
  ADD INDEX idx_fails_moderation (moderation_status, created_at, id);
UPDATE fails f JOIN (SELECT fail_id, COUNT(*) AS n FROM fail_reports GROUP BY fail_id) r ON r.fail_id = f.id
  SET f.reports_count = r.n;

ALTER TABLE comments
  ADD COLUMN reports_count INT NOT NULL DEFAULT 0,
  ADD INDEX idx_comments_reported (reports_count, created_at, id, moderation_status),
  ADD INDEX idx_comments_moderation (moderation_status, created_at, id);

-- A fail's comment counter counts what its comment page lists: comments not under review, hidden or rejected.
UPDATE fails f SET f.comments_count = (SELECT COUNT(*) FROM comments c WHERE c.fail_id = f.id
  AND (c.moderation_status IS NULL OR c.moderation_status = 'approved'));
