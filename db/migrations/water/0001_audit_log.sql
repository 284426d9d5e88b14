CREATE TABLE "water"."audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"subject" text NOT NULL,
	"agency" text NOT NULL,
	"operation" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_key" text NOT NULL,
	"change" text NOT NULL,
	"before_digest" text,
	"after_digest" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "water"."audit_log" USING btree ("entity_type","entity_key");--> statement-breakpoint
CREATE FUNCTION "water"."audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log of water is append-only: % is not allowed', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "water"."audit_log" FOR EACH ROW EXECUTE FUNCTION "water"."audit_log_append_only"();
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "water"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "water"."audit_log_append_only"();
