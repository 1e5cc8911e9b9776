-- Serialise additions to one programme (budget and quotas are checked under this lock).
SELECT id, status FROM program WHERE id = %(id)s FOR UPDATE
