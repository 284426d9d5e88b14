CREATE TABLE "planning"."data_version" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);--> statement-breakpoint
CREATE FUNCTION "planning"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO "planning"."data_version" ("table_name", "version") VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT ("table_name") DO UPDATE SET "version" = "data_version"."version" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "planning"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "planning"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "planning"."districts" FOR EACH STATEMENT EXECUTE FUNCTION "planning"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "planning"."land_use_changes" FOR EACH STATEMENT EXECUTE FUNCTION "planning"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "planning"."parcels" FOR EACH STATEMENT EXECUTE FUNCTION "planning"."bump_data_version"();
