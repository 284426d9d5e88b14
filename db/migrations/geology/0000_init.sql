CREATE TABLE "geology"."background_values" (
	"district_code" varchar(6) NOT NULL,
	"analyte" varchar(40) NOT NULL,
	"sample_count" integer NOT NULL,
	"mean_mg_per_kg" double precision NOT NULL,
	"median_mg_per_kg" double precision NOT NULL,
	"p95_mg_per_kg" double precision NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "background_values_pkey" PRIMARY KEY("district_code","analyte"),
	CONSTRAINT "background_values_sample_count_check" CHECK (sample_count > 0)
);
--> statement-breakpoint
CREATE TABLE "geology"."survey_measurements" (
	"point_id" text NOT NULL,
	"analyte" varchar(40) NOT NULL,
	"value_mg_per_kg" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_measurements_pkey" PRIMARY KEY("point_id","analyte")
);
--> statement-breakpoint
CREATE TABLE "geology"."survey_points" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"location" jsonb NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"sampled_on" date,
	"depth_cm" integer NOT NULL,
	"soil_type" varchar(24) NOT NULL,
	"parent_material" varchar(24) NOT NULL,
	"groundwater_depth_m" double precision,
	"ph" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_points_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "survey_points_soil_type_check" CHECK (soil_type in ('CINNAMON', 'FLUVO_AQUIC', 'BROWN_EARTH', 'MOUNTAIN_MEADOW', 'SALINE_ALKALI')),
	CONSTRAINT "survey_points_parent_material_check" CHECK (parent_material in ('LOESS', 'ALLUVIUM', 'GRANITE_WEATHERING', 'LIMESTONE_WEATHERING', 'DILUVIUM')),
	CONSTRAINT "survey_points_depth_cm_check" CHECK (depth_cm > 0)
);
--> statement-breakpoint
ALTER TABLE "geology"."survey_measurements" ADD CONSTRAINT "survey_measurements_point_id_survey_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "geology"."survey_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_points_district_code_idx" ON "geology"."survey_points" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "survey_points_lon_lat_idx" ON "geology"."survey_points" USING btree ("lon","lat");