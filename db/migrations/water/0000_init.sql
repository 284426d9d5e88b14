CREATE TABLE "water"."protection_zones" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"water_source_id" text NOT NULL,
	"level" varchar(8) NOT NULL,
	"part" varchar(8) NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"area_km2" double precision NOT NULL,
	"approved_on" date,
	"approval_document" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "protection_zones_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "protection_zones_source_level_part_unique" UNIQUE("water_source_id","level","part"),
	CONSTRAINT "protection_zones_level_check" CHECK (level in ('LEVEL_1', 'LEVEL_2', 'QUASI')),
	CONSTRAINT "protection_zones_part_check" CHECK (part in ('WATER', 'LAND'))
);
--> statement-breakpoint
CREATE TABLE "water"."water_sources" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" varchar(16) NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"location" jsonb NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"capacity_m3_per_day" double precision NOT NULL,
	"served_population" integer,
	"in_service_since" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "water_sources_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "water_sources_kind_check" CHECK (kind in ('SURFACE', 'GROUNDWATER'))
);
--> statement-breakpoint
ALTER TABLE "water"."protection_zones" ADD CONSTRAINT "protection_zones_water_source_id_water_sources_id_fk" FOREIGN KEY ("water_source_id") REFERENCES "water"."water_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "protection_zones_water_source_id_idx" ON "water"."protection_zones" USING btree ("water_source_id");--> statement-breakpoint
CREATE INDEX "protection_zones_bbox_idx" ON "water"."protection_zones" USING btree ("min_lon","max_lon","min_lat","max_lat");--> statement-breakpoint
CREATE INDEX "water_sources_district_code_idx" ON "water"."water_sources" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "water_sources_lon_lat_idx" ON "water"."water_sources" USING btree ("lon","lat");