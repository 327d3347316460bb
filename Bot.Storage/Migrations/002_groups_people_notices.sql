-- The directory: who people are and whom they answer to (escalations go to the supervisor).
CREATE TABLE people (
    user_id     text PRIMARY KEY,
    name        text        NOT NULL,
    department  text        NOT NULL DEFAULT '',
    supervisor  text,
    role        text,
    updated_at  timestamptz NOT NULL
);

-- Groups the bot watches: where it posts (webhook key), who owns it, who may issue notices, policy overrides.
CREATE TABLE groups (
    chat_id      text PRIMARY KEY,
    name         text        NOT NULL DEFAULT '',
    webhook_key  text,
    owner        text,
    issuers      text[]      NOT NULL DEFAULT '{}',
    policy       jsonb       NOT NULL DEFAULT '{}',
    -- The WebhookUrl of the latest robot callback from this group: where to post when no key is configured.
    callback_webhook_url  text,
    updated_at   timestamptz NOT NULL
);

-- The roster, in the order members were added (reminders mention them in this order).
CREATE TABLE group_members (
    chat_id   text        NOT NULL,
    user_id   text        NOT NULL,
    position  bigint GENERATED ALWAYS AS IDENTITY,
    source    text        NOT NULL,          -- 'admin' (configured) or 'seen' (posted while not on the roster)
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (chat_id, user_id)
);

-- 收到请回复: a notice and each asked member's duty.
CREATE TABLE notices (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id               text        NOT NULL,
    issuer_id             text        NOT NULL,
    inbound_id            bigint      REFERENCES inbound_messages (id),
    text                  text        NOT NULL,
    phrase                text        NOT NULL,
    posted_at             timestamptz NOT NULL,
    reply_deadline        timestamptz NOT NULL,
    reminded_at           timestamptz,
    explanation_deadline  timestamptz,
    stage                 text        NOT NULL,   -- Open, Reminded, Escalated, Closed, Cancelled
    closed_at             timestamptz
);
CREATE INDEX notices_open ON notices (chat_id, posted_at) WHERE stage IN ('Open', 'Reminded');

CREATE TABLE notice_duties (
    notice_id     bigint      NOT NULL REFERENCES notices (id),
    user_id       text        NOT NULL,
    position      integer     NOT NULL,
    replied_at    timestamptz,
    late          boolean     NOT NULL DEFAULT false,
    explained_at  timestamptz,
    escalated_at  timestamptz,
    PRIMARY KEY (notice_id, user_id)
);

-- 存在问题我已清楚，将立即整改: one row per member named in an inspection post.
CREATE TABLE rectifications (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id            text        NOT NULL,
    inspector_id       text        NOT NULL,
    member_id          text        NOT NULL,
    inbound_id         bigint      REFERENCES inbound_messages (id),
    text               text        NOT NULL,
    posted_at          timestamptz NOT NULL,
    reply_deadline     timestamptz NOT NULL,
    replied_at         timestamptz,
    evidence_deadline  timestamptz,
    evidence_at        timestamptz,
    stage              text        NOT NULL,   -- AwaitingReply, AwaitingEvidence, Done, Escalated
    missed             text
);
CREATE INDEX rectifications_open ON rectifications (chat_id) WHERE stage IN ('AwaitingReply', 'AwaitingEvidence');

-- Broken rules with their evidence; strikes count toward the group's StrikeLimit within StrikeWindow.
CREATE TABLE violations (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    chat_id     text        NOT NULL,
    user_id     text        NOT NULL,
    inbound_id  bigint      REFERENCES inbound_messages (id),
    rule        text        NOT NULL,
    category    text        NOT NULL,
    evidence    text        NOT NULL,
    strike      boolean     NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX violations_strikes ON violations (chat_id, user_id, at) WHERE strike;

-- Every change an administrator or the bot made, and why.
CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor    text        NOT NULL,
    action   text        NOT NULL,
    subject  text        NOT NULL,
    detail   jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
