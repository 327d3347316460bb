-- A violation's evidence as the rule explained it: its wording and values apart (see Explanation), so the dashboard
-- shows it in Chinese; the English `evidence` stays for the admin API. Rows from before have none and show the English.
ALTER TABLE violations ADD COLUMN why jsonb;

-- A notice's page reads its own audit entries (reminders on demand, escalations, cancellation) for its timeline.
CREATE INDEX audit_log_subject ON audit_log (subject, id);

-- The notices' history is searched by time, newest first, across groups.
CREATE INDEX notices_posted ON notices (posted_at DESC, id DESC);
