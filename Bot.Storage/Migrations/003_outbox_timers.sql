-- Everything the bot says, written in the transaction of the decision that causes it and sent by the dispatcher.
CREATE TABLE outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text        NOT NULL UNIQUE,
    kind             text        NOT NULL,      -- webhook, private, appchat, response
    rate_key         text        NOT NULL,      -- the limit it counts against: one webhook key, or one private recipient
    target           text        NOT NULL,      -- webhook key or URL, "user1|user2", chat id, response URL
    chat_id          text,
    payload          jsonb       NOT NULL,
    reason           text        NOT NULL,
    status           text        NOT NULL,      -- pending, sending, sent, dead
    attempts         integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,      -- also holds a post until quiet hours end
    claimed_until    timestamptz,               -- a claim that outlives its sender (a crash) is taken over after this
    reserved_at      timestamptz,               -- when it took a slot of its rate limit
    sent_at          timestamptz,
    last_error       text,
    response         text
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_rate ON outbox (rate_key, reserved_at);

-- Deadlines: each fires once (its effects commit in the transaction that marks it done).
CREATE TABLE timers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text        NOT NULL,   -- notice-reply, notice-explanation, rectification-reply, rectification-evidence
    subject_id  bigint      NOT NULL,
    due_at      timestamptz NOT NULL,
    state       text        NOT NULL,   -- pending, done
    fired_at    timestamptz,
    result      text,
    UNIQUE (kind, subject_id)
);
CREATE INDEX timers_due ON timers (due_at) WHERE state = 'pending';

-- Banned-word lists by category, and the allow-list (category 'allow'), reloaded without a restart.
CREATE TABLE word_entries (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category    text        NOT NULL,
    pattern     text        NOT NULL,
    kind        text        NOT NULL DEFAULT 'plain',   -- plain, wildcard, regex
    created_at  timestamptz NOT NULL,
    UNIQUE (category, pattern)
);

-- A counter bumped by every change of the word lists: each host compares it per message and rebuilds its matcher
-- when it moved, so a word added by an administrator flags the very next message on every replica.
CREATE TABLE word_list_version (
    id       integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    version  bigint  NOT NULL,
    -- Whether the shipped default lists were copied in (once: an administrator may delete entries afterwards).
    seeded   boolean NOT NULL DEFAULT false
);
INSERT INTO word_list_version (id, version) VALUES (1, 0);

CREATE FUNCTION bump_word_list_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE word_list_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END $$;

CREATE TRIGGER word_entries_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON word_entries
    FOR EACH STATEMENT EXECUTE FUNCTION bump_word_list_version();
