-- The original's badge catalogue (issue 17): its 65 badges, their requirement types and values, exactly as the
-- original's schema seeds them (ids, names and icons are what the original frontend shows). The rules behind each
-- requirement type are service/BadgeRule; the figures they read are kept up to date as content is posted
-- (service/BadgeProgress), so that checking a badge never walks all of an author's fails.

-- The four badges of the first Java catalogue that the original does not have are retired: they leave the
-- catalogue, and stay with the members who earned them (deleting their definitions would delete their user_badges).
ALTER TABLE badge_definitions ADD COLUMN retired_at DATETIME(3) NULL;

INSERT INTO badge_definitions (id, name, description, icon, category, rarity, requirement_type, requirement_value,
  created_at) VALUES
  ('active-member','Membre Actif','Se connecter 100 jours non-consécutifs','person-outline','PERSEVERANCE','rare','login_days',100,'2025-08-08 16:34:14.000'),
  ('all-categories','Touche-à-tout','Poster un fail dans chaque catégorie','apps-outline','SPECIAL','epic','categories_used',5,'2025-08-10 13:58:59.000'),
  ('beta-tester','Testeur Bêta','Participer à la phase de test','construct-outline','SPECIAL','epic','beta_participation',1,'2025-08-08 16:34:14.000'),
  ('birthday-badge','Anniversaire FailDaily','Être présent lors de l''anniversaire de l''app','gift-outline','SPECIAL','rare','anniversary_participation',1,'2025-08-08 16:34:14.000'),
  ('bounce-back','Rebond','Se relever après un fail difficile','arrow-up-outline','RESILIENCE','common','bounce_back_count',1,'2025-08-08 16:34:14.000'),
  ('class-clown','Rigolo de Service','Recevoir 100 réactions de rire au total','musical-note-outline','HUMOUR','rare','total_laughs',100,'2025-08-08 16:34:14.000'),
  ('comeback-king','Roi du Comeback','Reprendre après une pause de 30 jours','refresh-outline','PERSEVERANCE','rare','comeback_count',1,'2025-08-08 16:34:14.000'),
  ('comedian','Comédien','Un fail qui a fait rire 50 personnes','theater-outline','HUMOUR','rare','laugh_reactions',50,'2025-08-08 16:34:14.000'),
  ('community-helper','Assistant Communautaire','Aider 10 membres de la communauté','people-outline','ENTRAIDE','rare','help_count',10,'2025-08-08 16:34:14.000'),
  ('community-pillar','Pilier de la Communauté','Être actif pendant 6 mois consécutifs','home-outline','ENTRAIDE','legendary','active_months',6,'2025-08-08 16:34:14.000'),
  ('courage-hearts-10','Cœur Brave','Recevoir 10 cœurs de courage','heart-outline','COURAGE','common','reactions_received',10,'2025-08-08 16:34:14.000'),
  ('courage-hearts-100','Héros du Courage','Recevoir 100 cœurs de courage','medal-outline','COURAGE','epic','reactions_received',100,'2025-08-08 16:34:14.000'),
  ('courage-hearts-50','Cœur Courageux','Recevoir 50 cœurs de courage','heart-outline','COURAGE','rare','reactions_received',50,'2025-08-08 16:34:14.000'),
  ('courage-hearts-500','Légende du Courage','Recevoir 500 cœurs de courage','trophy-outline','COURAGE','legendary','reactions_received',500,'2025-08-08 16:34:14.000'),
  ('daily-streak-100','Centurion','100 jours de partage consécutifs','shield-outline','PERSEVERANCE','epic','streak_days',100,'2025-08-08 16:34:14.000'),
  ('daily-streak-14','Déterminé','14 jours de partage consécutifs','flame-outline','PERSEVERANCE','rare','streak_days',14,'2025-08-08 16:34:14.000'),
  ('daily-streak-3','Régulier','3 jours de partage consécutifs','checkmark-outline','PERSEVERANCE','common','streak_days',3,'2025-08-08 16:34:14.000'),
  ('daily-streak-30','Marathonien','30 jours de partage consécutifs','fitness-outline','PERSEVERANCE','rare','streak_days',30,'2025-08-08 16:34:14.000'),
  ('daily-streak-365','Immortel','365 jours de partage consécutifs','infinite-outline','PERSEVERANCE','legendary','streak_days',365,'2025-08-08 16:34:14.000'),
  ('daily-streak-60','Titan de la Régularité','60 jours de partage consécutifs','barbell-outline','PERSEVERANCE','epic','streak_days',60,'2025-08-08 16:34:14.000'),
  ('daily-streak-7','Persévérant','7 jours de partage consécutifs','calendar-outline','PERSEVERANCE','common','streak_days',7,'2025-08-08 16:34:14.000'),
  ('discussion-starter','Lanceur de Débats','Créer 25 discussions populaires','chatbubbles-outline','ENTRAIDE','epic','popular_discussions',25,'2025-08-08 16:34:14.000'),
  ('early-adopter','Pionnier','Membre des 1000 premiers utilisateurs','flag-outline','SPECIAL','legendary','user_rank',1000,'2025-08-08 16:34:14.000'),
  ('empathy-expert','Expert en Empathie','Donner 25 réactions d''empathie','sad-outline','ENTRAIDE','common','empathy_given',25,'2025-08-08 16:34:14.000'),
  ('fail-master-365','Chroniqueur Légendaire','Partager 365 fails (un an !)','calendar-number-outline','COURAGE','legendary','fail_count',365,'2025-08-08 16:34:14.000'),
  ('fails-10','Courageux','Poster 10 fails','trophy-outline','COURAGE','rare','fail_count',10,'2025-08-10 13:58:59.000'),
  ('fails-100','Légende du Courage','Poster 100 fails','diamond-outline','COURAGE','legendary','fail_count',100,'2025-08-10 13:58:59.000'),
  ('fails-25','Maître du Courage','Poster 25 fails','star-outline','COURAGE','epic','fail_count',25,'2025-08-10 13:58:59.000'),
  ('fails-5','Apprenti Courage','Poster 5 fails','ribbon-outline','COURAGE','common','fail_count',5,'2025-08-10 13:58:59.000'),
  ('fails-50','Vétéran du Courage','Poster 50 fails','shield-outline','COURAGE','epic','fail_count',50,'2025-08-10 13:58:59.000'),
  ('first-fail','Premier Pas','Félicitations pour votre premier fail partagé !','footsteps-outline','COURAGE','common','fail_count',1,'2025-08-08 16:22:31.000'),
  ('first-reaction','Première Réaction','Recevoir votre première réaction','heart-outline','COURAGE','common','first_reaction',1,'2025-08-08 16:43:44.000'),
  ('funny-fail','Comédien Amateur','Un fail qui a fait rire 25 personnes','happy-outline','HUMOUR','common','laugh_reactions',25,'2025-08-08 16:34:14.000'),
  ('globetrotter','Globe-Trotter','Partager des fails de 10 pays différents','airplane-outline','SPECIAL','legendary','countries_count',10,'2025-08-08 16:34:14.000'),
  ('good-vibes','Bonnes Vibrations','Donner 1000 réactions positives au total','thumbs-up-outline','ENTRAIDE','epic','positive_reactions',1000,'2025-08-08 16:34:14.000'),
  ('guardian-angel','Ange Gardien','Aider 25 membres de la communauté','medical-outline','ENTRAIDE','epic','help_count',25,'2025-08-08 16:34:14.000'),
  ('holiday-spirit','Esprit des Fêtes','Partager pendant les vacances','snow-outline','SPECIAL','rare','holiday_fails',5,'2025-08-08 16:34:14.000'),
  ('humor-king','Roi du Rire','Un fail qui a fait rire 100 personnes','sparkles-outline','HUMOUR','epic','laugh_reactions',100,'2025-08-08 16:34:14.000'),
  ('inspiration','Source d''Inspiration','Inspirer 100 autres utilisateurs','bulb-outline','RESILIENCE','legendary','inspired_users',100,'2025-08-08 16:34:14.000'),
  ('iron-will','Volonté de Fer','Repartager après 10 échecs consécutifs','hammer-outline','PERSEVERANCE','legendary','resilience_count',10,'2025-08-08 16:34:14.000'),
  ('laughter-legend','Légende du Rire','Recevoir 1000 réactions de rire au total','star-outline','HUMOUR','legendary','total_laughs',1000,'2025-08-08 16:34:14.000'),
  ('life-coach','Coach de Vie','Aider 100 personnes avec des conseils','fitness-outline','ENTRAIDE','legendary','advice_given',100,'2025-08-08 16:34:14.000'),
  ('mentor','Mentor','Commenter constructivement 100 fails','chatbox-outline','ENTRAIDE','rare','helpful_comments',100,'2025-08-08 16:34:14.000'),
  ('midnight-warrior','Guerrier de Minuit','Partager un fail après minuit','moon-outline','SPECIAL','common','midnight_fail',1,'2025-08-08 16:34:14.000'),
  ('mood-lifter','Remonteur de Moral','50 fails marqués comme "drôles"','sunny-outline','HUMOUR','epic','funny_fails',50,'2025-08-08 16:34:14.000'),
  ('never-give-up','Jamais Abandonner','Maintenir 5 streaks de plus de 7 jours','flag-outline','PERSEVERANCE','epic','long_streaks',5,'2025-08-08 16:34:14.000'),
  ('new-year-resolution','Résolution du Nouvel An','Partager un fail le 1er janvier','calendar-outline','SPECIAL','rare','new_year_fail',1,'2025-08-08 16:34:14.000'),
  ('phoenix','Phénix','Renaître de 10 échecs majeurs','flame-outline','RESILIENCE','epic','major_comebacks',10,'2025-08-08 16:34:14.000'),
  ('power-user','Utilisateur Expert','Utiliser toutes les fonctionnalités de l''app','settings-outline','SPECIAL','epic','features_used',10,'2025-08-08 16:34:14.000'),
  ('reactions-10','Supporteur','Donner 10 réactions','people-outline','ENTRAIDE','common','reaction_given',10,'2025-08-10 13:58:59.000'),
  ('reactions-100','Super Supporteur','Donner 100 réactions','heart-circle-outline','ENTRAIDE','epic','reaction_given',100,'2025-08-10 13:58:59.000'),
  ('reactions-25','Supporteur Actif','Donner 25 réactions','heart-half-outline','ENTRAIDE','common','reaction_given',25,'2025-08-10 13:58:59.000'),
  ('reactions-250','Maître du Support','Donner 250 réactions','heart-half-outline','ENTRAIDE','legendary','reaction_given',250,'2025-08-10 13:58:59.000'),
  ('reactions-50','Grand Supporteur','Donner 50 réactions','heart','ENTRAIDE','rare','reaction_given',50,'2025-08-10 13:58:59.000'),
  ('resilience-champion','Champion de Résilience','Partager 20 fails de résilience','refresh-outline','RESILIENCE','rare','resilience_fails',20,'2025-08-08 16:34:14.000'),
  ('resilience-rookie','Apprenti Résilient','Partager 5 fails de résilience','leaf-outline','RESILIENCE','common','resilience_fails',5,'2025-08-08 16:34:14.000'),
  ('socializer','Sociable','Interagir avec 50 utilisateurs différents','people-circle-outline','ENTRAIDE','rare','unique_interactions',50,'2025-08-08 16:34:14.000'),
  ('stand-up-master','Maître du Stand-Up','Recevoir 500 réactions de rire au total','mic-outline','HUMOUR','epic','total_laughs',500,'2025-08-08 16:34:14.000'),
  ('supportive-soul','Âme Bienveillante','Donner 50 réactions de soutien','heart-half-outline','ENTRAIDE','common','support_given',50,'2025-08-08 16:34:14.000'),
  ('survivor','Survivant','Surmonter 50 défis personnels','shield-checkmark-outline','RESILIENCE','legendary','challenges_overcome',50,'2025-08-08 16:34:14.000'),
  ('trend-setter','Créateur de Tendances','Lancer 5 tendances dans la communauté','trending-up-outline','SPECIAL','legendary','trends_created',5,'2025-08-08 16:34:14.000'),
  ('unbreakable','Incassable','Maintenir un état d''esprit positif 100 jours','diamond-outline','RESILIENCE','epic','positive_days',100,'2025-08-08 16:34:14.000'),
  ('viral-laugh','Sensation Virale','Un fail qui a fait rire 500 personnes','trending-up-outline','HUMOUR','legendary','laugh_reactions',500,'2025-08-08 16:34:14.000'),
  ('weekend-warrior','Guerrier du Weekend','Partager 50 fails le weekend','bicycle-outline','SPECIAL','rare','weekend_fails',50,'2025-08-08 16:34:14.000'),
  ('wise-counselor','Conseiller Sage','Commenter constructivement 250 fails','library-outline','ENTRAIDE','epic','helpful_comments',250,'2025-08-08 16:34:14.000')
ON DUPLICATE KEY UPDATE name = VALUES(name), description = VALUES(description), icon = VALUES(icon),
  category = VALUES(category), rarity = VALUES(rarity), requirement_type = VALUES(requirement_type),
  requirement_value = VALUES(requirement_value), retired_at = NULL;

UPDATE badge_definitions SET retired_at = '2026-12-02 00:00:00.000'
  WHERE id IN ('first-comment', 'comments-10', 'courage-received-10', 'points-100') AND retired_at IS NULL;
DELETE FROM badge_definitions WHERE retired_at IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM user_badges ub WHERE ub.badge_id = badge_definitions.id);

-- Figures of the reaction rules, on the author's profile, changed by the same statement as reactions_received.
ALTER TABLE profiles
  ADD COLUMN laughs_received       INT NOT NULL DEFAULT 0,
  ADD COLUMN reactions_from_others INT NOT NULL DEFAULT 0;
UPDATE profiles p JOIN (SELECT user_id, SUM(laugh_count) AS laughs FROM fails GROUP BY user_id) f
  ON f.user_id = p.user_id SET p.laughs_received = f.laughs;
UPDATE profiles p JOIN (SELECT f.user_id, COUNT(*) AS n FROM reactions r JOIN fails f ON f.id = r.fail_id
  WHERE r.user_id <> f.user_id GROUP BY f.user_id) o ON o.user_id = p.user_id SET p.reactions_from_others = o.n;

-- Reactions given of one type are counted on this index (only while a badge of that type is missing: at most
-- its value).
ALTER TABLE reactions ADD INDEX idx_reactions_user_type (user_id, reaction_type);
-- A member's rank by points (user_rank) counts at most that many higher totals on this index.
ALTER TABLE user_points ADD INDEX idx_user_points_total (points_total);

-- Per member, the figures of the rules over their history of fails and logins, one row changed by one statement
-- when a fail is posted (in its transaction) or a login succeeds. Days are UTC days.
CREATE TABLE user_badge_progress (
  user_id               CHAR(36) NOT NULL,
  last_fail_day         DATE     NULL,
  fail_days             INT      NOT NULL DEFAULT 0,
  fail_months           INT      NOT NULL DEFAULT 0,
  fail_streak           INT      NOT NULL DEFAULT 0,
  longest_fail_streak   INT      NOT NULL DEFAULT 0,
  gaps_over_30_days     INT      NOT NULL DEFAULT 0,
  gaps_over_90_days     INT      NOT NULL DEFAULT 0,
  weekend_fails         INT      NOT NULL DEFAULT 0,
  holiday_fails         INT      NOT NULL DEFAULT 0,
  new_year_fails        INT      NOT NULL DEFAULT 0,
  resilience_fails      INT      NOT NULL DEFAULT 0,
  last_login_day        DATE     NULL,
  login_days            INT      NOT NULL DEFAULT 0,
  login_streak          INT      NOT NULL DEFAULT 0,
  longest_login_streak  INT      NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id),
  CONSTRAINT fk_user_badge_progress_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Distinct things a rule counts ("category:<name>", "country:<code>", "reactor:<user id>", "funny:<fail id>",
-- "discussion:<fail id>"): inserted once, counted on the primary key's prefix.
CREATE TABLE user_badge_marks (
  user_id  CHAR(36)     NOT NULL,
  mark     VARCHAR(120) NOT NULL,
  PRIMARY KEY (user_id, mark),
  CONSTRAINT fk_user_badge_marks_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The figures of an existing installation, from its fails, reactions and comments.
INSERT INTO user_badge_progress (user_id, last_fail_day, fail_days, fail_months, weekend_fails, holiday_fails,
  new_year_fails, resilience_fails)
SELECT user_id, MAX(DATE(created_at)), COUNT(DISTINCT DATE(created_at)), COUNT(DISTINCT DATE_FORMAT(created_at, '%Y%m')),
  SUM(DAYOFWEEK(created_at) IN (1, 7)),
  SUM((MONTH(created_at) = 12 AND DAY(created_at) >= 20) OR (MONTH(created_at) = 1 AND DAY(created_at) <= 10)
      OR (MONTH(created_at) = 7 AND DAY(created_at) = 14) OR (MONTH(created_at) = 10 AND DAY(created_at) = 31)),
  SUM(MONTH(created_at) = 1 AND DAY(created_at) = 1),
  SUM(description LIKE '%après%' OR description LIKE '%malgré%' OR description LIKE '%encore%'
      OR category = 'professional')
FROM fails GROUP BY user_id
ON DUPLICATE KEY UPDATE last_fail_day = VALUES(last_fail_day), fail_days = VALUES(fail_days),
  fail_months = VALUES(fail_months), weekend_fails = VALUES(weekend_fails), holiday_fails = VALUES(holiday_fails),
  new_year_fails = VALUES(new_year_fails), resilience_fails = VALUES(resilience_fails);

UPDATE user_badge_progress p JOIN (
  SELECT user_id, COALESCE(SUM(gap > 30), 0) AS over30, COALESCE(SUM(gap > 90), 0) AS over90 FROM (
    SELECT user_id, TO_DAYS(d) - TO_DAYS(LAG(d) OVER (PARTITION BY user_id ORDER BY d)) AS gap
    FROM (SELECT DISTINCT user_id, DATE(created_at) AS d FROM fails) days) gaps
  GROUP BY user_id) g ON g.user_id = p.user_id
SET p.gaps_over_30_days = g.over30, p.gaps_over_90_days = g.over90;

UPDATE user_badge_progress p JOIN (
  SELECT user_id, MAX(n) AS longest FROM (
    SELECT user_id, island, COUNT(*) AS n FROM (
      SELECT user_id, TO_DAYS(d) - CAST(ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY d) AS SIGNED) AS island
      FROM (SELECT DISTINCT user_id, DATE(created_at) AS d FROM fails) days) runs
    GROUP BY user_id, island) islands
  GROUP BY user_id) s ON s.user_id = p.user_id
SET p.longest_fail_streak = s.longest;

UPDATE user_badge_progress p JOIN (
  SELECT user_id, COUNT(*) AS n, MAX(d) AS last_day FROM (
    SELECT user_id, d, TO_DAYS(d) - CAST(ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY d) AS SIGNED) AS island
    FROM (SELECT DISTINCT user_id, DATE(created_at) AS d FROM fails) days) runs
  GROUP BY user_id, island) i ON i.user_id = p.user_id AND i.last_day = p.last_fail_day
SET p.fail_streak = i.n;

INSERT IGNORE INTO user_badge_marks (user_id, mark)
  SELECT DISTINCT user_id, CONCAT('category:', category) FROM fails;
INSERT IGNORE INTO user_badge_marks (user_id, mark)
  SELECT DISTINCT user_id, CONCAT('country:', country_code) FROM fails WHERE country_code IS NOT NULL;
INSERT IGNORE INTO user_badge_marks (user_id, mark)
  SELECT DISTINCT f.user_id, CONCAT('reactor:', r.user_id) FROM reactions r JOIN fails f ON f.id = r.fail_id;
INSERT IGNORE INTO user_badge_marks (user_id, mark)
  SELECT user_id, CONCAT('funny:', id) FROM fails WHERE laugh_count >= 5;
INSERT IGNORE INTO user_badge_marks (user_id, mark)
  SELECT user_id, CONCAT('discussion:', id) FROM fails WHERE comments_count >= 25;
