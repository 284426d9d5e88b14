CREATE TABLE "planning"."land_use_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"case_number" text NOT NULL,
	"parcel_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"from_planned_use" text,
	"to_planned_use" text NOT NULL,
	"status" varchar(8) NOT NULL,
	"proposed_on" date NOT NULL,
	"decided_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "land_use_changes_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "land_use_changes_status_check" CHECK (status in ('PROPOSED', 'APPROVED', 'REJECTED'))
);
--> statement-breakpoint
ALTER TABLE "planning"."land_use_changes" ADD CONSTRAINT "land_use_changes_parcel_id_parcels_id_fk" FOREIGN KEY ("parcel_id") REFERENCES "planning"."parcels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "planning"."land_use_changes" ADD CONSTRAINT "land_use_changes_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "planning"."districts"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "land_use_changes_parcel_id_idx" ON "planning"."land_use_changes" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "land_use_changes_district_proposed_idx" ON "planning"."land_use_changes" USING btree ("district_code","proposed_on");