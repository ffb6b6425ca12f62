CREATE TABLE "refused_mutations" (
	"centre_id" text NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_user_id" text NOT NULL,
	CONSTRAINT "refused_mutations_centre_id_name_code_pk" PRIMARY KEY("centre_id","name","code")
);
--> statement-breakpoint
-- Rows written before this migration held arguments and whole rows before and after, personal data
-- included, which no retention run could reach. They are rewritten to what push.ts writes from now
-- on: arguments with personal values replaced by "[personal]", and per change only the entity, id,
-- op and the names of the fields that changed. The key list is src/lib/schemas/personal.ts
-- (personalKeys) as it stands at this migration; the functions live only inside it.
CREATE FUNCTION audit_redact_0002(value jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	IF jsonb_typeof(value) = 'object' THEN
		RETURN coalesce((
			SELECT jsonb_object_agg(
				e.key,
				CASE
					WHEN e.key = ANY (ARRAY[
						'applicant', 'notes', 'cancelReason', 'name', 'phone', 'note', 'arrangements',
						'findings', 'commendations', 'idNumber', 'creditCode', 'text', 'correction',
						'proposal', 'reason'
					]) AND jsonb_typeof(e.value) <> 'null' THEN '"[personal]"'::jsonb
					ELSE audit_redact_0002(e.value)
				END)
			FROM jsonb_each(value) AS e
		), '{}'::jsonb);
	ELSIF jsonb_typeof(value) = 'array' THEN
		RETURN coalesce((
			SELECT jsonb_agg(audit_redact_0002(a.v) ORDER BY a.n)
			FROM jsonb_array_elements(value) WITH ORDINALITY AS a(v, n)
		), '[]'::jsonb);
	END IF;
	RETURN value;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION audit_change_0002(c jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	before_row jsonb := CASE WHEN jsonb_typeof(c->'before') = 'object' THEN c->'before' ELSE '{}'::jsonb END;
	after_row jsonb := CASE WHEN jsonb_typeof(c->'after') = 'object' THEN c->'after' ELSE '{}'::jsonb END;
BEGIN
	-- Entries of a retention run already name only entity, id and op.
	IF jsonb_typeof(c) <> 'object' OR NOT (c ? 'before' OR c ? 'after') THEN
		RETURN c;
	END IF;
	RETURN jsonb_build_object(
		'entity', c->'entity',
		'id', c->'id',
		'op', c->'op',
		'fields', coalesce((
			SELECT jsonb_agg(k ORDER BY k COLLATE "C")
			FROM (SELECT jsonb_object_keys(before_row) AS k UNION SELECT jsonb_object_keys(after_row)) AS keys
			WHERE before_row->k IS DISTINCT FROM after_row->k
		), '[]'::jsonb)
	);
END;
$$;
--> statement-breakpoint
-- Refused mutations are counted from now on; the ones logged so far are counted once here.
INSERT INTO refused_mutations (centre_id, name, code, count, first_at, last_at, last_user_id)
SELECT centre_id, name, code, count(*), min(at), max(at), (array_agg(user_id ORDER BY at DESC, id DESC))[1]
FROM audit_log
WHERE code IN ('UNKNOWN_MUTATION', 'FORBIDDEN')
GROUP BY centre_id, name, code;
--> statement-breakpoint
-- The append-only trigger is lifted for this one statement, inside the migration's transaction: no
-- other session can write in between, and the trigger is back before the transaction commits.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
UPDATE audit_log SET
	args = CASE WHEN code IN ('UNKNOWN_MUTATION', 'FORBIDDEN') THEN NULL ELSE audit_redact_0002(args) END,
	changes = (
		SELECT coalesce(jsonb_agg(audit_change_0002(x.c) ORDER BY x.n), '[]'::jsonb)
		FROM jsonb_array_elements(CASE WHEN jsonb_typeof(changes) = 'array' THEN changes ELSE '[]'::jsonb END)
			WITH ORDINALITY AS x(c, n)
	);
--> statement-breakpoint
ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete;
--> statement-breakpoint
DROP FUNCTION audit_change_0002(jsonb);
--> statement-breakpoint
DROP FUNCTION audit_redact_0002(jsonb);
