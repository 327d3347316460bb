-- A member who answered a notice with other words than the phrase is told once which words count.
ALTER TABLE notice_duties ADD COLUMN hinted_at timestamptz;

-- Escalated notices still take late replies for a few days (NoticeStore.EscalatedGrace): read by group and escalation time.
CREATE INDEX notices_escalated ON notices (chat_id, closed_at) WHERE stage = 'Escalated';

-- 「统计」 and 「未回复」 ask for the latest notice of each issuer in a group, whatever its stage.
CREATE INDEX notices_by_issuer ON notices (chat_id, issuer_id, posted_at DESC, id DESC);
