CREATE TABLE "agriculture"."fertilizer_use" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"crop" varchar(16) NOT NULL,
	"sown_area_ha" double precision NOT NULL,
	"nitrogen_t" double precision NOT NULL,
	"phosphate_t" double precision NOT NULL,
	"potash_t" double precision NOT NULL,
	"compound_t" double precision NOT NULL,
	"utilisation_rate_pct" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fertilizer_use_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "fertilizer_use_district_year_crop_unique" UNIQUE("district_code","year","crop"),
	CONSTRAINT "fertilizer_use_crop_check" CHECK ("crop" in ('WHEAT', 'MAIZE', 'RICE', 'VEGETABLES', 'FRUIT_TREES', 'OTHER')),
	CONSTRAINT "fertilizer_use_year_check" CHECK ("year" between 1949 and 2100)
);
--> statement-breakpoint
CREATE TABLE "agriculture"."pesticide_use" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"crop" varchar(16) NOT NULL,
	"active_ingredient_t" double precision NOT NULL,
	"environment_friendly_share_pct" double precision NOT NULL,
	"utilisation_rate_pct" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pesticide_use_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "pesticide_use_district_year_crop_unique" UNIQUE("district_code","year","crop"),
	CONSTRAINT "pesticide_use_crop_check" CHECK ("crop" in ('WHEAT', 'MAIZE', 'RICE', 'VEGETABLES', 'FRUIT_TREES', 'OTHER')),
	CONSTRAINT "pesticide_use_year_check" CHECK ("year" between 1949 and 2100)
);
--> statement-breakpoint
CREATE TABLE "agriculture"."district_coverage" (
	"district_code" varchar(6) NOT NULL,
	"year" integer NOT NULL,
	"external_id" text NOT NULL,
	"soil_testing_coverage_pct" double precision NOT NULL,
	"unified_pest_control_coverage_pct" double precision NOT NULL,
	"farmland_area_ha" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "district_coverage_pk" PRIMARY KEY("district_code","year"),
	CONSTRAINT "district_coverage_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "district_coverage_year_check" CHECK ("year" between 1949 and 2100)
);
--> statement-breakpoint
CREATE TABLE "agriculture"."farmland_class_decisions" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"parcel_id" text NOT NULL,
	"farmland_class" varchar(24) NOT NULL,
	"decided_on" date NOT NULL,
	"basis" text NOT NULL,
	"decision_document" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "farmland_class_decisions_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "farmland_class_decisions_class_check" CHECK ("farmland_class" in ('PRIORITY_PROTECTION', 'SAFE_UTILISATION', 'STRICT_CONTROL'))
);
--> statement-breakpoint
CREATE INDEX "fertilizer_use_year_idx" ON "agriculture"."fertilizer_use" USING btree ("year");--> statement-breakpoint
CREATE INDEX "pesticide_use_year_idx" ON "agriculture"."pesticide_use" USING btree ("year");--> statement-breakpoint
CREATE INDEX "district_coverage_year_idx" ON "agriculture"."district_coverage" USING btree ("year");--> statement-breakpoint
CREATE INDEX "farmland_class_decisions_parcel_decided_idx" ON "agriculture"."farmland_class_decisions" USING btree ("parcel_id","decided_on");--> statement-breakpoint
CREATE INDEX "farmland_class_decisions_decided_idx" ON "agriculture"."farmland_class_decisions" USING btree ("decided_on");