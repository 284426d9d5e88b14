CREATE TABLE "environment"."data_version" (
	"table_name" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);--> statement-breakpoint
CREATE FUNCTION "environment"."bump_data_version"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
  INSERT INTO "environment"."data_version" ("table_name", "version") VALUES (TG_TABLE_NAME, 1)
    ON CONFLICT ("table_name") DO UPDATE SET "version" = "data_version"."version" + 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."contaminated_sites" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."enterprises" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."measurements" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."monitoring_points" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."self_monitoring_reports" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."site_status_changes" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."soil_samples" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "bump_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "environment"."soil_surveys" FOR EACH STATEMENT EXECUTE FUNCTION "environment"."bump_data_version"();
