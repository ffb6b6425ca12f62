-- A centre's clock leaves `centres` for a table of its own, keyed by centre_id: on Citus it is
-- distributed with the centre's rows (and its row lock is taken on the centre's node), while
-- `centres`, `users` and `sessions` are reference tables (docs/operations.md, "A province").
CREATE TABLE "centre_versions" (
	"centre_id" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"purged_before_version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO "centre_versions" ("centre_id", "version", "purged_before_version")
SELECT "id", "version", "purged_before_version" FROM "centres";
--> statement-breakpoint
ALTER TABLE "centres" DROP COLUMN "version";--> statement-breakpoint
ALTER TABLE "centres" DROP COLUMN "purged_before_version";
--> statement-breakpoint
-- The audit log stays append-only by privileges: the role that runs the migrations (the app's own
-- role, which owns the tables) gives up UPDATE, DELETE and TRUNCATE on it. Citus does not create
-- triggers on a distributed table by default, so the TRUNCATE statement trigger goes; the privilege
-- covers TRUNCATE. The row trigger stays: it costs an INSERT nothing (it fires only on UPDATE and
-- DELETE), and a superuser, which is what PGlite always runs as, passes every privilege check, so
-- without it the embedded database would have no guard against UPDATE and DELETE, which the tests
-- prove refused on both databases. On PGlite a TRUNCATE is no longer refused; no code path sends
-- one, and nothing but the app's own process can reach that database (docs/operations.md).
DROP TRIGGER "audit_log_no_truncate" ON "audit_log";
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM CURRENT_USER;
