CREATE TABLE "environment"."self_monitoring_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"enterprise_credit_code" varchar(18) NOT NULL,
	"year" integer NOT NULL,
	"reported_on" date NOT NULL,
	"summary" text NOT NULL,
	"exceedances" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "self_monitoring_reports_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "self_monitoring_reports_year_check" CHECK (year >= 2018),
	CONSTRAINT "self_monitoring_reports_exceedances_check" CHECK (exceedances >= 0),
	CONSTRAINT "self_monitoring_reports_summary_check" CHECK (char_length(summary) between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "environment"."site_status_changes" ADD COLUMN "external_id" text;--> statement-breakpoint
-- Changes stored before status changes could be submitted are known by their public id.
UPDATE "environment"."site_status_changes" SET "external_id" = "id" WHERE "external_id" IS NULL;--> statement-breakpoint
ALTER TABLE "environment"."site_status_changes" ALTER COLUMN "external_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "environment"."self_monitoring_reports" ADD CONSTRAINT "self_monitoring_reports_enterprise_credit_code_enterprises_credit_code_fk" FOREIGN KEY ("enterprise_credit_code") REFERENCES "environment"."enterprises"("credit_code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "self_monitoring_reports_enterprise_year_unique" ON "environment"."self_monitoring_reports" USING btree ("enterprise_credit_code","year");--> statement-breakpoint
ALTER TABLE "environment"."site_status_changes" ADD CONSTRAINT "site_status_changes_external_id_unique" UNIQUE("external_id");