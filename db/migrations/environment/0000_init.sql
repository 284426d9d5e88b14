CREATE TABLE "environment"."enterprises" (
	"credit_code" varchar(18) PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"industry" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"parcel_id" text,
	"location" jsonb NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"supervised_since" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "enterprises_credit_code_check" CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$')
);
--> statement-breakpoint
CREATE TABLE "environment"."measurements" (
	"sample_id" text NOT NULL,
	"analyte" varchar(40) NOT NULL,
	"value_mg_per_kg" double precision,
	"below_detection_limit" boolean NOT NULL,
	"detection_limit_mg_per_kg" double precision,
	"method" text NOT NULL,
	"analysed_on" date,
	"quality_flag" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measurements_pkey" PRIMARY KEY("sample_id","analyte"),
	CONSTRAINT "measurements_quality_flag_check" CHECK (quality_flag in ('VALID', 'ESTIMATED', 'REJECTED')),
	CONSTRAINT "measurements_value_check" CHECK (value_mg_per_kg is null or value_mg_per_kg >= 0),
	CONSTRAINT "measurements_below_detection_limit_check" CHECK ((below_detection_limit and value_mg_per_kg is null and detection_limit_mg_per_kg is not null) or (not below_detection_limit and value_mg_per_kg is not null))
);
--> statement-breakpoint
CREATE TABLE "environment"."monitoring_points" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" varchar(16) NOT NULL,
	"purpose" varchar(24) NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"parcel_id" text,
	"water_source_id" text,
	"location" jsonb NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"established_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monitoring_points_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "monitoring_points_code_unique" UNIQUE("code"),
	CONSTRAINT "monitoring_points_level_check" CHECK (level in ('NATIONAL', 'MUNICIPAL', 'DISTRICT')),
	CONSTRAINT "monitoring_points_purpose_check" CHECK (purpose in ('FARMLAND', 'CONSTRUCTION_LAND', 'WATER_SOURCE'))
);
--> statement-breakpoint
CREATE TABLE "environment"."soil_samples" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"point_id" text,
	"parcel_id" text,
	"district_code" varchar(6) NOT NULL,
	"sampled_on" date NOT NULL,
	"depth_top_cm" integer NOT NULL,
	"depth_bottom_cm" integer NOT NULL,
	"ph" double precision,
	"ph_method" text,
	"lab" text NOT NULL,
	"location" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "soil_samples_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "soil_samples_depth_check" CHECK (depth_top_cm >= 0 and depth_bottom_cm > depth_top_cm),
	CONSTRAINT "soil_samples_ph_check" CHECK (ph is null or (ph >= 0 and ph <= 14))
);
--> statement-breakpoint
ALTER TABLE "environment"."measurements" ADD CONSTRAINT "measurements_sample_id_soil_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "environment"."soil_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment"."soil_samples" ADD CONSTRAINT "soil_samples_point_id_monitoring_points_id_fk" FOREIGN KEY ("point_id") REFERENCES "environment"."monitoring_points"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprises_district_code_idx" ON "environment"."enterprises" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "enterprises_industry_idx" ON "environment"."enterprises" USING btree ("industry");--> statement-breakpoint
CREATE INDEX "enterprises_parcel_id_idx" ON "environment"."enterprises" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "measurements_analyte_idx" ON "environment"."measurements" USING btree ("analyte");--> statement-breakpoint
CREATE INDEX "monitoring_points_district_code_idx" ON "environment"."monitoring_points" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "monitoring_points_parcel_id_idx" ON "environment"."monitoring_points" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "monitoring_points_water_source_id_idx" ON "environment"."monitoring_points" USING btree ("water_source_id");--> statement-breakpoint
CREATE INDEX "monitoring_points_lon_lat_idx" ON "environment"."monitoring_points" USING btree ("lon","lat");--> statement-breakpoint
CREATE INDEX "soil_samples_sampled_on_id_idx" ON "environment"."soil_samples" USING btree ("sampled_on","id");--> statement-breakpoint
CREATE INDEX "soil_samples_district_code_idx" ON "environment"."soil_samples" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "soil_samples_parcel_id_idx" ON "environment"."soil_samples" USING btree ("parcel_id");--> statement-breakpoint
CREATE INDEX "soil_samples_point_id_idx" ON "environment"."soil_samples" USING btree ("point_id");