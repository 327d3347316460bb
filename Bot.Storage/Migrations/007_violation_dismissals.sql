-- 「误判」: an administrator marks a violation as wrongly found. The row and its evidence stay (the record of what the
-- bot did), but it no longer counts: its strike is removed (strike = false), and who did it, when and why are kept.
ALTER TABLE violations
    ADD COLUMN dismissed_at     timestamptz,
    ADD COLUMN dismissed_by     text,
    ADD COLUMN dismissed_reason text;
