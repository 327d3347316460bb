-- Every group post names the group's chatid: a robot in several groups delivers a post without one to all of them.

-- Whether the group's chat id is WeCom's own: a callback from the group carried it, or an administrator confirmed it.
ALTER TABLE groups ADD COLUMN chat_id_known boolean NOT NULL DEFAULT false;
-- An administrator's word that the group's webhook key belongs to a robot in this group alone: the only case in which
-- a post may go without a chat id (it reaches that one group).
ALTER TABLE groups ADD COLUMN webhook_key_exclusive boolean NOT NULL DEFAULT false;

UPDATE groups g SET chat_id_known = true
WHERE g.callback_webhook_url IS NOT NULL OR EXISTS (SELECT 1 FROM inbound_messages m WHERE m.chat_id = g.chat_id);

-- Posts held (status 'held') for a group without a posting route, released when its route changes.
CREATE INDEX outbox_held ON outbox (chat_id) WHERE status = 'held';
