-- People and access (issue 16): a device's last sync, for the admin's list of a user's devices,
-- and the remote wipe that refuses the device's every later push and pull.
ALTER TABLE "devices" ADD COLUMN "last_sync_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "wiped_at" timestamp with time zone;--> statement-breakpoint
UPDATE "devices" SET "last_sync_at" = "updated_at";
