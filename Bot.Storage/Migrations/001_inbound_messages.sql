-- Every callback WeCom delivered, parsed and raw. The dedupe key makes WeCom's retries (up to 3) one row,
-- and so one evaluation.
CREATE TABLE inbound_messages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key   text        NOT NULL,
    channel      text        NOT NULL,
    chat_id      text        NOT NULL,
    chat_type    text        NOT NULL,
    sender_id    text        NOT NULL,
    sender_name  text        NOT NULL,
    kind         text        NOT NULL,
    raw_kind     text        NOT NULL,
    text         text        NOT NULL,
    mentions     text[]      NOT NULL,
    quote        text,
    reply_url    text,
    event_name   text,
    received_at  timestamptz NOT NULL,
    -- 'evaluated' when the rules ran (the row is written once, with its verdicts, in the transaction that judged it);
    -- 'ignored' for kinds no rule reads (recorded, so nothing is silently lost).
    status       text        NOT NULL,
    -- Every rule's verdict with its evidence, passing or not: the explanation of what the bot did and why.
    verdicts     jsonb       NOT NULL DEFAULT '[]',
    payload      text        NOT NULL,
    CONSTRAINT inbound_messages_dedupe_key UNIQUE (dedupe_key)
);

CREATE INDEX inbound_messages_chat_time ON inbound_messages (chat_id, received_at);
CREATE INDEX inbound_messages_sender_time ON inbound_messages (chat_id, sender_id, received_at);
