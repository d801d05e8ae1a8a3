-- Per-author figures kept on the profile and changed in the same transaction as the rows they sum, as the
-- reaction and comment counters on a fail are: the profile's stats, /api/users/{id}/stats and the badge rules
-- read them instead of going through all of an author's fails on every call (with 100,000 fails by one author,
-- each post counted them and each reaction received summed their courage counters). Everything that inserts or
-- deletes a fail, or changes a fail's reaction counters, changes these too (FailService, ReactionService).
ALTER TABLE profiles
  ADD COLUMN fails_count        INT NOT NULL DEFAULT 0,
  ADD COLUMN courage_received   INT NOT NULL DEFAULT 0,
  ADD COLUMN reactions_received INT NOT NULL DEFAULT 0;

UPDATE profiles p
  JOIN (SELECT user_id, COUNT(*) AS fails, SUM(courage_count) AS courage,
               SUM(courage_count + empathy_count + laugh_count + support_count) AS reactions
        FROM fails GROUP BY user_id) f ON f.user_id = p.user_id
  SET p.fails_count = f.fails, p.courage_received = f.courage, p.reactions_received = f.reactions;
