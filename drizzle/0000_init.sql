CREATE TABLE "audit_log" (
	"id" bigserial NOT NULL,
	"centre_id" text NOT NULL,
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"mutation_id" bigint NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"args" jsonb,
	"changes" jsonb NOT NULL,
	CONSTRAINT "audit_log_centre_id_id_pk" PRIMARY KEY("centre_id","id")
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"purged_before_version" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "centres_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"centre_id" text NOT NULL,
	"device_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_mutation_id" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "devices_centre_id_device_id_pk" PRIMARY KEY("centre_id","device_id")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"address" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mutation_results" (
	"centre_id" text NOT NULL,
	"device_id" text NOT NULL,
	"mutation_id" bigint NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"message" text,
	"params" jsonb,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutation_results_centre_id_device_id_mutation_id_pk" PRIMARY KEY("centre_id","device_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "records" (
	"centre_id" text NOT NULL,
	"entity" text NOT NULL,
	"id" text NOT NULL,
	"data" jsonb,
	"version" bigint NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "records_centre_id_entity_id_pk" PRIMARY KEY("centre_id","entity","id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"centre_id" text NOT NULL,
	"department_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE INDEX "login_failures_username" ON "login_failures" USING btree ("username","at");--> statement-breakpoint
CREATE INDEX "login_failures_address" ON "login_failures" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "mutation_results_rejected" ON "mutation_results" USING btree ("centre_id","device_id","mutation_id") WHERE "mutation_results"."status" = 'rejected';--> statement-breakpoint
CREATE INDEX "records_centre_version" ON "records" USING btree ("centre_id","version");--> statement-breakpoint
CREATE INDEX "records_centre_entity_date" ON "records" USING btree ("centre_id","entity",("data"->>'date'));--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_centre" ON "users" USING btree ("centre_id");