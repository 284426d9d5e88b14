CREATE TABLE "agriculture"."safe_utilisation_records" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"parcel_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"measures" text[] NOT NULL,
	"crops_compliant" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "safe_utilisation_records_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "safe_utilisation_records_parcel_year_unique" UNIQUE("parcel_id","year"),
	CONSTRAINT "safe_utilisation_records_measures_check" CHECK ("measures" <@ array['LOW_ACCUMULATION_VARIETY', 'AGRONOMIC_REGULATION', 'SOIL_CONDITIONING', 'PLANTING_STRUCTURE_ADJUSTMENT', 'FALLOW']::text[]),
	CONSTRAINT "safe_utilisation_records_year_check" CHECK ("year" between 1949 and 2100)
);
--> statement-breakpoint
ALTER TABLE "agriculture"."farmland_class_decisions" ADD COLUMN "district_code" varchar(6);--> statement-breakpoint
-- Decisions stored before this migration: planning's parcel ids begin with the district code (one-off backfill).
UPDATE "agriculture"."farmland_class_decisions" SET "district_code" = left("parcel_id", 6) WHERE "district_code" IS NULL;--> statement-breakpoint
ALTER TABLE "agriculture"."farmland_class_decisions" ALTER COLUMN "district_code" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "safe_utilisation_records_district_year_idx" ON "agriculture"."safe_utilisation_records" USING btree ("district_code","year");--> statement-breakpoint
CREATE INDEX "farmland_class_decisions_district_idx" ON "agriculture"."farmland_class_decisions" USING btree ("district_code");