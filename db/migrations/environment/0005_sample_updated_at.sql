ALTER TABLE "environment"."soil_samples" ALTER COLUMN "updated_at" SET DATA TYPE timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "environment"."soil_samples" ALTER COLUMN "updated_at" SET DEFAULT now();--> statement-breakpoint
CREATE INDEX "soil_samples_district_updated_idx" ON "environment"."soil_samples" USING btree ("district_code","updated_at","id");--> statement-breakpoint
CREATE INDEX "soil_samples_updated_at_id_idx" ON "environment"."soil_samples" USING btree ("updated_at","id");