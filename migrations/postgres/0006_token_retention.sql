-- Data protection (issue #9): a closed wave's invitation tokens are deleted once the retention
-- period has passed (a list of tokens is what could tie a printed slip to a person). Each
-- batch keeps how many of its tokens were used, so response-rate pages stay right; NULL
-- until its tokens are purged (then the count comes from the invitations themselves).
ALTER TABLE invitation_batches ADD COLUMN purged_used BIGINT;
