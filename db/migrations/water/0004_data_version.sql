CREATE TABLE "water"."data_version" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);--> statement-breakpoint
CREATE FUNCTION "water"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO "water"."data_version" ("table_name", "version") VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT ("table_name") DO UPDATE SET "version" = "data_version"."version" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "water"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "water"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "water"."protection_zones" FOR EACH STATEMENT EXECUTE FUNCTION "water"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "water"."water_sources" FOR EACH STATEMENT EXECUTE FUNCTION "water"."bump_data_version"();
