CREATE TABLE "environment"."contaminated_sites" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"parcel_id" text NOT NULL,
	"enterprise_credit_code" varchar(18),
	"former_activity" text NOT NULL,
	"status" varchar(20) NOT NULL,
	"status_since" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contaminated_sites_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "contaminated_sites_id_check" CHECK (id ~ '^CS-[0-9]{6}-[0-9]{2,}$'),
	CONSTRAINT "contaminated_sites_status_check" CHECK (status in ('SUSPECTED', 'SURVEYED', 'LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED', 'REASSESSED'))
);
--> statement-breakpoint
CREATE TABLE "environment"."site_status_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"status" varchar(20) NOT NULL,
	"changed_on" date NOT NULL,
	"document" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_status_changes_status_check" CHECK (status in ('SUSPECTED', 'SURVEYED', 'LISTED', 'UNDER_CONTROL', 'UNDER_REMEDIATION', 'REMEDIATED', 'REASSESSED'))
);
--> statement-breakpoint
CREATE TABLE "environment"."soil_surveys" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"parcel_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"stage" varchar(20) NOT NULL,
	"started_on" date NOT NULL,
	"completed_on" date,
	"conclusion" varchar(20),
	"report" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soil_surveys_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "soil_surveys_stage_check" CHECK (stage in ('PRELIMINARY', 'DETAILED', 'RISK_ASSESSMENT', 'EFFECT_EVALUATION')),
	CONSTRAINT "soil_surveys_conclusion_check" CHECK (conclusion is null or conclusion in ('BELOW_SCREENING', 'ABOVE_SCREENING', 'RISK_ACCEPTABLE', 'RISK_UNACCEPTABLE', 'TARGETS_MET')),
	CONSTRAINT "soil_surveys_completion_check" CHECK ((completed_on is null) = (conclusion is null)),
	CONSTRAINT "soil_surveys_dates_check" CHECK (completed_on is null or completed_on >= started_on)
);
--> statement-breakpoint
ALTER TABLE "environment"."contaminated_sites" ADD CONSTRAINT "contaminated_sites_enterprise_credit_code_enterprises_credit_code_fk" FOREIGN KEY ("enterprise_credit_code") REFERENCES "environment"."enterprises"("credit_code") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment"."site_status_changes" ADD CONSTRAINT "site_status_changes_site_id_contaminated_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "environment"."contaminated_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contaminated_sites_parcel_id_unique" ON "environment"."contaminated_sites" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "contaminated_sites_district_code_idx" ON "environment"."contaminated_sites" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "contaminated_sites_status_idx" ON "environment"."contaminated_sites" USING btree ("status");--> statement-breakpoint
CREATE INDEX "contaminated_sites_enterprise_credit_code_idx" ON "environment"."contaminated_sites" USING btree ("enterprise_credit_code");--> statement-breakpoint
CREATE INDEX "site_status_changes_site_changed_idx" ON "environment"."site_status_changes" USING btree ("site_id","changed_on","id");--> statement-breakpoint
CREATE INDEX "soil_surveys_parcel_started_idx" ON "environment"."soil_surveys" USING btree ("parcel_id","started_on","id");--> statement-breakpoint
CREATE INDEX "soil_surveys_district_code_idx" ON "environment"."soil_surveys" USING btree ("district_code");