-- Personal data at rest (issue 14): the server's share of each device's sealing key. Null until
-- the device asks for it; cleared at sign-out, remote wipe and a change of role or department.
ALTER TABLE "devices" ADD COLUMN "personal_key" text;
