-- The message archive (会话内容存档) as a second channel: which archive room is which group, how far the archive has
-- been read, and how a message seen on both channels is judged once.

-- A group's archive room id (the archive's `roomid`), set by an administrator, and which channel judges its messages:
-- 'callback' (only what @-mentions the bot), 'archive' (every message, from the archive) or 'both' (the archive, and
-- a callback whose archive copy never comes).
ALTER TABLE groups ADD COLUMN archive_room_id text UNIQUE;
ALTER TABLE groups ADD COLUMN channel text NOT NULL DEFAULT 'callback' CHECK (channel IN ('callback', 'archive', 'both'));

-- The text two copies of one message share (no @-mentions, no punctuation or spacing), and for a copy the message it
-- is a copy of. A row that is neither a copy nor the target of one is still waiting for its other copy.
ALTER TABLE inbound_messages ADD COLUMN match_text text;
-- Deferred: a batch writes the copies it did not judge before the messages it judged, which a copy may point at.
ALTER TABLE inbound_messages ADD COLUMN copy_of bigint REFERENCES inbound_messages (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX inbound_messages_copy_of ON inbound_messages (copy_of) WHERE copy_of IS NOT NULL;
-- The counterpart of a message is looked up by group, sender and time.
CREATE INDEX inbound_messages_chat_sender_time ON inbound_messages (chat_id, sender_id, received_at) WHERE match_text IS NOT NULL;
-- Callback copies waiting for their archive copy (status 'held'), read by the poller's fallback.
CREATE INDEX inbound_messages_held ON inbound_messages (received_at) WHERE status = 'held';

-- How far the archive is read: every record up to `seq` is committed (as a message, or counted and skipped). Records
-- after it that are committed already are listed in archive_ingested until the cursor reaches them. `caught_up_to`:
-- every message sent before it has been read (deadlines of archive groups wait for it).
CREATE TABLE archive_cursor (
    id            integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    seq           bigint      NOT NULL,
    caught_up_to  timestamptz,
    enabled_at    timestamptz NOT NULL,
    skipped       bigint      NOT NULL DEFAULT 0
);

-- Committed ranges of records (from_seq, to_seq], written in the transaction that records their message.
CREATE TABLE archive_ingested (
    to_seq    bigint PRIMARY KEY,
    from_seq  bigint NOT NULL
);

-- Archive rooms whose messages are counted rather than judged (no group is mapped to them, or the group's channel is
-- 'callback'), with the members of the latest message, from which the bot proposes the group a room belongs to.
CREATE TABLE archive_rooms (
    room_id          text PRIMARY KEY,
    messages         bigint      NOT NULL,
    members          text[]      NOT NULL,
    last_message_at  timestamptz NOT NULL
);

-- A recall (撤回) recorded against the message it takes back, whichever channel recorded that message.
CREATE TABLE message_recalls (
    recalled_dedupe_key  text PRIMARY KEY,
    recall_dedupe_key    text        NOT NULL,
    recalled_at          timestamptz NOT NULL
);
