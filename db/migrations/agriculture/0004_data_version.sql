CREATE TABLE "agriculture"."data_version" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);--> statement-breakpoint
CREATE FUNCTION "agriculture"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO "agriculture"."data_version" ("table_name", "version") VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT ("table_name") DO UPDATE SET "version" = "data_version"."version" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agriculture"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "agriculture"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agriculture"."district_coverage" FOR EACH STATEMENT EXECUTE FUNCTION "agriculture"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agriculture"."farmland_class_decisions" FOR EACH STATEMENT EXECUTE FUNCTION "agriculture"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agriculture"."fertilizer_use" FOR EACH STATEMENT EXECUTE FUNCTION "agriculture"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agriculture"."pesticide_use" FOR EACH STATEMENT EXECUTE FUNCTION "agriculture"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agriculture"."safe_utilisation_records" FOR EACH STATEMENT EXECUTE FUNCTION "agriculture"."bump_data_version"();
