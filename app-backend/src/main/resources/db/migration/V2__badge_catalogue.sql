-- The badge catalogue. Ids are stable strings so clients (and later migrations) can refer to them.
INSERT INTO badge_definitions (id, name, description, icon, category, rarity, requirement_type, requirement_value, created_at) VALUES
  ('first-fail',        'Premier Pas',          'Partager votre premier fail',          'footsteps-outline',   'COURAGE',    'common',    'fail_count',         1,   '2025-01-01 00:00:00.000'),
  ('fails-5',           'Apprenti Courage',     'Partager 5 fails',                     'ribbon-outline',      'COURAGE',    'common',    'fail_count',         5,   '2025-01-01 00:00:00.000'),
  ('fails-10',          'Courageux',            'Partager 10 fails',                    'shield-outline',      'COURAGE',    'rare',      'fail_count',         10,  '2025-01-01 00:00:00.000'),
  ('fails-25',          'Maître du Courage',    'Partager 25 fails',                    'medal-outline',       'COURAGE',    'epic',      'fail_count',         25,  '2025-01-01 00:00:00.000'),
  ('fails-50',          'Vétéran du Courage',   'Partager 50 fails',                    'trophy-outline',      'COURAGE',    'epic',      'fail_count',         50,  '2025-01-01 00:00:00.000'),
  ('fails-100',         'Légende du Courage',   'Partager 100 fails',                   'star-outline',        'COURAGE',    'legendary', 'fail_count',         100, '2025-01-01 00:00:00.000'),
  ('first-reaction',    'Première Réaction',    'Réagir au fail de quelqu''un',         'heart-outline',       'ENTRAIDE',   'common',    'reaction_given',     1,   '2025-01-01 00:00:00.000'),
  ('reactions-25',      'Supporter',            'Donner 25 réactions',                  'hand-left-outline',   'ENTRAIDE',   'rare',      'reaction_given',     25,  '2025-01-01 00:00:00.000'),
  ('first-comment',     'Premier Mot',          'Écrire votre premier commentaire',     'chatbubble-outline',  'ENTRAIDE',   'common',    'comment_count',      1,   '2025-01-01 00:00:00.000'),
  ('comments-10',       'Bienveillant',         'Écrire 10 commentaires',               'chatbubbles-outline', 'ENTRAIDE',   'rare',      'comment_count',      10,  '2025-01-01 00:00:00.000'),
  ('courage-received-10','Inspirant',           'Recevoir 10 réactions courage',        'flame-outline',       'COMMUNAUTE', 'rare',      'courage_received',   10,  '2025-01-01 00:00:00.000'),
  ('points-100',        'Cœur Vaillant',        'Atteindre 100 points de courage',      'diamond-outline',     'COMMUNAUTE', 'epic',      'courage_points',     100, '2025-01-01 00:00:00.000');
