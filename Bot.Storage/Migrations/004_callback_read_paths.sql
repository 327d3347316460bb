-- What every callback reads and writes, made cheap.

-- No query reads inbound_messages by sender any more: the flood and back-and-forth rules work on the group's recent
-- posts (inbound_messages_chat_time). Every callback paid for this index on insert.
DROP INDEX IF EXISTS inbound_messages_sender_time;

-- Everyone with a role (principals, admins) is read with every group's state: without this index that is a scan of
-- the whole directory per batch of callbacks.
CREATE INDEX IF NOT EXISTS people_with_role ON people (user_id) WHERE role IS NOT NULL;
