-- The district view (issue 19): centres with the same district key form a district, whose office
-- (role `district`) reads their monthly figures side by side. `centres` stays a small reference
-- table; the index serves the district office's one lookup of its centres.
ALTER TABLE "centres" ADD COLUMN "district" text;--> statement-breakpoint
CREATE INDEX "centres_district" ON "centres" ("district");
