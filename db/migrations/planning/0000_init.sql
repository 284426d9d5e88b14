CREATE TABLE "planning"."districts" (
	"code" varchar(6) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_zh" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "planning"."parcels" (
	"id" text PRIMARY KEY NOT NULL,
	"external_id" text NOT NULL,
	"district_code" varchar(6) NOT NULL,
	"name" text NOT NULL,
	"land_use" varchar(4) NOT NULL,
	"planned_use" varchar(8),
	"area_ha" double precision NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lon" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lon" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parcels_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
ALTER TABLE "planning"."parcels" ADD CONSTRAINT "parcels_district_code_districts_code_fk" FOREIGN KEY ("district_code") REFERENCES "planning"."districts"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parcels_district_code_idx" ON "planning"."parcels" USING btree ("district_code");--> statement-breakpoint
CREATE INDEX "parcels_land_use_idx" ON "planning"."parcels" USING btree ("land_use");--> statement-breakpoint
CREATE INDEX "parcels_bbox_idx" ON "planning"."parcels" USING btree ("min_lon","max_lon","min_lat","max_lat");